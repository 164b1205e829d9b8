import { posix } from 'node:path';
import type { AppInputs } from '@helm-values-manager/core';

export interface AppProjectSource {
  name: string;
  dir: string;
  inputs: AppInputs;
}

/**
 * A distinct root for every app: Nx keys projects by root, and one chart can be shared by many
 * apps. An app keeps its folder when it is the only app there or the folder is named after it;
 * else it takes the folder that holds the files only it reads (its per-deployment values); else a
 * folder of its name inside the shared one (it need not exist: its inputs say what it reads).
 */
export function projectRoots(apps: AppProjectSource[]): Map<string, string> {
  const roots = new Map<string, string>();
  const taken = new Set<string>();
  const claim = (name: string, root: string) => {
    roots.set(name, root);
    taken.add(root);
  };
  const sharing = (a: AppProjectSource) => apps.filter((o) => o.dir === a.dir);
  for (const a of apps) {
    const others = sharing(a).filter((o) => o.name !== a.name);
    if (others.length === 0 || posix.basename(a.dir).toLowerCase() === a.name.toLowerCase()) claim(a.name, a.dir);
  }
  for (const a of apps) {
    if (roots.has(a.name)) continue;
    const own = ownFolder(a, apps);
    if (own && !taken.has(own)) claim(a.name, own);
  }
  // Stable whatever the order: the first by name of a shared folder nobody is named after keeps it.
  for (const a of [...apps].sort((x, y) => x.name.localeCompare(y.name))) {
    if (roots.has(a.name)) continue;
    claim(a.name, taken.has(a.dir) ? posix.join(a.dir, a.name) : a.dir);
  }
  return roots;
}

/**
 * The deepest folder holding every values file that only this app reads, when no other app reads
 * anything inside it (`values/api/` for an umbrella chart's per-deployment values; not `envs/dev/`).
 */
function ownFolder(a: AppProjectSource, apps: AppProjectSource[]): string | undefined {
  const others = apps.filter((o) => o.name !== a.name).flatMap((o) => o.inputs.values.concat(o.inputs.include));
  const own = a.inputs.values.filter((f) => !others.includes(f));
  if (own.length === 0) return undefined;
  const dirs = own.map((f) => posix.dirname(f).split('/'));
  const common: string[] = [];
  for (let i = 0; dirs.every((d) => d[i] !== undefined && d[i] === dirs[0][i]); i++) common.push(dirs[0][i]);
  const dir = common.join('/');
  if (dir === '' || dir === '.' || others.some((f) => f.startsWith(`${dir}/`) || f === `${dir}/**`)) return undefined;
  return dir;
}
