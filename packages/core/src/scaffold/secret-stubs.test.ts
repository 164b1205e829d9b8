import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { EnvConfig } from '../config';
import { copyExampleWorkspace, EXAMPLE_ROOT } from '../test-support/example-workspace';
import { loadWorkspace, type AppInfo } from '../workspace';
import { parseValuesYaml } from '../yaml';
import { addExternalSecretKey, assertSecretKey, externalSecretKeys, mergeSecretKeys, renderedExternalSecretKeys, sealedSecretKeys, sealedSecretScope, setSealedSecretKey } from './secret-stubs';
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

  it('puts the rule before a catch-all that is the only rule, writes long recipient lists on one line, and leaves an unchanged file byte for byte', () => {
    const two = 'age1je6kjhzuhdjy3fqptpttxjh5k8q46vygzlgtpuq3030c947pc5tqz9dqvr, age19j4d6v9j7rx5fs629fu387qz4zmlpsqjexa4s08tkfrrmfdl5cwqjlaupd';
    const rendered = parseValuesYaml(`creation_rules:\n  - path_regex: qa\n    age: ${two}\n`, 'r');
    const text = addSopsRules(parseValuesYaml('creation_rules:\n  - age: age1ops\n', '.sops.yaml'), rendered);
    expect(text).toBe(`creation_rules:\n  - path_regex: qa\n    age: ${two}\n  - age: age1ops\n`);
    const flow = '# keys\ncreation_rules: [{path_regex: qa, age: age1qa}]\n';
    expect(addSopsRules(parseValuesYaml(flow, '.sops.yaml'), rendered)).toBe(flow);
  });

  it('refuses a .sops.yaml without a creation_rules list, naming it', () => {
    const rendered = parseValuesYaml('creation_rules:\n  - path_regex: qa\n', 'r');
    expect(() => addSopsRules(parseValuesYaml('creation_rules: none\n', 'infra/.sops.yaml'), rendered)).toThrow(expect.objectContaining({ message: 'creation_rules is missing or not a list', file: 'infra/.sops.yaml', hint: 'sops reads its rules from a creation_rules list; add one.' }));
  });
});

describe('secret keys, exactly', () => {
  it('accepts a key YAML read as a number, refuses an empty one and one longer than Kubernetes allows, saying what to pass', () => {
    expect(assertSecretKey(5432)).toBe('5432');
    expect(assertSecretKey('a'.repeat(253))).toBe('a'.repeat(253));
    expect(() => assertSecretKey('a'.repeat(254))).toThrow(/is not allowed/);
    expect(() => assertSecretKey(null)).toThrow(expect.objectContaining({
      message: `secret key "" is not allowed: a Kubernetes Secret key holds only letters, digits, '-', '_' and '.'`,
      hint: 'Pass --name with a key such as redis-password.',
    }));
  });

  it('reads the keys an overlay wires, relative to APP/NAMESPACE/ when under it, skipping entries without a key', () => {
    const values = parseValuesYaml(`externalSecrets:
  data:
    - secretKey: db
      remoteRef: { key: billing/qa/database, property: url }
    -
    - secretKey: nested
      remoteRef: { key: billing/qa/db/replica }
    - secretKey: shared
      remoteRef: { key: platform/shared/token }
    - secretKey: other-ns
      remoteRef: { key: billing/prod/x, property: 7 }
    - secretKey: no-ref
    - remoteRef: { key: billing/qa/nameless }
    - just a string
`, 'values-qa.yaml').values;
    expect(externalSecretKeys(values, 'billing', 'qa')).toEqual([
      { secretKey: 'db', remote: 'database', property: 'url' },
      { secretKey: 'nested', remote: 'db/replica', property: null },
      { secretKey: 'shared', remote: 'token', property: null },
      { secretKey: 'other-ns', remote: 'x', property: null },
    ]);
    expect(externalSecretKeys(parseValuesYaml('externalSecrets: { data: none }\n', 'x').values, 'billing', 'qa')).toEqual([]);
    expect(externalSecretKeys(parseValuesYaml('externalSecrets: on\n', 'x').values, 'billing', 'qa')).toEqual([]);
  });

  it('lists the keys of a SealedSecret, none without spec.encryptedData, and merges key lists first one first', () => {
    expect(sealedSecretKeys(parseValuesYaml('spec:\n  encryptedData: { b: AgA=, a: "" }\n', 's').values)).toEqual(['b', 'a']);
    expect(sealedSecretKeys(parseValuesYaml('spec: { template: {} }\n', 's').values)).toEqual([]);
    expect(sealedSecretKeys(parseValuesYaml('kind: SealedSecret\n', 's').values)).toEqual([]);
    const a = { secretKey: 'a', remote: 'from-dev', property: null };
    expect(mergeSecretKeys([a], [{ secretKey: 'a', remote: 'from-prod', property: 'p' }, redis], [])).toEqual([a, redis]);
  });

  it('wires a key into an empty overlay without a store, and into an existing data list, as exact YAML', () => {
    expect(addExternalSecretKey(parseValuesYaml('', 'values-qa.yaml'), 'billing', 'qa', undefined, { secretKey: 'token', remote: 'api', property: null }))
      .toBe('externalSecrets:\n  enabled: true\n  refreshInterval: 1h\n  data:\n    - secretKey: token\n      remoteRef:\n        key: billing/qa/api\n');
    const listed = parseValuesYaml('externalSecrets:\n  enabled: true # on in qa\n  data:\n    - secretKey: db\n      remoteRef: { key: billing/qa/database }\n', 'values-qa.yaml');
    expect(addExternalSecretKey(listed, 'billing', 'qa', store, redis, [{ secretKey: 'default', remote: 'd', property: null }]))
      .toBe('externalSecrets:\n  enabled: true # on in qa\n  data:\n    - secretKey: db\n      remoteRef: { key: billing/qa/database }\n    - secretKey: redis-password\n      remoteRef:\n        key: billing/qa/redis\n        property: password\n');
  });
});

