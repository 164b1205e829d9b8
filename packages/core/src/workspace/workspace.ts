import { dirname, join, posix, resolve } from 'node:path';
import { CONFIG_FILE, type EnvConfig, type GitopsConfig, loadConfig } from '../config';
import { didYouMean, globDirs, matchesGlob, pathExists, UserError } from '../common';
import { nearestPosition } from '../yaml';
import { loadArgoModel, type ArgoModel, type HelmLookup } from './argocd/argo-model';
import type { ScopedApp } from './argocd/app-scope';
import { findByApplication, type AppDeployment } from './argocd/deployments';

/** A deployable: an app that Argo CD Applications deploy, or a folder holding values.yaml and its overlays. */
export interface AppInfo {
  name: string;
  /** Posix path relative to the workspace root, e.g. deployment/helm/alpha-members: its chart (or values) folder. */
  dir: string;
  /** True when Argo CD Applications deploy it: their layers are the truth. */
  deployed?: boolean;
}

export interface Workspace {
  root: string;
  config: GitopsConfig;
  apps: AppInfo[];
  /** What Argo CD deploys from this repository. */
  argo: ArgoModel;
  /** The helm that rendered app-of-apps charts for `argo`: reading the model again (after edits) renders them the same way. */
  argoHelm?: HelmLookup;
  /**
   * Read for these apps only (LoadOptions.scope): `argo` holds what they need, not every
   * Application, so it answers for them alone, not for the workspace as a whole.
   */
  scope?: string[];
}

export interface LoadOptions {
  /** Finds the helm that renders app-of-apps charts; without one, their Applications are reported as unreadable. */
  helm?: HelmLookup;
  /** Read only what these apps' checks need, when that gives them the findings a whole read would (else the whole workspace is read). */
  scope?: WorkspaceScope;
}

/** The apps a run checks, and what a whole read would know without reading every Application. */
export interface WorkspaceScope {
  /** Each app with the folder its findings about files belong to (its Nx project's root). */
  apps: { name: string; root: string }[];
  /** The name of every app of the workspace, as a whole read finds them (the Nx projects). */
  names: string[];
}

/** The nearest folder at or above `start` that holds gitops.yaml. */
export function findWorkspaceRoot(start: string = process.cwd()): string {
  let dir = resolve(start);
  for (;;) {
    if (pathExists(join(dir, CONFIG_FILE))) return dir;
    const up = dirname(dir);
    if (up === dir) {
      throw new UserError(`no ${CONFIG_FILE} found in ${resolve(start)} or any folder above it`, {
        hint: `Run this inside a workspace, or create ${CONFIG_FILE} at its root (see README.md).`,
      });
    }
    dir = up;
  }
}

/** Load gitops.yaml, read the Argo CD Applications, and discover the apps they (and the `apps` globs) name. */
export function loadWorkspace(root?: string, opts: LoadOptions = {}): Workspace {
  const wsRoot = root ? resolve(root) : findWorkspaceRoot();
  const { config } = loadConfig(wsRoot);
  const folders = discoverApps(wsRoot, config);
  const scoped = opts.scope && scopedWorkspace(wsRoot, config, folders, opts.scope, opts.helm);
  if (scoped) return scoped;
  const argo = loadArgoModel(wsRoot, config, opts.helm);
  return { root: wsRoot, config, apps: mergeApps(folders, argo), argo, ...(opts.helm ? { argoHelm: opts.helm } : {}) };
}

/**
 * The workspace read for some apps only: the Application files that can matter to them
 * (argocd/app-scope.ts). Undefined, so that the whole workspace is read, where that read could
 * differ from a whole one for them: an app beyond the scope in a scoped app's folder (its layers
 * in every env decide which files there nothing layers), or a scoped app this read does not find.
 */
