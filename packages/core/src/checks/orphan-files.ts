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
  const dir = ws.config.argocd.applicationsDir;
  for (const name of applicationFilesByApp(ws).get(app.name) ?? []) {
    const rest = name.slice(app.name.length + 1, -'.yaml'.length);
    const declared = [...envs.values()].some((e) => rest === e.name || e.clusters.some((c) => rest === `${e.name}-${c}`));
    if (!declared) add(`${dir}/${name}`, [...envs.keys()].find((e) => rest.startsWith(`${e}-`)) ?? rest, 'an Argo CD Application');
  }
  const journal = pendingWrite(ws.root);
  const names = new Set(ws.apps.map((a) => a.name));
  const mine = journal?.entries.filter((e) => e.path.startsWith(`${app.dir}/`) || (e.path.startsWith(`${dir}/`) && owner(e.path.slice(dir.length + 1), names) === app.name));
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

const filesByApp = new WeakMap<Workspace, Map<string, string[]>>();

/** The Application files of every app, listed once per workspace: validating each app must not rescan the folder. */
function applicationFilesByApp(ws: Workspace): Map<string, string[]> {
  let byApp = filesByApp.get(ws);
  if (!byApp) {
    byApp = new Map();
    const names = new Set(ws.apps.map((a) => a.name));
    for (const name of list(join(ws.root, ws.config.argocd.applicationsDir)).filter((n) => n.endsWith('.yaml'))) {
      const app = owner(name, names);
      if (app) byApp.set(app, [...(byApp.get(app) ?? []), name]);
    }
    filesByApp.set(ws, byApp);
  }
  return byApp;
}

/** An Application file belongs to the app with the longest name it starts with (alpha-members-prod, not alpha's). */
function owner(file: string, names: Set<string>): string | undefined {
  for (let i = file.lastIndexOf('-'); i > 0; i = file.lastIndexOf('-', i - 1)) {
    if (names.has(file.slice(0, i))) return file.slice(0, i);
  }
  return undefined;
}

function list(dir: string): string[] {
  return existsSync(dir) ? readdirSync(dir, { withFileTypes: true }).filter((e) => e.isFile()).map((e) => e.name).sort() : [];
}
