import { appendFileSync, copyFileSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEFAULT_TEMPLATES_DIR, type Position } from '../common';
import { copyExampleWorkspace, EXAMPLE_ROOT } from '../test-support/example-workspace';
import { EXTERNAL_SECRET_TEMPLATE, externalSecretManifest, externalSecretsApiVersion } from './external-secret';
import { getEnv, loadWorkspace } from './workspace';
import { resolveValues } from './resolve';

const APP = 'alpha-members';
const PROD_VALUES = 'deployment/helm/alpha-members/values-prod.yaml';

/** The example workspace with `data` appended under its prod externalSecrets; with the shipped template copied into templates/ when `ownTemplate`. */
function workspaceWith(data: string, ownTemplate: boolean): string {
  const dir = copyExampleWorkspace();
  appendFileSync(join(dir, PROD_VALUES), `  data:\n${data}`);
  if (ownTemplate) {
    const target = join(dir, 'templates', EXTERNAL_SECRET_TEMPLATE);
    mkdirSync(dirname(target), { recursive: true });
    copyFileSync(join(DEFAULT_TEMPLATES_DIR, EXTERNAL_SECRET_TEMPLATE), target);
  }
  return dir;
}

function manifestOf(dir: string) {
  const ws = loadWorkspace(dir);
  const env = getEnv(ws, 'prod');
  const es = externalSecretManifest(ws, APP, env, resolveValues(ws, APP, 'prod'), undefined);
  if (!es) throw new Error('no ExternalSecret');
  return {
    storeName: es.storeName,
    storeKind: es.storeKind,
    data: es.data.map((d) => ({ secretKey: d.secretKey, remoteKey: d.remoteKey, property: d.property, at: { ...d.at } })),
    text: es.text,
  };
}

const item = (secretKey: string, key: string, property?: string) => `    - secretKey: ${secretKey}\n      remoteRef:\n        key: ${key}\n${property === undefined ? '' : `        property: ${property}\n`}`;

describe('the ExternalSecret of the shipped template', () => {
  // Values a YAML reader may read as something else once the template writes them: each must come
  // out as the rendered and parsed template gives it, whether or not the manifest is rendered.
  const cases: [string, string][] = [
    ['names', item('database-url', 'alpha-members/alpha-prod/database', 'url') + item('redis-password', 'alpha-members/alpha-prod/redis')],
    ['YAML 1.2 numbers and words', item('"0o17"', '"NaN"', '"yes"') + item('"True"', '"null"', '"1e3"')],
    ['numbers, booleans and nulls', item('17', 'true', '0') + item('null', '~', '""')],
    ['text with spaces, colons and quotes', item('"a b"', '"x: y"', "\"it's\"") + item('"#x"', '"a/b c"', '"&anchor"')],
    ['maps and lists', item('{a: 1}', '[1, 2]', '{}') + item('[]', '{b: c}', '[x]')],
  ];
  it.each(cases)('reads %s as the rendered template does', (_, data) => {
    const shipped = manifestOf(workspaceWith(data, false));
    const own = manifestOf(workspaceWith(data, true));
    expect(shipped).toEqual(own);
    expect(shipped.data.length).toBe(2);
  });

  it('gives the rendered manifest to whoever reads its text', () => {
    const es = manifestOf(workspaceWith(item('database-url', 'alpha-members/alpha-prod/database', 'url'), false));
    expect(es.text).toContain('kind: ExternalSecret');
    expect(es.text).toContain('        key: alpha-members/alpha-prod/database\n        property: url\n');
  });
});