describe('SealedSecret stubs, exactly', () => {
  const stub = (metadata: string, spec = '  encryptedData: {}\n') => `apiVersion: bitnami.com/v1alpha1\nkind: SealedSecret\nmetadata:\n${metadata}spec:\n${spec}`;
  const META = '  name: billing-secrets\n  namespace: qa\n';

  it('writes the ciphertext under a block encryptedData, replacing an older one, and changes nothing when it is the same', () => {
    const first = setSealedSecretKey(parseValuesYaml(stub(META), 's'), 'redis-password', { value: 'AgBy==', scope: 'strict' });
    expect(first).toBe(stub(META, '  encryptedData:\n    redis-password: AgBy==\n'));
    expect(setSealedSecretKey(parseValuesYaml(first, 's'), 'redis-password', { value: 'AgBy==', scope: 'strict' })).toBe(first);
    expect(setSealedSecretKey(parseValuesYaml(first, 's'), 'redis-password', { value: 'AgCz==', scope: 'strict' })).toBe(stub(META, '  encryptedData:\n    redis-password: AgCz==\n'));
    // a stub without encryptedData gets one
    expect(setSealedSecretKey(parseValuesYaml(stub(META, '  template: {}\n'), 's'), 'a')).toBe(stub(META, '  template: {}\n  encryptedData:\n    a: ""\n'));
  });

  it('leaves a stub byte for byte when the value or placeholder is already there, and never folds long lines', () => {
    const note = 'sealed for the billing team by the platform pipeline, rotated every ninety days or on demand';
    const quoted = stub(`${META}  annotations:\n    note: ${note}\n`, '  encryptedData:\n    a:   "AgA="\n    b: \'\'\n');
    expect(setSealedSecretKey(parseValuesYaml(quoted, 's'), 'a', { value: 'AgA=', scope: 'strict' })).toBe(quoted);
    expect(setSealedSecretKey(parseValuesYaml(quoted, 's'), 'b')).toBe(quoted);
    expect(setSealedSecretKey(parseValuesYaml(quoted, 's'), 'b', { value: 'AgB=', scope: 'strict' })).toBe(
      stub(`${META}  annotations:\n    note: ${note}\n`, '  encryptedData:\n    a: "AgA="\n    b: \'AgB=\'\n'),
    );
    const overlay = parseValuesYaml(`description: ${note}\n`, 'values-qa.yaml');
    expect(addExternalSecretKey(overlay, 'billing', 'qa', undefined, redis).split('\n')[0]).toBe(`description: ${note}`);
  });

  it('moves the scope annotation, keeping the other annotations, when the only value is sealed again with another scope', () => {
    const annotated = stub(`${META}  annotations:\n    team: billing\n    sealedsecrets.bitnami.com/namespace-wide: "true"\n`, '  encryptedData:\n    a: AgA=\n    b: ""\n');
    expect(sealedSecretScope(parseValuesYaml(annotated, 's').values)).toBe('namespace-wide');
    expect(setSealedSecretKey(parseValuesYaml(annotated, 's'), 'a', { value: 'AgB=', scope: 'cluster-wide' }))
      .toBe(stub(`${META}  annotations:\n    team: billing\n    sealedsecrets.bitnami.com/cluster-wide: "true"\n`, '  encryptedData:\n    a: AgB=\n    b: ""\n'));
    expect(setSealedSecretKey(parseValuesYaml(annotated, 's'), 'b', { value: 'AgB=', scope: 'namespace-wide' }))
      // the placeholder's quotes are kept
      .toBe(stub(`${META}  annotations:\n    team: billing\n    sealedsecrets.bitnami.com/namespace-wide: "true"\n`, '  encryptedData:\n    a: AgA=\n    b: "AgB="\n'));
    expect(sealedSecretScope(parseValuesYaml(stub('  annotations: { sealedsecrets.bitnami.com/cluster-wide: "true", sealedsecrets.bitnami.com/namespace-wide: "true" }\n'), 's').values)).toBe('cluster-wide');
    expect(sealedSecretScope(parseValuesYaml(stub('  annotations: none\n'), 's').values)).toBe('strict');
  });

  it('names the values sealed otherwise and the stub, and refuses a stub without spec or metadata, saying how to restore it', () => {
    const two = stub(`${META}  annotations:\n    sealedsecrets.bitnami.com/cluster-wide: "true"\n`, '  encryptedData:\n    a: AgA=\n    b: AgB=\n    c: ""\n');
    expect(() => setSealedSecretKey(parseValuesYaml(two, 'apps/billing/secrets/sealed-qa.yaml'), 'c', { value: 'AgC=', scope: 'strict' })).toThrow(expect.objectContaining({
      message: 'the values of this SealedSecret are sealed cluster-wide, so c cannot be sealed strict',
      file: 'apps/billing/secrets/sealed-qa.yaml',
      // at the first value sealed otherwise
      line: 10,
      column: 5,
      hint: 'Seal with --scope cluster-wide, or re-seal a, b with --scope strict too.',
    }));
    const restore = 'Restore the stub from templates/secrets/sealed-secret.yaml.hbs.';
    expect(() => setSealedSecretKey(parseValuesYaml('kind: SealedSecret\nspec: []\n', 'sealed.yaml'), 'a')).toThrow(expect.objectContaining({ message: 'not a SealedSecret: it has no spec', file: 'sealed.yaml', line: 2, column: 7, hint: restore }));
    expect(() => setSealedSecretKey(parseValuesYaml('kind: SealedSecret\n', 'sealed.yaml'), 'a')).toThrow(expect.objectContaining({ message: 'not a SealedSecret: it has no spec', file: 'sealed.yaml', line: 1, column: 1 }));
    expect(() => setSealedSecretKey(parseValuesYaml('kind: SealedSecret\nspec: { encryptedData: {} }\n', 'sealed.yaml'), 'a', { value: 'AgA=', scope: 'namespace-wide' })).toThrow(expect.objectContaining({ message: 'not a SealedSecret: it has no metadata', file: 'sealed.yaml', line: 1, column: 1, hint: restore }));
  });
});

