import { describe, expect, it } from 'vitest';
import { parseValuesYaml } from '../yaml';
import { addExternalSecretKey, assertSecretKey, externalSecretKeys, sealedSecretKeys, sealedSecretScope, setSealedSecretKey } from './secret-stubs';
import { addSopsRules, sopsPathRegex } from './sops-rules';

const store = { name: 'vault-qa', kind: 'ClusterSecretStore' as const };
const redis = { secretKey: 'redis-password', remote: 'redis', property: 'password' };

describe('External Secrets keys in an overlay', () => {
  it('wires a key under APP/NAMESPACE/ once, keeping the rest of the file', () => {
    const overlay = parseValuesYaml('# qa overrides\nreplicaCount: 2 # two pods\n', 'values-qa.yaml');
    const once = addExternalSecretKey(overlay, 'billing', 'qa', store, redis);
    expect(once.startsWith('# qa overrides\nreplicaCount: 2 # two pods\n')).toBe(true);
    const v = parseValuesYaml(once, 'x').values;
    expect(v.externalSecrets).toEqual({
      enabled: true,
      secretStoreRef: { name: 'vault-qa', kind: 'ClusterSecretStore' },
      refreshInterval: '1h',
      data: [{ secretKey: 'redis-password', remoteRef: { key: 'billing/qa/redis', property: 'password' } }],
    });
    expect(externalSecretKeys(v, 'billing', 'qa')).toEqual([redis]);
    expect(addExternalSecretKey(parseValuesYaml(once, 'x'), 'billing', 'qa', store, redis)).toBe(once);
  });

  it('lists the keys the ExternalSecret had by default with the first key, so none is dropped', () => {
    const overlay = parseValuesYaml('externalSecrets:\n  enabled: true\n', 'values-qa.yaml');
    const db = { secretKey: 'database-url', remote: 'database', property: 'url' };
    const text = addExternalSecretKey(overlay, 'billing', 'qa', store, redis, [db, redis]);
    expect((parseValuesYaml(text, 'x').values.externalSecrets as { data: unknown }).data).toEqual([
      { secretKey: 'database-url', remoteRef: { key: 'billing/qa/database', property: 'url' } },
      { secretKey: 'redis-password', remoteRef: { key: 'billing/qa/redis', property: 'password' } },
    ]);
  });
});

describe('SealedSecret stubs', () => {
  const stub = 'apiVersion: bitnami.com/v1alpha1\nkind: SealedSecret\nmetadata:\n  name: billing-secrets\n  namespace: qa\nspec:\n  encryptedData: {}\n';

  it('lists a key as a placeholder once, then fills it with ciphertext', () => {
    const listed = setSealedSecretKey(parseValuesYaml(stub, 's'), 'redis-password');
    expect(sealedSecretKeys(parseValuesYaml(listed, 's').values)).toEqual(['redis-password']);
    expect(setSealedSecretKey(parseValuesYaml(listed, 's'), 'redis-password')).toBe(listed);
    const sealed = setSealedSecretKey(parseValuesYaml(listed, 's'), 'redis-password', { value: 'AgBy==', scope: 'strict' });
    expect((parseValuesYaml(sealed, 's').values as any).spec.encryptedData).toEqual({ 'redis-password': 'AgBy==' });
  });

  it('annotates the scope the values were sealed with, and refuses to mix scopes in one object', () => {
    const wide = setSealedSecretKey(parseValuesYaml(stub, 's'), 'a', { value: 'AgA=', scope: 'namespace-wide' });
    const values = parseValuesYaml(wide, 's').values as any;
    expect(values.metadata.annotations).toEqual({ 'sealedsecrets.bitnami.com/namespace-wide': 'true' });
    expect(sealedSecretScope(values)).toBe('namespace-wide');
    expect(() => setSealedSecretKey(parseValuesYaml(wide, 's'), 'b', { value: 'AgB=', scope: 'strict' })).toThrow(/the values of this SealedSecret are sealed namespace-wide, so b cannot be sealed strict/);
    // Re-sealing the only value with another scope moves the object to that scope.
    const strict = parseValuesYaml(setSealedSecretKey(parseValuesYaml(wide, 's'), 'a', { value: 'AgC=', scope: 'strict' }), 's').values as any;
    expect(strict.metadata).toEqual({ name: 'billing-secrets', namespace: 'qa' });
  });

  it('refuses keys Kubernetes refuses', () => {
    expect(() => assertSecretKey('a/b')).toThrow(/only letters, digits/);
    expect(assertSecretKey('tls.crt')).toBe('tls.crt');
  });
});

describe('.sops.yaml', () => {
  it('adds a rule before the catch-all, once, keeping comments', () => {
    const existing = parseValuesYaml('# team keys\ncreation_rules:\n  - path_regex: dev\n    age: age1dev\n  # everything else\n  - age: age1ops\n', '.sops.yaml');
    const rendered = parseValuesYaml('creation_rules:\n  - path_regex: qa\n    age: age1qa\n', 'r');
    const text = addSopsRules(existing, rendered);
    expect(text).toContain('# team keys');
    expect((parseValuesYaml(text, 'x').values as any).creation_rules.map((r: any) => r.path_regex ?? '*')).toEqual(['dev', 'qa', '*']);
    expect(addSopsRules(parseValuesYaml(text, 'x'), rendered)).toBe(text);
  });

  it('appends the rule when there is no catch-all, and selects exactly the env\'s secret files', () => {
    const existing = parseValuesYaml('creation_rules:\n  - path_regex: dev\n    age: age1dev\n', '.sops.yaml');
    const rendered = parseValuesYaml(`creation_rules:\n  - path_regex: '${sopsPathRegex('qa')}'\n    age: age1qa\n`, 'r');
    expect(addSopsRules(existing, rendered)).toBe("creation_rules:\n  - path_regex: dev\n    age: age1dev\n  - path_regex: '(^|/)secrets/secrets-qa\\.yaml(\\.enc)?$'\n    age: age1qa\n");
    const re = new RegExp(sopsPathRegex('qa'));
    expect(['secrets/secrets-qa.yaml', 'apps/shop/secrets/secrets-qa.yaml.enc', 'apps/shop/mysecrets/secrets-qa.yaml', 'secrets/secrets-qa2.yaml', 'secrets/secrets-qa.yaml.bak'].map((f) => re.test(f))).toEqual([true, true, false, false, false]);
  });

  it('refuses a .sops.yaml without a creation_rules list, naming it', () => {
    const rendered = parseValuesYaml('creation_rules:\n  - path_regex: qa\n', 'r');
    expect(() => addSopsRules(parseValuesYaml('creation_rules: none\n', 'infra/.sops.yaml'), rendered)).toThrow(expect.objectContaining({ message: 'creation_rules is missing or not a list', file: 'infra/.sops.yaml', hint: 'sops reads its rules from a creation_rules list; add one.' }));
  });
});