describe('the ExternalSecret of an env', () => {
  const GITOPS = `apps: apps/*
environments:
  - name: dev
    namespace: development
    clusters: [old, new]
  - name: prod
    namespace: production
    clusters: [new]
    secretStore: { name: vault-production, kind: SecretStore }
clusters:
  - name: old
    server: https://old.example.com
    externalSecretsVersion: "0.15.9"
  - name: new
    server: https://new.example.com
    externalSecretsVersion: v1.0.0
`;
  function ws(files: Record<string, string>) {
    const root = mkdtempSync(join(tmpdir(), 'hvm-es-'));
    for (const [f, text] of Object.entries({ 'gitops.yaml': GITOPS, 'apps/web/values.yaml': 'replicaCount: 1\n', ...files })) {
      mkdirSync(dirname(join(root, f)), { recursive: true });
      writeFileSync(join(root, f), text);
    }
    return loadWorkspace(root);
  }
  const at = (p: Position) => `${p.file}:${p.line}:${p.column}`;
  function manifest(w: ReturnType<typeof ws>, env: string, cluster?: string) {
    const es = externalSecretManifest(w, 'web', getEnv(w, env), resolveValues(w, 'web', env, { cluster }), cluster);
    if (!es) return undefined;
    const { apiVersion, storeName, storeKind, refreshInterval, refreshIntervalSet } = es;
    return { apiVersion, storeName, storeKind, refreshInterval, refreshIntervalSet, data: es.data.map((d) => ({ secretKey: d.secretKey, remoteKey: d.remoteKey, property: d.property, at: at(d.at), path: d.path })), locate: es.locate, text: es.text };
  }

  it("lists the values' keys, each at its line, with the env's store and the default refresh", () => {
    const w = ws({ 'apps/web/values-prod.yaml': 'externalSecrets:\n  enabled: true\n  data:\n    - secretKey: db\n      remoteRef:\n        key: web/db\n        property: url\n    - secretKey: token\n' });
    const es = manifest(w, 'prod');
    expect(es && { ...es, locate: undefined, text: undefined }).toEqual({
      apiVersion: 'external-secrets.io/v1',
      storeName: 'vault-production',
      storeKind: 'SecretStore',
      refreshInterval: undefined,
      refreshIntervalSet: false,
      data: [
        { secretKey: 'db', remoteKey: 'web/db', property: 'url', at: 'apps/web/values-prod.yaml:6:14', path: 'externalSecrets.data[0].remoteRef.key' },
        // no key of its own: the item it belongs to
        { secretKey: 'token', remoteKey: null, property: undefined, at: 'apps/web/values-prod.yaml:8:7', path: 'externalSecrets.data[1].remoteRef.key' },
      ],
      locate: undefined,
      text: undefined,
    });
    expect(at(es!.locate('/spec/data/0/remoteRef/property'))).toBe('apps/web/values-prod.yaml:7:19');
    // what no value of its own places comes from externalSecrets.enabled
    expect(at(es!.locate('/spec/secretStoreRef/name'))).toBe('apps/web/values-prod.yaml:2:12');
    expect(at(es!.locate('/metadata/name'))).toBe('apps/web/values-prod.yaml:2:12');
    expect(es!.text).toContain('apiVersion: external-secrets.io/v1\nkind: ExternalSecret\nmetadata:\n  name: web-secrets\n  namespace: production\nspec:\n  refreshInterval: 1h\n  secretStoreRef:\n    name: vault-production\n    kind: SecretStore\n');
    expect(es!.text).toContain('  data:\n    - secretKey: db\n      remoteRef:\n        key: web/db\n        property: url\n    - secretKey: token\n      remoteRef:\n        key: null\n');
  });

  it("takes the template's keys when the values list none, v1beta1 on a cluster whose operator is older than 0.16, and the values' store and refresh", () => {
    const w = ws({ 'apps/web/values-dev.yaml': 'externalSecrets:\n  enabled: true\n  refreshInterval: 15m\n  secretStoreRef:\n    name: local\n  "x/y~z": 1\n' });
    const es = manifest(w, 'dev');
    expect(es && { ...es, locate: undefined, text: undefined }).toEqual({
      apiVersion: 'external-secrets.io/v1beta1',
      storeName: 'local',
      storeKind: 'ClusterSecretStore',
      refreshInterval: '15m',
      refreshIntervalSet: true,
      data: ['database-url development/database url', 'keycloak-client-secret development/keycloak client-secret', 'redis-password development/redis password'].map((s) => {
        const [secretKey, key, property] = s.split(' ');
        return { secretKey, remoteKey: `web/${key}`, property, at: 'apps/web/values-dev.yaml:2:12', path: undefined };
      }),
      locate: undefined,
      text: undefined,
    });
    expect(es!.text).toContain('  refreshInterval: 15m\n  secretStoreRef:\n    name: local\n    kind: ClusterSecretStore\n');
    expect(at(es!.locate('/spec/secretStoreRef/name'))).toBe('apps/web/values-dev.yaml:5:11');
    expect(at(es!.locate('/spec/x~1y~0z'))).toBe('apps/web/values-dev.yaml:6:12');
    expect(manifest(w, 'dev', 'old')?.apiVersion).toBe('external-secrets.io/v1beta1');
    expect(manifest(w, 'dev', 'new')?.apiVersion).toBe('external-secrets.io/v1');
  });

  it('is none unless the values enable it with true; a store left out has no name', () => {
    expect(manifest(ws({}), 'dev')).toBeUndefined();
    expect(manifest(ws({ 'apps/web/values-dev.yaml': 'externalSecrets:\n  enabled: "true"\n' }), 'dev')).toBeUndefined();
    expect(manifest(ws({ 'apps/web/values-dev.yaml': 'externalSecrets: true\n' }), 'dev')).toBeUndefined();
    const w = ws({ 'apps/web/values-dev.yaml': 'externalSecrets:\n  enabled: true\n  refreshInterval: ""\n', 'apps/web/values-prod.yaml': 'externalSecrets:\n  enabled: true\n  refreshInterval: 30\n' });
    expect(manifest(w, 'dev')).toMatchObject({ storeName: null, storeKind: 'ClusterSecretStore', refreshInterval: '', refreshIntervalSet: false });
    const prod = manifest(w, 'prod');
    expect(prod).toMatchObject({ refreshInterval: 30, refreshIntervalSet: true });
    expect(prod?.text).toContain('  refreshInterval: 1h\n');
  });
  it('keeps the default refresh when the values leave refreshInterval null', () => {
    const es = manifest(ws({ 'apps/web/values-dev.yaml': 'externalSecrets:\n  enabled: true\n  refreshInterval: null\n' }), 'dev');
    expect(es).toMatchObject({ refreshInterval: null, refreshIntervalSet: false });
    expect(es?.text).toContain('  refreshInterval: 1h\n');
  });

  it("reads the fields a workspace's own template writes, and none it leaves out", () => {
    const values = { 'apps/web/values-prod.yaml': 'externalSecrets:\n  enabled: true\n  data:\n    - secretKey: db\n      remoteRef:\n        key: web/db\n' };
    const own = (template: string) => manifest(ws({ ...values, [`templates/${EXTERNAL_SECRET_TEMPLATE}`]: template }), 'prod');
    // no store and no remoteRef: nothing to read there, where the shipped template would give the env's store
    const bare = own('apiVersion: {{{apiVersion}}}\nkind: ExternalSecret\nmetadata:\n  name: {{name}}\nspec:\n  data:\n{{#each data}}\n    - secretKey: {{secretKey}}\n{{/each}}\n');
    expect(bare && { ...bare, locate: undefined }).toEqual({
      apiVersion: 'external-secrets.io/v1',
      storeName: undefined,
      storeKind: undefined,
      refreshInterval: undefined,
      refreshIntervalSet: false,
      data: [{ secretKey: 'db', remoteKey: undefined, property: undefined, at: 'apps/web/values-prod.yaml:6:14', path: 'externalSecrets.data[0].remoteRef.key' }],
      locate: undefined,
      text: 'apiVersion: external-secrets.io/v1\nkind: ExternalSecret\nmetadata:\n  name: web-secrets\nspec:\n  data:\n    - secretKey: db\n',
    });
    // a spec without data lists no key; a template that writes no document gives no field at all
    expect(own('kind: ExternalSecret\nspec:\n  secretStoreRef:\n    name: {{storeName}}\n')).toMatchObject({ storeName: 'vault-production', storeKind: undefined, data: [] });
    expect(own('---\n# no ExternalSecret for {{app}} in {{env}}\n')).toMatchObject({ storeName: undefined, storeKind: undefined, data: [], text: '---\n# no ExternalSecret for web in prod\n' });
  });
});

