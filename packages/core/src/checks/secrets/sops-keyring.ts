import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { type AppInfo, clusterTargets, layers, type Workspace } from '../../workspace';
import { looksLikeSopsYaml, parseSopsDocument, unwrapDataKey } from '../../sops';

/** The data keys of the SOPS files the given identities open, by file: held in memory for one run only. */
export interface SopsKeyring {
  /** Were identities given at all (SOPS_AGE_KEY / SOPS_AGE_KEY_FILE)? */
  given: boolean;
  keys: Map<string, Uint8Array>;
}

export const NO_SOPS_KEYS: SopsKeyring = { given: false, keys: new Map() };

/**
 * Open the data key of every SOPS file of `apps` (their secrets/ folders and every layered values
 * file) with the given age identities. Decryption of the values happens later, in the checks,
 * in memory; a file no identity opens is simply absent from the keyring.
 */
export async function unlockSopsFiles(ws: Workspace, apps: AppInfo[], identities: string[]): Promise<SopsKeyring> {
  const keyring: SopsKeyring = { given: identities.length > 0, keys: new Map() };
  if (identities.length === 0) return keyring;
  for (const file of sopsFilesOf(ws, apps)) {
    try {
      const doc = parseSopsDocument(readFileSync(join(ws.root, file), 'utf8'), file);
      const key = await unwrapDataKey(doc.age, identities);
      if (key) keyring.keys.set(file, key);
    } catch {
      // a broken file is reported by the checks that read it
    }
  }
  return keyring;
}

function sopsFilesOf(ws: Workspace, apps: AppInfo[]): string[] {
  const files = new Set<string>();
  const add = (file: string) => {
    try {
      if (looksLikeSopsYaml(readFileSync(join(ws.root, file), 'utf8'))) files.add(file);
    } catch {
      // unreadable: not ours to report here
    }
  };
  for (const app of apps) {
    const dir = `${app.dir}/secrets`;
    if (existsSync(join(ws.root, dir))) for (const e of readdirSync(join(ws.root, dir), { withFileTypes: true })) if (e.isFile() && /\.(ya?ml|json)(\.enc)?$/.test(e.name)) add(`${dir}/${e.name}`);
    for (const env of ws.config.environments) {
      for (const cluster of clusterTargets(ws, app.dir, env.name)) for (const l of layers(ws, app, env.name, cluster)) if (l.exists) add(l.file);
    }
  }
  return [...files];
}