function scopedWorkspace(root: string, config: GitopsConfig, folders: AppInfo[], scope: WorkspaceScope, helm?: HelmLookup): Workspace | undefined {
  const folderOf = new Map(folders.map((f) => [f.name, f.dir]));
  const apps: ScopedApp[] = scope.apps.map((a) => {
    const own = folderOf.get(a.name);
    return { name: a.name, folders: [...new Set([a.root, ...(own === undefined ? [] : [own])])] };
  });
  const argo = loadArgoModel(root, config, helm, undefined, apps);
  // A folder that a whole read finds deployed under another name is no app. An app whose
  // Applications were not read is missing: no check of these apps asks for it (an app whose name
  // starts with one of theirs, `web-api` beside `web`, is read, as its Applications name it).
  const names = new Set(scope.names);
  const merged = mergeApps(folders, argo).filter((a) => names.has(a.name));
  const inScope = new Set(apps.map((a) => a.name));
  if ([...inScope].some((n) => !merged.some((a) => a.name === n))) return undefined;
  const inside = (dir: string) => apps.some((a) => a.folders.some((f) => f === '.' || f === '' || dir === f || dir.startsWith(`${f}/`)));
  if (merged.some((a) => !inScope.has(a.name) && inside(a.dir))) return undefined;
  return { root, config, apps: merged, argo, scope: [...inScope], ...(helm ? { argoHelm: helm } : {}) };
}

/**
 * The apps Applications deploy (named by what deploys them), then the folders of the `apps` globs
 * that no Application already covers as a chart under another name.
 */
function mergeApps(folders: AppInfo[], argo: ArgoModel): AppInfo[] {
  const byName = new Map<string, AppInfo>();
  const folderNamed = new Map<string, AppInfo>();
  for (const f of folders) if (!folderNamed.has(f.name)) folderNamed.set(f.name, f);
  // An Application that deploys to no declared env is reported (argocd-env-unknown) and reachable by --application, but is no app.
  for (const d of argo.deployments) {
    if (byName.has(d.app) || !d.env) continue;
    const folder = folderNamed.get(d.app);
    byName.set(d.app, { name: d.app, dir: folder?.dir ?? deploymentDir(d), deployed: true });
  }
  const charts = new Set(argo.deployments.filter((d) => d.env).map(deploymentDir));
  for (const f of folders) if (!byName.has(f.name) && !charts.has(f.dir)) byName.set(f.name, f);
  return [...byName.values()].sort((a, b) => a.name.localeCompare(b.name));
}

/** Where a deployment's values live: its chart folder, else the folder of its first value file. */
export function deploymentDir(d: AppDeployment): string {
  if (d.plan.chart.kind === 'local') return d.plan.chart.dir;
  if (d.plan.chart.kind === 'repository' && d.plan.chart.vendoredDir) return d.plan.chart.vendoredDir;
  const first = d.plan.valueFiles.find((f) => f.file !== undefined)?.file;
  return first ? posix.dirname(first) : '.';
}

/** The deployment of an app in an env (and additional cluster), when an Application deploys it there. */
export function deploymentOf(ws: Workspace, app: string, env: string, cluster?: string): AppDeployment | undefined {
  let index = byIdentity.get(ws.argo);
  if (!index) {
    index = new Map();
    for (const d of ws.argo.deployments) if (d.env && !index.has(identityKey(d.app, d.env, d.cluster))) index.set(identityKey(d.app, d.env, d.cluster), d);
    byIdentity.set(ws.argo, index);
  }
  return index.get(identityKey(app, env, cluster));
}

// Looked up for every layer and resolution: indexed once per model.
const byIdentity = new WeakMap<ArgoModel, Map<string, AppDeployment>>();

/** Every deployment of an app in an env (one per cluster or source), from an index built once per model. */
export function deploymentsIn(ws: Workspace, app: string, env: string): AppDeployment[] {
  let index = byAppEnv.get(ws.argo);
  if (!index) {
    index = new Map();
    for (const d of ws.argo.deployments) {
      const key = `${d.app}\0${d.env ?? ''}`;
      const list = index.get(key);
      if (list) list.push(d);
      else index.set(key, [d]);
    }
    byAppEnv.set(ws.argo, index);
  }
  return index.get(`${app}\0${env}`) ?? [];
}

