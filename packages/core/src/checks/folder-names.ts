import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Workspace } from '../workspace';
import { pathStats } from '../common';

const listed = new WeakMap<Workspace, Map<string, { stamp: number; names: string[] }>>();

/**
 * The sorted names in a folder of the workspace (undefined when it cannot be listed), without
 * asking what each is. Listed once while the folder is unchanged: the leftover-overlay check (per
 * app) and the unused-values check (per workspace) both read every app folder.
 */
export function folderNames(ws: Workspace, dir: string): string[] | undefined {
  const abs = join(ws.root, dir);
  let stamp: number;
  try {
    const st = pathStats(abs);
    if (!st) return undefined;
    stamp = st.mtimeMs;
  } catch {
    return undefined;
  }
  let mine = listed.get(ws);
  if (!mine) listed.set(ws, (mine = new Map()));
  const hit = mine.get(dir);
  if (hit && hit.stamp === stamp) return hit.names;
  let names: string[];
  try {
    names = readdirSync(abs).sort();
  } catch {
    return undefined;
  }
  mine.set(dir, { stamp, names });
  return names;
}
