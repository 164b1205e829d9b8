import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describePending, type Finding, PENDING_WRITE, pendingWrite } from '../common';
import { ruleSetting } from '../config';
import { INTERRUPTED_WRITE, ORPHAN_FILE } from '../rules';
import type { AppInfo, Workspace } from '../workspace';

/**
 * Leftovers of an app: overlays and Argo CD Applications of envs that gitops.yaml does not
 * declare (an env removed, or a generator that did not finish), and the journal of an
 * interrupted write that touched the app's files.
 */
export function orphanFindings(ws: Workspace, app: AppInfo): Finding[] {
  const envs = new Map(ws.config.environments.map((e) => [e.name, e]));
  const severity = (env?: string) => ruleSetting(ws.config, envs.get(env ?? '')?.tier ?? 'production', ORPHAN_FILE);
  const out: Finding[] = [];
  const add = (file: string, env: string, what: string) => {
    const s = severity();
    if (s !== 'off') out.push({ rule: ORPHAN_FILE.id, severity: s, message: `${what} for env "${env}", which gitops.yaml does not declare`, file, line: 1, column: 1, app: app.name, hint: ORPHAN_FILE.fix });
  };
  for (const name of list(join(ws.root, app.dir))) {
    const m = /^values-([^.]+)(?:\.[^.]+)?\.yaml$/.exec(name);
    if (m && !envs.has(m[1])) add(`${app.dir}/${name}`, m[1], 'an overlay');
  }
  // An Application file belongs to the app with the longest name it starts with (alpha-members-prod, not alpha's).
  const appNames = ws.apps.map((a) => a.name).sort((a, b) => b.length - a.length);
  const dir = ws.config.argocd.applicationsDir;
  for (const name of list(join(ws.root, dir)).filter((n) => n.endsWith('.yaml'))) {
    if (appNames.find((a) => name.startsWith(`${a}-`)) !== app.name) continue;
    const rest = name.slice(app.name.length + 1, -'.yaml'.length);
    const declared = [...envs.values()].some((e) => rest === e.name || e.clusters.some((c) => rest === `${e.name}-${c}`));
    if (!declared) add(`${dir}/${name}`, [...envs.keys()].find((e) => rest.startsWith(`${e}-`)) ?? rest, 'an Argo CD Application');
  }
  const journal = pendingWrite(ws.root);
  const mine = journal?.entries.filter((e) => e.path.startsWith(`${app.dir}/`) || (e.path.startsWith(`${dir}/${app.name}-`) && appNames.find((a) => e.path.startsWith(`${dir}/${a}-`)) === app.name));
  const s = ruleSetting(ws.config, 'production', INTERRUPTED_WRITE);
  if (journal && mine && mine.length > 0 && s !== 'off') {
    out.push({
      rule: INTERRUPTED_WRITE.id,
      severity: s,
      message: `${describePending(journal)}, ${mine.length} of them ${app.name}'s: they may be half-written`,
      file: PENDING_WRITE,
      line: 1,
      column: 1,
      app: app.name,
      hint: INTERRUPTED_WRITE.fix,
    });
  }
  return out;
}

function list(dir: string): string[] {
  return existsSync(dir) ? readdirSync(dir, { withFileTypes: true }).filter((e) => e.isFile()).map((e) => e.name).sort() : [];
}