const byAppEnv = new WeakMap<ArgoModel, Map<string, AppDeployment[]>>();
const identityKey = (app: string, env: string, cluster?: string) => `${app}\0${env}\0${cluster ?? ''}`;

/** The deployment(s) of `--application NAME`: a UserError naming the Applications there are when none matches. */
export function deploymentByApplication(ws: Workspace, name: string): AppDeployment {
  const hits = findByApplication(ws.argo.deployments, name);
  if (hits.length === 1) return hits[0];
  const names = [...new Set(ws.argo.deployments.map((d) => d.application))].sort();
  if (hits.length > 1) {
    throw new UserError(`Application "${name}" has ${hits.length} Helm sources or namespaces`, { hint: `Name one as NAMESPACE/NAME or by app and env: ${hits.map((h) => `${h.app} ${h.env ?? '(no env)'}`).join(', ')}.` });
  }
  const guess = didYouMean(name, names);
  // It may be one of the Applications that could not be read (an app-of-apps chart without helm): say which.
  const unread = ws.argo.discovery.partial ? ws.argo.findings.find((f) => f.rule === 'argocd-application-unreadable') : undefined;
  const found = names.length > 0 ? `Applications found under ${ws.config.argocd.applications.join(', ')}: ${names.slice(0, 20).join(', ')}${names.length > 20 ? ', ...' : ''}.` : `No Application was found under ${ws.config.argocd.applications.join(', ')} (argocd.applications in ${CONFIG_FILE}).`;
  throw new UserError(`no Argo CD Application named "${name}"${guess ? `; did you mean "${guess}"?` : ''}`, {
    hint: unread ? `${found}\n  Not every Application could be read: ${unread.file}:${unread.line}: ${unread.message}.` : found,
  });
}

/** How app discovery sees files: the disk, or a generator's virtual tree. */
export interface DirectoryReader {
  /** Names of the folders inside `absDir`. */
  subdirs(absDir: string): string[];
  isFile(absPath: string): boolean;
}

/**
 * Every folder matched by the `apps` globs (and declared layouts) that holds a values.yaml,
 * named after the folder; folders with the same name are told apart by their parents
 * (`team-a/api` is `team-a-api`), so names stay unique.
 */
export function discoverApps(root: string, config: GitopsConfig, reader?: DirectoryReader): AppInfo[] {
  const isFile = reader ? (p: string) => reader.isFile(p) : pathExists;
  const dirs = new Set<string>();
  for (const pattern of [...config.apps, ...config.layouts.flatMap((l) => l.apps)]) {
    for (const dir of globDirs(root, pattern, reader ? (d) => reader.subdirs(d) : undefined)) if (isFile(join(root, dir, 'values.yaml'))) dirs.add(dir);
  }
  const apps = uniqueNames([...dirs]).sort((a, b) => a.name.localeCompare(b.name));
  const twice = apps.find((a, i) => i > 0 && apps[i - 1].name === a.name);
  if (twice) {
    const other = apps[apps.indexOf(twice) - 1];
    // Two apps of one name would pass as one: the second's values never checked, its Nx project lost.
    throw new UserError(`app folders ${other.dir} and ${twice.dir} would both be named "${twice.name}", and an app's name must be its own`, {
      ...appsPosition(root),
      hint: `Rename one of the folders (a "-" in a folder name reads like a parent folder), or narrow the apps globs so that only one matches.`,
    });
  }
  return apps;
}

/** Where gitops.yaml lists the apps globs, for an error about them; the file alone when it cannot be read. */
function appsPosition(root: string): { file: string; line?: number; column?: number } {
  try {
    const { source } = loadConfig(root);
    return nearestPosition(source, ['apps']);
  } catch {
    return { file: CONFIG_FILE };
  }
}

