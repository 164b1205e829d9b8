import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { generateIdentity, identityToRecipient } from 'age-encryption';
import { beforeAll, describe, expect, it } from 'vitest';
import { encryptSopsYaml } from '../../sops';
import { copyExampleWorkspace } from '../../test-support/example-workspace';
import { getApp, loadWorkspace } from '../../workspace';
import { validateApp } from '../validate';
import { compareEnvSecrets } from './compare-env-secrets';
import { readSealedSecrets } from './env-secret-keys';
import { unlockSopsFiles } from './sops-keyring';

const APP = 'deployment/helm/alpha-members';
const NOW = new Date('2026-01-02T03:04:05Z');
const ACROSS = /^(secret-key-missing|secret-placeholder|secret-reused-across-tiers|sops-mac|sops-not-decrypted)$/;

function edit(dir: string, file: string, from: string | RegExp, to: string): void {
  const p = join(dir, file);
  const text = readFileSync(p, 'utf8');
  if (!(typeof from === 'string' ? text.includes(from) : from.test(text))) throw new Error(`${String(from)} not in ${file}`);
  writeFileSync(p, text.replace(from, to));
}

const STORE = (name: string) => new RegExp(`secrets: external-secrets\\n {4}secretStore:\\n {6}name: ${name}\\n {6}kind: ClusterSecretStore\\n`);
/** The example workspace with staging and prod keeping their secrets in `backend`. */
function backends(backend: 'sops' | 'sealed-secrets'): string {
  const dir = copyExampleWorkspace();
  for (const store of ['vault-staging', 'vault-production']) edit(dir, 'gitops.yaml', STORE(store), `secrets: ${backend}\n`);
  return dir;
}

describe('secret keys along the promotion path, backend by backend', () => {
  let id: string;
  let recipient: string;
  beforeAll(async () => {
    id = await generateIdentity();
    recipient = await identityToRecipient(id);
  });
  const show = async (dir: string, identities: string[]) => {
    const ws = loadWorkspace(dir);
    return validateApp(ws, 'alpha-members', { sopsKeys: await unlockSopsFiles(ws, ws.apps, identities) })
      .filter((f) => ACROSS.test(f.rule))
      .map((f) => `${f.severity} ${f.rule} ${f.env} ${f.file}:${f.line}:${f.column} ${f.path ?? ''} | ${f.message}`);
  };
  const sopsFile = async (dir: string, file: string, values: Record<string, unknown>) => writeFileSync(join(dir, APP, 'secrets', file), await encryptSopsYaml(values as never, [recipient], NOW));

  it('SOPS: names a key the next env lacks, an env with no file, empty and placeholder values; a plain .yaml file opens too', async () => {
    const dir = backends('sops');
    await sopsFile(dir, 'secrets-dev.yaml.enc', { apiVersion: 'v1', kind: 'Secret', metadata: { name: 'alpha-members-secrets' }, stringData: { 'database-url': 'mongodb://dev', blank: ' ', todo: 'changeme' } });
    await sopsFile(dir, 'secrets-staging.yaml', { apiVersion: 'v1', kind: 'Secret', metadata: { name: 'alpha-members-secrets' }, stringData: { 'database-url': 'mongodb://staging' } });
    expect(await show(dir, [id])).toEqual([
      `warning secret-placeholder dev ${APP}/secrets/secrets-dev.yaml.enc:7:12 blank | "blank" is empty: the app would run with a credential anyone can guess`,
      `warning secret-placeholder dev ${APP}/secrets/secrets-dev.yaml.enc:8:11 todo | "todo" is a placeholder: the app would run with a credential anyone can guess`,
      `error secret-key-missing staging ${APP}/secrets/secrets-staging.yaml:1:1 blank | "blank" is a secret key of dev (${APP}/secrets/secrets-dev.yaml.enc:7) but not of staging's SOPS file (${APP}/secrets/secrets-staging.yaml)`,
      `error secret-key-missing staging ${APP}/secrets/secrets-staging.yaml:1:1 todo | "todo" is a secret key of dev (${APP}/secrets/secrets-dev.yaml.enc:8) but not of staging's SOPS file (${APP}/secrets/secrets-staging.yaml)`,
      `error secret-key-missing prod ${APP}/values-prod.yaml:1:1 database-url | "database-url" is a secret key of staging (${APP}/secrets/secrets-staging.yaml:6) but not of prod, which keeps no secrets for alpha-members (no ${APP}/secrets/secrets-prod.yaml.enc)`,
    ]);
  });

  it('External Secrets and SealedSecrets: where each keeps its keys', async () => {
    const es = copyExampleWorkspace();
    edit(es, `${APP}/values-prod.yaml`, 'externalSecrets:\n  enabled: true', 'externalSecrets:\n  enabled: false');
    const notDecrypted = `info sops-not-decrypted dev ${APP}/secrets/secrets-dev.yaml.enc:1:1  | not decrypted: no age key was given (SOPS_AGE_KEY or SOPS_AGE_KEY_FILE); its MAC, placeholder values and values shared across tiers are not checked (its key names are)`;
    expect(await show(es, [])).toEqual([
      notDecrypted,
      ...['database-url', 'keycloak-client-secret', 'redis-password'].map((k) => `error secret-key-missing prod ${APP}/values-prod.yaml:1:1 ${k} | "${k}" is a secret key of staging (${APP}/values.yaml:200) but not of prod, which keeps no secrets for alpha-members (externalSecrets is not enabled in its values)`),
    ]);
    const sealed = backends('sealed-secrets');
    const doc = (ns: string, keys: string[]) => `apiVersion: bitnami.com/v1alpha1\nkind: SealedSecret\nmetadata:\n  name: alpha-members-secrets\n  namespace: ${ns}\nspec:\n  encryptedData:\n${keys.map((k) => `    ${k}: Ag${k}==\n`).join('')}`;
    writeFileSync(join(sealed, APP, 'secrets/sealed-secrets-staging.yaml'), `${doc('staging', ['database-url', 'redis-password'])}---\n${doc('staging', ['redis-password', 'keycloak-client-secret'])}`);
    // the second document repeats redis-password: the key counts once, at its first line
    const lines: [string, number][] = [['database-url', 8], ['keycloak-client-secret', 19], ['redis-password', 9]];
    expect(await show(sealed, [])).toEqual([
      notDecrypted,
      ...lines.map(([k, line]) => `error secret-key-missing prod ${APP}/values-prod.yaml:1:1 ${k} | "${k}" is a secret key of staging (${APP}/secrets/sealed-secrets-staging.yaml:${line}) but not of prod, which keeps no secrets for alpha-members (no ${APP}/secrets/sealed-secrets-prod.yaml)`),
    ]);
    writeFileSync(join(sealed, APP, 'secrets/sealed-secrets-prod.yaml'), doc('production', ['database-url']));
    expect(await show(sealed, [])).toEqual([
      ...lines.slice(1).map(([k, line]) => `error secret-key-missing prod ${APP}/secrets/sealed-secrets-prod.yaml:1:1 ${k} | "${k}" is a secret key of staging (${APP}/secrets/sealed-secrets-staging.yaml:${line}) but not of prod's SealedSecret (${APP}/secrets/sealed-secrets-prod.yaml)`),
      notDecrypted,
    ]);
  });

  it('reads a SOPS file that is no Secret manifest as helm-secrets values: every value path is a key', async () => {
    const dir = backends('sops');
    await sopsFile(dir, 'secrets-staging.yaml.enc', { db: { password: 'a1' }, data: { token: 'b2' } });
    await sopsFile(dir, 'secrets-prod.yaml.enc', { kind: 'Secret', data: { 'db.password': 'YTE=' }, stringData: { deep: { token: 'c3' } } });
    const ws = loadWorkspace(dir);
    // a Secret manifest's keys are its data and stringData keys, one level down only
    expect(compareEnvSecrets(ws, getApp(ws, 'alpha-members'), 'staging', 'prod', await unlockSopsFiles(ws, ws.apps, [id]))).toEqual([
      { key: 'db.password', status: 'same-value' },
      { key: 'data.token', status: 'only-in-from' },
    ]);
  });

  it('opens the SOPS files of an app without a secrets folder, and those among its layers', async () => {
    const dir = copyExampleWorkspace();
    rmSync(join(dir, APP, 'secrets'), { recursive: true });
    writeFileSync(join(dir, APP, 'values-dev.in-cluster.yaml'), await encryptSopsYaml({ redis: { auth: { password: 'dev-redis-pw' } } }, [recipient], NOW));
    const ws = loadWorkspace(dir);
    const keyring = await unlockSopsFiles(ws, ws.apps, [id]);
    expect([...keyring.keys.keys()]).toEqual([`${APP}/values-dev.in-cluster.yaml`]);
    mkdirSync(join(dir, APP, 'secrets'));
    expect((await unlockSopsFiles(ws, ws.apps, [])).keys.size).toBe(0);
  });
});