describe('the keys of the ExternalSecret an env renders (the example workspace)', () => {
  const ws = loadWorkspace(EXAMPLE_ROOT);
  const app = ws.apps.find((a) => a.name === 'alpha-members') as AppInfo;
  const env = (name: string) => ws.config.environments.find((e) => e.name === name) as EnvConfig;

  it("lists the chart's default keys under APP/NAMESPACE/ where the overlay lists none, and none where External Secrets is off", () => {
    expect(renderedExternalSecretKeys(ws, app, env('staging'))).toEqual([
      { secretKey: 'database-url', remote: 'database', property: 'url' },
      { secretKey: 'keycloak-client-secret', remote: 'keycloak', property: 'client-secret' },
      { secretKey: 'redis-password', remote: 'redis', property: 'password' },
    ]);
    expect(renderedExternalSecretKeys(ws, app, env('dev'))).toEqual([]);
  });

  it("lists the overlay's own keys, a key outside APP/NAMESPACE/ whole", () => {
    const root = copyExampleWorkspace();
    const overlay = join(root, 'deployment/helm/alpha-members/values-prod.yaml');
    writeFileSync(overlay, `${readFileSync(overlay, 'utf8')}  data:\n    - secretKey: token\n      remoteRef: { key: shared/platform/token }\n    - secretKey: unset\n    - secretKey: db\n      remoteRef: { key: alpha-members/production/database, property: url }\n`);
    const copy = loadWorkspace(root);
    expect(renderedExternalSecretKeys(copy, app, env('prod'))).toEqual([
      { secretKey: 'token', remote: 'shared/platform/token', property: null },
      { secretKey: 'db', remote: 'database', property: 'url' },
    ]);
  });
});
