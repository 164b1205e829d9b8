import { createHmac, randomBytes } from 'node:crypto';
import { type AppInfo, clusterTargets, getEnv, resolveValues, type Workspace } from '../../workspace';
import { openSops } from '../../sops';
import { envSecretKeys } from './env-secret-keys';
import { secretValues } from './secrets-across-envs';
import type { SopsKeyring } from './sops-keyring';

export type SecretKeyStatus = 'only-in-from' | 'only-in-to' | 'same-value' | 'different-value' | 'in-both';

/** One secret key of two envs: where it exists and, when both were decrypted, whether the values match. Never a value. */
export interface SecretKeyComparison {
  key: string;
  status: SecretKeyStatus;
}

/**
 * How the secret keys of two envs compare: by name always (SOPS keeps names in clear, the
 * ExternalSecret and SealedSecret list them), and by keyed hash of the values when both envs'
 * SOPS files opened with the keyring. 'in-both' means the values could not be compared.
 */
export function compareEnvSecrets(ws: Workspace, app: AppInfo, from: string, to: string, keyring: SopsKeyring): SecretKeyComparison[] {
  const hmacKey = randomBytes(32);
  const read = (envName: string) => {
    const env = getEnv(ws, envName);
    const cluster = clusterTargets(ws, app.dir, envName)[0];
    const keys = envSecretKeys(ws, app, env, resolveValues(ws, app.name, envName, { cluster }), cluster);
    const hashes = new Map<string, string>();
    const dataKey = keys?.sops ? keyring.keys.get(keys.sops.file) : undefined;
    if (keys?.sops && dataKey) {
      const opened = openSops(keys.sops, dataKey);
      for (const v of secretValues(keys.sops, opened.values, true)) hashes.set(v.name, createHmac('sha256', hmacKey).update(String(v.value)).digest('hex'));
    }
    return { names: keys?.keys.map((k) => k.name) ?? [], hashes };
  };
  const a = read(from);
  const b = read(to);
  const out: SecretKeyComparison[] = [];
  for (const key of a.names) {
    if (!b.names.includes(key)) out.push({ key, status: 'only-in-from' });
    // only the values of files the keyring opened are hashed
    else if (a.hashes.has(key) && b.hashes.has(key)) out.push({ key, status: a.hashes.get(key) === b.hashes.get(key) ? 'same-value' : 'different-value' });
    else out.push({ key, status: 'in-both' });
  }
  for (const key of b.names) if (!a.names.includes(key)) out.push({ key, status: 'only-in-to' });
  return out;
}
