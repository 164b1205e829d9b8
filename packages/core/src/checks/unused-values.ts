import type { Finding } from '../common';
import { clusterTargets, layers, type AppInfo, type Workspace } from '../workspace';
import { VALUES_FILE_UNUSED } from '../rules';
import { folderNames } from './folder-names';

const VALUES_FILE = /^values.*\.ya?ml$/;

/**
 * The values files in the folder of an app that Applications deploy which no deployment layers
 * and no declared layout names: an edit to one changes nothing that is deployed. A folder that
 * several apps share (one chart, per-app values) is read once: a file is unused only when none
 * of them layers it. `folders` limits the folders read (those of one Nx project).
 */
export function unusedValuesFiles(ws: Workspace, folders: (dir: string) => boolean = () => true): Finding[] {
  const byDir = new Map<string, AppInfo[]>();
  for (const app of ws.apps) if (app.deployed && folders(app.dir)) byDir.set(app.dir, [...(byDir.get(app.dir) ?? []), app]);
  const out: Finding[] = [];
  for (const [dir, apps] of byDir) {
    const listed = folderNames(ws, dir);
    if (!listed) continue;
    const names = listed.filter((n) => VALUES_FILE.test(n));
    const used = new Set<string>();
    for (const app of apps) {
      for (const env of ws.config.environments) {
        for (const cluster of clusterTargets(ws, app.dir, env.name, app.name)) for (const l of layers(ws, app, env.name, cluster)) used.add(l.file);
      }
    }
    for (const name of names) {
      const file = dir === '.' ? name : `${dir}/${name}`;
      if (used.has(file)) continue;
      out.push({ rule: VALUES_FILE_UNUSED.id, severity: 'warning', message: `no Application layers ${name} in any env, so editing it changes nothing that is deployed`, file, line: 1, column: 1, ...(apps.length === 1 ? { app: apps[0].name } : {}), hint: VALUES_FILE_UNUSED.fix });
    }
  }
  return out;
}
