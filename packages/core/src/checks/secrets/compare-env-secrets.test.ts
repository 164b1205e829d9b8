import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { generateIdentity, identityToRecipient } from 'age-encryption';
import { beforeAll, describe, expect, it } from 'vitest';
import { encryptSopsYaml } from '../../sops';
import { copyExampleWorkspace, EXAMPLE_ROOT } from '../../test-support/example-workspace';
import { getApp, loadWorkspace } from '../../workspace';
import { compareEnvSecrets } from './compare-env-secrets';
import { NO_SOPS_KEYS, unlockSopsFiles } from './sops-keyring';

const APP = 'deployment/helm/alpha-members';
const NOW = new Date('2026-01-02T03:04:05Z');

/** The example workspace with every env keeping its secrets in SOPS. */
function sopsEverywhere(): string {
  const dir = copyExampleWorkspace();
  const config = join(dir, 'gitops.yaml');
  let text = readFileSync(config, 'utf8');
  for (const store of ['vault-staging', 'vault-production']) {
    const from = `    secrets: external-secrets\n    secretStore:\n      name: ${store}\n      kind: ClusterSecretStore\n`;
    if (!text.includes(from)) throw new Error(`${store} not in gitops.yaml`);
    text = text.replace(from, '    secrets: sops\n');
  }
  writeFileSync(config, text);
  return dir;
}

describe('the secret keys of two envs, as `gitops diff` lists them', () => {
  let id: string;
  let recipient: string;
  beforeAll(async () => {
    id = await generateIdentity();
    recipient = await identityToRecipient(id);
  });
  /** A SOPS-encrypted Secret of `env`, with `stringData` (or base64 `data`). */
  const write = async (dir: string, env: string, field: 'stringData' | 'data', data: Record<string, string>, to = recipient) =>
    writeFileSync(join(dir, `${APP}/secrets/secrets-${env}.yaml.enc`), await encryptSopsYaml({ apiVersion: 'v1', kind: 'Secret', metadata: { name: 'alpha-members-secrets' }, type: 'Opaque', [field]: data }, [to], NOW));
  const compare = async (dir: string, from: string, to: string, identities: string[]) => {
    const ws = loadWorkspace(dir);
    return compareEnvSecrets(ws, getApp(ws, 'alpha-members'), from, to, await unlockSopsFiles(ws, ws.apps, identities));
  };

  it('compares values by keyed hash only when both files open, base64 data as the text it encodes', async () => {
    const dir = sopsEverywhere();
    await write(dir, 'staging', 'stringData', { 'database-url': 'mongodb://staging', 'redis-password': 'shared-pw', 'only-staging': 'x1' });
    await write(dir, 'prod', 'data', { 'database-url': Buffer.from('mongodb://prod').toString('base64'), 'redis-password': Buffer.from('shared-pw').toString('base64'), 'only-prod': 'eDI=' });
    const opened = await compare(dir, 'staging', 'prod', [id]);
    expect(opened).toEqual([
      { key: 'database-url', status: 'different-value' },
      { key: 'redis-password', status: 'same-value' },
      { key: 'only-staging', status: 'only-in-from' },
      { key: 'only-prod', status: 'only-in-to' },
    ]);
    expect(JSON.stringify(opened)).not.toMatch(/mongodb|shared-pw/);
    // without a key, the names still compare; the values are unknown
    expect(await compare(dir, 'staging', 'prod', [])).toEqual([
      { key: 'database-url', status: 'in-both' },
      { key: 'redis-password', status: 'in-both' },
      { key: 'only-staging', status: 'only-in-from' },
      { key: 'only-prod', status: 'only-in-to' },
    ]);
  });

  it('leaves the values uncompared when only one side opens, and lists every key of an env that keeps none as only on the other side', async () => {
    const dir = sopsEverywhere();
    await write(dir, 'staging', 'stringData', { 'database-url': 'same' });
    await write(dir, 'prod', 'stringData', { 'database-url': 'same' }, await identityToRecipient(await generateIdentity()));
    expect(await compare(dir, 'staging', 'prod', [id])).toEqual([{ key: 'database-url', status: 'in-both' }]);
    expect(await compare(dir, 'prod', 'staging', [id])).toEqual([{ key: 'database-url', status: 'in-both' }]);
    // the example: dev's SOPS file against the keys staging's ExternalSecret lists
    const ws = loadWorkspace(EXAMPLE_ROOT);
    const all = [{ key: 'database-url', status: 'in-both' }, { key: 'keycloak-client-secret', status: 'in-both' }, { key: 'redis-password', status: 'in-both' }];
    expect(compareEnvSecrets(ws, getApp(ws, 'alpha-members'), 'dev', 'staging', NO_SOPS_KEYS)).toEqual(all);
    // an env with no SOPS file keeps no secret key at all
    const bare = sopsEverywhere();
    expect(await compare(bare, 'dev', 'staging', [])).toEqual(all.map(({ key }) => ({ key, status: 'only-in-from' })));
    expect(await compare(bare, 'staging', 'dev', [])).toEqual(all.map(({ key }) => ({ key, status: 'only-in-to' })));
  });
});
