import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Finding } from '../common';
import { clusterTargets, layers, type Workspace } from '../workspace';
import { VALUES_FILE_UNUSED } from '../rules';

const VALUES_FILE = /^values.*\.ya?ml$/;

/**
 * The values files in the folder of an app that Applications deploy which no deployment layers
 * and no declared layout names: an edit to one changes nothing that is deployed.
 */
export function unusedValuesFiles(ws: Workspace): Finding[] {
  const out: Finding[] = [];
  for (const app of ws.apps.filter((a) => a.deployed)) {
    let names: string[];
    try {
      names = readdirSync(join(ws.root, app.dir)).filter((n) => VALUES_FILE.test(n));
    } catch {
      continue;
    }
    const used = new Set<string>();
    for (const env of ws.config.environments) {
      for (const cluster of clusterTargets(ws, app.dir, env.name, app.name)) for (const l of layers(ws, app, env.name, cluster)) used.add(l.file);
    }
    for (const name of names) {
      const file = app.dir === '.' ? name : `${app.dir}/${name}`;
      if (used.has(file)) continue;
      out.push({ rule: VALUES_FILE_UNUSED.id, severity: 'warning', message: `no Application layers ${name} in any env, so editing it changes nothing that is deployed`, file, line: 1, column: 1, app: app.name, hint: VALUES_FILE_UNUSED.fix });
    }
  }
  return out;
}
