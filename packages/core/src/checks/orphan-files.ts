import { lstatSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describePending, type Finding, pathExists, pathStats, PENDING_WRITE, pendingWrite } from '../common';
import { ruleSetting } from '../config';
import { INTERRUPTED_WRITE, ORPHAN_FILE } from '../rules';
import type { AppInfo, Workspace } from '../workspace';
import { folderNames } from './folder-names';

/**
 * Leftovers of an app: overlays and Argo CD Applications of envs that gitops.yaml does not
 * declare (an env removed, or a generator that did not finish), and the journal of an
 * interrupted write that touched the app's files.
 */
export function orphanFindings(ws: Workspace, app: AppInfo): Finding[] {
  const envs = new Map(ws.config.environments.map((e) => [e.name, e]));
  // an undeclared env has no tier: its leftovers count as production's
  const s = ruleSetting(ws.config, 'production', ORPHAN_FILE);
  const out: Finding[] = [];
  const add = (file: string, env: string, what: string) => {
    if (s !== 'off') out.push({ rule: ORPHAN_FILE.id, severity: s, message: `${what} for env "${env}", which gitops.yaml does not declare`, file, line: 1, column: 1, app: app.name, hint: ORPHAN_FILE.fix });
  };
  for (const name of folderNames(ws, app.dir) ?? []) {
    const m = /^values-([^.]+)(?:\.[^.]+)?\.yaml$/.exec(name);
    // whether it is a file is asked of the few names an undeclared env's overlay would have
    if (m && !envs.has(m[1]) && isFile(join(ws.root, app.dir, name))) add(`${app.dir}/${name}`, m[1], 'an overlay');
  }
  const dir = ws.config.argocd.applicationsDir;
  for (const name of applicationFiles(ws, dir).get(app.name) ?? []) {
    const rest = name.slice(app.name.length + 1, -'.yaml'.length);
    const declared = [...envs.values()].some((e) => rest === e.name || e.clusters.some((c) => rest === `${e.name}-${c}`));
    if (!declared) add(`${dir}/${name}`, [...envs.keys()].find((e) => rest.startsWith(`${e}-`)) ?? rest, 'an Argo CD Application');
  }
  const journal = pendingWrite(ws.root);
  const mine = journal?.entries.filter((e) => e.path.startsWith(`${app.dir}/`) || (e.path.startsWith(`${dir}/`) && ownerOf(e.path.slice(dir.length + 1), appNames(ws)) === app.name));
  const interrupted = ruleSetting(ws.config, 'production', INTERRUPTED_WRITE);
  if (journal && mine && mine.length > 0 && interrupted !== 'off') {
    out.push({
      rule: INTERRUPTED_WRITE.id,
      severity: interrupted,
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

/**
 * The Application file names of the folder, by the app that owns each: the app with the longest
 * name the file's name starts with, then a dash (alpha-members-prod is alpha-members', not alpha's).
 * Listed once per workspace and state of the folder: every app of a large workspace asks.
 */
function applicationFiles(ws: Workspace, dir: string): Map<string, string[]> {
  const abs = join(ws.root, dir);
  const stamp = `${pathStats(abs)?.mtimeMs ?? ''}`;
  const key = `${dir}\0${stamp}`;
  const hit = ownersCache.get(ws);
  if (hit?.key === key) return hit.owners;
  const names = appNames(ws);
  const owners = new Map<string, string[]>();
  for (const file of list(abs)) {
    if (!file.endsWith('.yaml')) continue;
    const owner = ownerOf(file, names);
    if (owner === undefined) continue;
    const files = owners.get(owner) ?? [];
    files.push(file);
    owners.set(owner, files);
  }
  ownersCache.set(ws, { key, owners });
  return owners;
}

const ownersCache = new WeakMap<Workspace, { key: string; owners: Map<string, string[]> }>();
const appNames = (ws: Workspace) => new Set(ws.apps.map((a) => a.name));

/** The app with the longest name that `file` starts with, then a dash: tried from the last dash back. */
function ownerOf(file: string, apps: Set<string>): string | undefined {
  for (let i = file.lastIndexOf('-'); i > 0; i = file.lastIndexOf('-', i - 1)) {
    const name = file.slice(0, i);
    if (apps.has(name)) return name;
  }
  return undefined;
}

function isFile(abs: string): boolean {
  try {
    return lstatSync(abs).isFile();
  } catch {
    return false;
  }
}

function list(dir: string): string[] {
  return pathExists(dir) ? readdirSync(dir, { withFileTypes: true }).filter((e) => e.isFile()).map((e) => e.name).sort() : [];
}
