import { describe, expect, it } from 'vitest';
import { looksLikeSopsYaml, parseSopsDocument, sopsKeyNames } from './sops-document';
import { userErrorOf } from '../test-support/user-error-of';

const SOPS = ['sops:', '    lastmodified: "2026-01-02T03:04:05Z"', '    mac: ENC[AES256_GCM,data:abc,type:str]', '    version: 3.8.1'];
const file = (...body: string[]) => [...body, ...SOPS, ''].join('\n');

describe('reading a SOPS file', () => {
  it('tells a SOPS YAML file by a top-level sops section with a mac', () => {
    expect(looksLikeSopsYaml(file('a: 1'))).toBe(true);
    expect(looksLikeSopsYaml('a: 1\nsops:  \n  mac: x\n')).toBe(true);
    expect(looksLikeSopsYaml('a: 1\nsops:\n  version: 3\n')).toBe(false);
    expect(looksLikeSopsYaml('a:\n  sops:\n    mac: x\n')).toBe(false);
    expect(looksLikeSopsYaml('sops: inline\nother:\n  mac: x\n')).toBe(false);
    expect(looksLikeSopsYaml('sops:\n  note: a mac: b\n')).toBe(false);
    expect(looksLikeSopsYaml('mac: x\n')).toBe(false);
  });

  it('lists every value with its key path, line and column, lists adding no key, aliases resolved, nulls skipped', () => {
    const doc = parseSopsDocument(file('a: &x one', 'b: *x', 'list:', '  - p', '  - q', 'nested:', '  sops: inner', '  gone: null', 'empty:'), 'f.yaml');
    expect(doc.leaves.map((l) => [l.path.join('.'), l.node.value, l.line, l.column])).toEqual([
      ['a', 'one', 1, 7],
      ['b', 'one', 1, 7], // an alias is the anchored value, where it is written
      ['list', 'p', 4, 5],
      ['list', 'q', 5, 5],
      ['nested.sops', 'inner', 7, 9],
    ]);
    expect(sopsKeyNames(doc)).toEqual(['a', 'b', 'list', 'nested.sops']);
    expect(doc.leaves.map((l) => l.encrypted)).toEqual([true, true, true, true, true]);
    expect(doc.version).toBe('3.8.1');
    expect(doc.lastmodified).toBe('2026-01-02T03:04:05Z');
    expect(doc.mac).toBe('ENC[AES256_GCM,data:abc,type:str]');
    expect(doc.macAt).toEqual({ line: 12, column: 10 });
  });

  it('applies the file\'s own encryption options to each value', () => {
    const doc = parseSopsDocument(['a: 1', 'b_unencrypted: 2', 'sops:', '    encrypted_regex: ^a$', '    lastmodified: x', '    mac: y', ''].join('\n'), 'f.yaml');
    expect(doc.leaves.map((l) => [l.path[0], l.encrypted])).toEqual([
      ['a', true],
      ['b_unencrypted', false],
    ]);
    expect(doc.version).toBe('');
  });

  it('reads the age stanzas, top-level and in key groups, and names the other master key types', () => {
    const doc = parseSopsDocument(
      [
        'a: 1',
        'sops:',
        '    age:',
        '        - recipient: age1one',
        '          enc: ENC1',
        '        - recipient: age1broken',
        '        - enc: ENC-no-recipient',
        '    key_groups:',
        '        - age:',
        '            - recipient: age1two',
        '              enc: ENC2',
        '            - recipient: age1no-enc',
        '            - enc: ENC-no-recipient',
        '        - pgp:',
        '            - fp: ABC',
        '        - age: none',
        '    kms: []',
        '    hc_vault:',
        '        - vault_address: https://vault',
        '    lastmodified: x',
        '    mac: y',
        '    version: 3',
        '',
      ].join('\n'),
      'f.yaml',
    );
    expect(doc.age).toEqual([
      { recipient: 'age1one', enc: 'ENC1' },
      { recipient: 'age1two', enc: 'ENC2' },
    ]);
    expect(doc.otherKeyTypes).toEqual(['hc_vault', 'pgp']);
    expect(doc.version).toBe('');
    expect(parseSopsDocument(file('a: 1'), 'f').otherKeyTypes).toEqual([]);
    expect(parseSopsDocument(file('a: 1'), 'f').age).toEqual([]);
  });

  it('names what makes a file no SOPS file, where, and what to do', () => {
    expect(userErrorOf(() => parseSopsDocument('a: 1\n', 'x.yaml')).format()).toBe(
      'x.yaml:1:1: not a SOPS file: it has no top-level sops section\n  Encrypt it with sops --encrypt (or gitops secret set), and commit only the encrypted file.',
    );
    expect(userErrorOf(() => parseSopsDocument('a: 1\nsops: 3\n', 'x.yaml')).message).toBe('not a SOPS file: it has no top-level sops section');
    expect(userErrorOf(() => parseSopsDocument('- sops\n', 'x.yaml')).message).toBe('not a SOPS file: it has no top-level sops section');
    expect(userErrorOf(() => parseSopsDocument('a: 1\nb: [\n', 'x.yaml')).format()).toMatch(/^x\.yaml:3:1: not valid YAML: [^\n]+\n {2}Restore the file from Git; edit SOPS files with sops or gitops secret set, not by hand\.$/);
    expect(userErrorOf(() => parseSopsDocument(file('a: 1', 'a: 2'), 'x.yaml')).format()).toMatch(/^x\.yaml:2:1: not valid YAML: Map keys must be unique/);
    expect(userErrorOf(() => parseSopsDocument('a: 1\n\nsops:\n    lastmodified: x\n', 'x.yaml')).format()).toBe(
      'x.yaml:4:5: the sops section has no mac\n  The file was cut or hand-edited: restore it from Git, or re-encrypt it with sops.',
    );
    expect(userErrorOf(() => parseSopsDocument('a: 1\nsops:\n    lastmodified: x\n    mac: ""\n', 'x.yaml')).message).toBe('the sops section has no mac');
    expect(userErrorOf(() => parseSopsDocument('a: 1\nsops:\n    lastmodified: 5\n    mac: y\n', 'x.yaml')).message).toBe('the sops section has no lastmodified');
    expect(userErrorOf(() => parseSopsDocument(file('a:', '  1: v'), 'x.yaml')).format()).toBe('x.yaml:2:3: a key that is not a string (1): SOPS supports only string keys\n  Quote the key.');
  });
});