/** Each folder's basename, or as many parent folders as it takes to be unique, joined by "-". */
function uniqueNames(dirs: string[]): AppInfo[] {
  const name = (dir: string, depth: number) => dir.split('/').slice(-depth).join('-');
  // How many folders take each name at a depth: counted once per depth, not once per folder.
  const counts: Map<string, number>[] = [];
  const countAt = (depth: number, n: string) => {
    if (!counts[depth]) {
      counts[depth] = new Map();
      for (const o of dirs) counts[depth].set(name(o, depth), (counts[depth].get(name(o, depth)) ?? 0) + 1);
    }
    return counts[depth].get(n) ?? 0;
  };
  return dirs.map((dir) => {
    for (let depth = 1; ; depth++) {
      const n = name(dir, depth);
      if (depth >= dir.split('/').length || countAt(depth, n) === 1) return { name: n, dir };
    }
  });
}

/**
 * Refuse a workspace where an `apps` glob of gitops.yaml matches no app folder: checking no app
 * is not a pass, and a glob that matches nothing is almost always a typo or a moved folder.
 */
export function assertAppGlobsMatch(ws: Workspace): void {
  const unmatched = ws.config.apps.map((pattern, i) => ({ pattern, i })).filter(({ pattern }) => !ws.apps.some((a) => matchesGlob(a.dir, pattern)));
  if (unmatched.length === 0) return;
  const { source } = loadConfig(ws.root);
  // The default glob of a gitops.yaml that names none is no promise: Applications may say where apps are.
  if (source.values.apps === undefined) return;
  const { pattern, i } = unmatched[0];
  const at = nearestPosition(source, Array.isArray(source.values.apps) ? ['apps', i] : ['apps']);
  const others = unmatched.length > 1 ? ` (and ${unmatched.slice(1).map((u) => `"${u.pattern}"`).join(', ')})` : '';
  throw new UserError(`the apps glob "${pattern}"${others} matches no app folder (a folder holding values.yaml), so nothing would be checked`, {
    ...at,
    hint: ws.apps.length > 0 ? 'Fix the glob or remove it from apps in gitops.yaml.' : 'Fix the apps glob in gitops.yaml, or add an app with `npx nx g app --name=NAME`.',
  });
}

// Asked for every app, env and check: indexed once per list of apps.
const appsByName = new WeakMap<AppInfo[], Map<string, AppInfo>>();

export function getApp(ws: Workspace, name: string): AppInfo {
  let index = appsByName.get(ws.apps);
  if (!index) {
    index = new Map(ws.apps.map((a) => [a.name, a]));
    appsByName.set(ws.apps, index);
  }
  const app = index.get(name);
  if (app) return app;
  const guess = didYouMean(name, ws.apps.map((a) => a.name));
  throw new UserError(`unknown app "${name}"${guess ? `; did you mean "${guess}"?` : ''}`, {
    hint: `Apps are what the Argo CD Applications deploy and the folders matching ${ws.config.apps.join(', ')} that hold a values.yaml: ${ws.apps.map((a) => a.name).join(', ') || '(none)'}.`,
  });
}

export function getEnv(ws: Workspace, name: string): EnvConfig {
  const env = ws.config.environments.find((e) => e.name === name);
  if (env) return env;
  const names = ws.config.environments.map((e) => e.name);
  const guess = didYouMean(name, names);
  throw new UserError(`unknown environment "${name}"${guess ? `; did you mean "${guess}"?` : ''}`, {
    hint: `Environments declared in ${CONFIG_FILE}: ${names.join(', ')}.`,
  });
}

/** The env and its ancestors, outermost ancestor first: the order their overlays are layered. */
export function envChain(ws: Workspace, name: string): EnvConfig[] {
  const chain: EnvConfig[] = [];
  for (let e: EnvConfig | undefined = getEnv(ws, name); e; e = e.parent ? getEnv(ws, e.parent) : undefined) chain.unshift(e);
  return chain;
}
