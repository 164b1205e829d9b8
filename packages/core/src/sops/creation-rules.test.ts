import { describe, expect, it } from 'vitest';
import { UserError } from '../common';
import { ageRecipientsFor } from './creation-rules';

const SOPS_YAML = [
  'creation_rules:',
  '  - not a rule',
  '  - path_regex: (^|/)secrets/secrets-dev\\.yaml(\\.enc)?$',
  '    age: " age1dev , age1ops ,"',
  '  - path_regex: (^|/)secrets/secrets-prod\\.yaml(\\.enc)?$',
  '    age: [age1prod, age1ops]',
  '  - path_regex: (^|/)secrets/secrets-qa\\.yaml(\\.enc)?$',
  '    pgp: ABCDEF',
  '  - age: age1catchall',
  '',
].join('\n');

describe('.sops.yaml creation rules', () => {
  it('gives a file the age recipients of the first rule whose path_regex matches, as sops does', () => {
    expect(ageRecipientsFor(SOPS_YAML, '.sops.yaml', 'apps/shop/secrets/secrets-dev.yaml.enc')).toEqual(['age1dev', 'age1ops']);
    expect(ageRecipientsFor(SOPS_YAML, '.sops.yaml', 'apps/shop/secrets/secrets-prod.yaml')).toEqual(['age1prod', 'age1ops']);
    // a matching rule without age keys: no recipients, not the next rule's
    expect(ageRecipientsFor(SOPS_YAML, '.sops.yaml', 'apps/shop/secrets/secrets-qa.yaml.enc')).toEqual([]);
    // a rule without path_regex matches every file
    expect(ageRecipientsFor(SOPS_YAML, '.sops.yaml', 'apps/shop/secrets/other.yaml')).toEqual(['age1catchall']);
  });

  it('gives no recipients when no rule matches or there are no rules', () => {
    expect(ageRecipientsFor('creation_rules:\n  - path_regex: ^x$\n    age: age1x\n', '.sops.yaml', 'y')).toBeUndefined();
    expect(ageRecipientsFor('', '.sops.yaml', 'y')).toBeUndefined();
    expect(ageRecipientsFor('just text\n', '.sops.yaml', 'y')).toBeUndefined();
    expect(ageRecipientsFor('creation_rules: {age: age1x}\n', '.sops.yaml', 'y')).toBeUndefined();
  });

  it('names a .sops.yaml that is not YAML, at line 1, with what to do', () => {
    let error: unknown;
    try {
      ageRecipientsFor('creation_rules: [\n', 'infra/.sops.yaml', 'y');
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(UserError);
    const e = error as UserError;
    expect(e.format()).toMatch(/^infra\/\.sops\.yaml:1:1: not valid YAML \([^\n)]+\)\n {2}Fix the file: sops reads its creation_rules from it\.$/);
  });
});