describe('the operator version of a cluster', () => {
  it('is v1 from 0.16.0 on, with or without a leading v or a pre-release, and when gitops.yaml does not say', () => {
    const versionOf = (v?: string) => {
      // as gitops.yaml's clusters[0].externalSecretsVersion gives it
      const w = loadWorkspace(EXAMPLE_ROOT);
      if (v !== undefined) w.config.clusters[0].externalSecretsVersion = v;
      return externalSecretsApiVersion(w, getEnv(w, 'prod'));
    };
    expect(['0.0.9', '0.15.9', '0.15', 'v0.9.20', '0.16.0', '0.16', 'v0.16.0-rc1', '1.0', 'v1.0.0', '0.17.1', undefined].map((v) => `${v} ${versionOf(v)}`)).toEqual([
      '0.0.9 external-secrets.io/v1beta1',
      '0.15.9 external-secrets.io/v1beta1',
      '0.15 external-secrets.io/v1beta1',
      'v0.9.20 external-secrets.io/v1beta1',
      '0.16.0 external-secrets.io/v1',
      '0.16 external-secrets.io/v1',
      'v0.16.0-rc1 external-secrets.io/v1',
      '1.0 external-secrets.io/v1',
      'v1.0.0 external-secrets.io/v1',
      '0.17.1 external-secrets.io/v1',
      'undefined external-secrets.io/v1',
    ]);
  });
});