describe('SealedSecret documents as the scope checks read them', () => {
  it('keeps SealedSecrets only, with names, namespace, annotations as text, template name and each value at its key', () => {
    const text = [
      'kind: ConfigMap\nmetadata:\n  name: cfg\n',
      'kind: SealedSecret\nmetadata:\n  name: a\n  name: b\n',
      '',
      '- kind: SealedSecret\n',
      'apiVersion: bitnami.com/v1alpha1\nkind: SealedSecret\nmetadata:\n  name: web\n  namespace: prod\n  annotations:\n    sealedsecrets.bitnami.com/namespace-wide: true\nspec:\n  encryptedData:\n    password: AgABC==\n    port: 5432\n  template:\n    metadata:\n      name: web-secret\n',
      'kind: SealedSecret\nmetadata:\n  name: 7\n  annotations: none\nspec:\n  encryptedData: [x]\n',
      'kind: SealedSecret\nspec:\n  template: {}\n',
    ].join('---\n');
    expect(readSealedSecrets(text, 's.yaml')).toEqual([
      { at: { file: 's.yaml', line: 13, column: 1 }, name: 'web', namespace: 'prod', annotations: { 'sealedsecrets.bitnami.com/namespace-wide': 'true' }, templateName: 'web-secret', encryptedData: [{ key: 'password', value: 'AgABC==', line: 22, column: 5 }, { key: 'port', value: '', line: 23, column: 5 }] },
      { at: { file: 's.yaml', line: 28, column: 1 }, name: undefined, namespace: undefined, annotations: {}, templateName: undefined, encryptedData: [] },
      { at: { file: 's.yaml', line: 35, column: 1 }, name: undefined, namespace: undefined, annotations: {}, templateName: undefined, encryptedData: [] },
    ]);
  });
});

