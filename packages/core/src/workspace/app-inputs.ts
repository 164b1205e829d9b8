import { posix } from 'node:path';
import { isMap, matchesGlob, type Value } from '../common';
import { CONFIG_FILE } from '../config';
import type { ApplicationSpec } from './argocd/application-spec';
import type { AppDeployment } from './argocd/deployments';
import { declaredLayers, deploymentLayers } from './layers';
import { deploymentOf, type AppInfo, type Workspace } from './workspace';

/**
 * The files one app's results are computed from, relative to the root: `include` (files, and
 * folders as `dir/**`) less `exclude` (other apps' value files inside a folder it includes, such
 * as a shared chart's per-app overlays). Touching any of them can change its results; nothing else can.
 */
export interface AppInputs {
  include: string[];
  exclude: string[];
  /** Its values files (every layer of every env), a subset of what `include` covers. */
  values: string[];
}

/**
 * What an app reads: gitops.yaml; for every env an Application deploys it to, the Application's
 * file (the ApplicationSet's for a generated one, and the git generator file that made it), its
 * source override files, chart folder, value files and file parameters; for every other env the
 * layers gitops.yaml declares; and the app's own folder.
 */
export function appInputs(ws: Workspace, app: AppInfo): AppInputs {
  const files = new Set<string>([CONFIG_FILE]);
  const folders = new Set<string>();
  const values = new Set<string>();
  const index = indexOf(ws);
  const own = index.byApp.get(app.name) ?? [];
  for (const d of own) deploymentFiles(ws, d, files, folders);
  for (const d of own) for (const l of deploymentLayers(ws.root, d)) values.add(l.file);
  for (const env of ws.config.environments) {
    if (deploymentOf(ws, app.name, env.name)) continue;
    for (const l of declaredLayers(ws, app, env.name)) values.add(l.file);
  }
  for (const v of values) files.add(v);
  // A folder of its own (not a chart other apps share) holds its overlays, schema and secrets, present or future.
  if ((index.appsInDir.get(app.dir) ?? 0) <= 1) folders.add(app.dir);
  // An app no Application deploys yet: the conventional Application files would change that.
  if (own.length === 0 && ws.config.argocd.applicationsDir) files.add(`${ws.config.argocd.applicationsDir}/${app.name}-*.yaml`);
  const include = [...[...folders].map((f) => (f === '.' ? '**' : `${f}/**`)), ...[...files].filter((f) => ![...folders].some((d) => inside(f, d)))];
  const exclude = otherAppsFiles(index, app, files, [...folders]);
  return { include: [...new Set(include)].sort(), exclude: exclude.sort(), values: [...values].sort() };
}

/**
 * What the workspace's own findings (workspaceFindings) are computed from, as files and folders
 * (`dir/**`) relative to the root: gitops.yaml; the argocd.applications globs and every file the
 * Argo CD model read (Applications, ApplicationSets, source overrides); every file of an
 * Application that deploys no app to a declared env (no app's inputs hold it); the charts that
 * render Applications (app-of-apps); the folders and files ApplicationSets' git generators list.
 * No app's values file is among them unless one of those names it, so a change to an overlay
 * reruns that app's checks alone. Findings about a values file in an app's folder (one nothing
 * layers) depend on that folder: they belong to the app whose folder holds it.
 */
export function workspaceInputs(ws: Workspace): string[] {
  const files = new Set<string>([CONFIG_FILE, ...ws.argo.discovery.files]);
  const folders = new Set<string>();
  for (const g of ws.config.argocd.applications) {
    files.add(g);
    folders.add(g);
  }
  const apps = new Set(ws.apps.map((a) => a.name));
  const envs = new Set(ws.config.environments.map((e) => e.name));
  for (const d of ws.argo.deployments) if (!d.env || !envs.has(d.env) || !apps.has(d.app)) deploymentFiles(ws, d, files, folders);
  for (const doc of ws.argo.discovery.documents) {
    const rendered = RENDERED_BY.exec(doc.file);
    if (rendered) folders.add(rendered[1]);
    if (doc.kind === 'ApplicationSet') gitGeneratorPaths(doc.data.spec, files, folders);
  }
  return [...new Set([...[...folders].map((f) => (f === '.' || f === '' ? '**' : `${f}/**`)), ...files])].sort();
}

// How discovery names the Applications an app-of-apps chart renders: `<chart dir> (rendered by <Application>)`.
const RENDERED_BY = /^(.*) \(rendered by [^)]*\)$/;

/** The paths git generators list, anywhere in an ApplicationSet's generators (matrix and merge nest them). */
function gitGeneratorPaths(node: Value | undefined, files: Set<string>, folders: Set<string>): void {
  if (Array.isArray(node)) for (const n of node) gitGeneratorPaths(n, files, folders);
  if (!isMap(node)) return;
  const git = node.git;
  if (isMap(git)) {
    // A directory's Applications come and go with its files: every file under a listed folder.
    for (const d of Array.isArray(git.directories) ? git.directories : []) if (isMap(d) && typeof d.path === 'string') folders.add(d.path.replace(/\/+$/, ''));
    for (const f of Array.isArray(git.files) ? git.files : []) if (isMap(f) && typeof f.path === 'string') files.add(f.path);
  }
  for (const [k, v] of Object.entries(node)) if (k !== 'git' && k !== 'template') gitGeneratorPaths(v, files, folders);
}

/** Whether a changed file (relative to the root) is an input of the app. */
export function isAppInput(inputs: AppInputs, file: string): boolean {
  return inputs.include.some((g) => matchesGlob(file, g)) && !inputs.exclude.includes(file);
}

function deploymentFiles(ws: Workspace, d: AppDeployment, files: Set<string>, folders: Set<string>): void {
  const { plan } = d;
  applicationFiles(ws, plan.app, files, folders);
  const generator = generatorFile(plan.app.generatedBy?.params);
  if (generator) files.add(generator);
  for (const s of plan.app.sources) for (const o of s.overrides ?? []) files.add(o);
  if (plan.chart.kind === 'local') folders.add(plan.chart.dir);
  if (plan.chart.kind === 'repository' && plan.chart.vendoredDir) folders.add(plan.chart.vendoredDir);
  for (const p of plan.fileParameters) if (p.file) files.add(p.file);
}

/**
 * The file an Application is written in; for one an app-of-apps chart renders (no file holds it),
 * that chart's folder and the files of the Applications that render it.
 */
function applicationFiles(ws: Workspace, app: ApplicationSpec, files: Set<string>, folders: Set<string>): void {
  let at: ApplicationSpec | undefined = app;
  // A parent is found before the Applications it renders, so the chain ends.
  while (at?.renderedBy) {
    folders.add(at.renderedBy.chart);
    const parent: string = at.renderedBy.application;
    at = ws.argo.discovery.appOfApps.find((a) => a.name === parent);
  }
  if (at) files.add(at.file);
}

/** The file a git files generator read to make an Application (`path.path` and `path.filename`), if it was one. */
function generatorFile(params: Record<string, Value> | undefined): string | undefined {
  if (!params) return undefined;
  const nested = isMap(params.path) ? params.path : undefined;
  const dir = nested ? nested.path : params.path;
  const name = nested ? nested.filename : params['path.filename'];
  return typeof dir === 'string' && typeof name === 'string' ? posix.join(dir, name) : undefined;
}

/** Value files inside these folders that other apps read and this app does not. */
function otherAppsFiles(index: Index, app: AppInfo, mine: Set<string>, folders: string[]): string[] {
  const out: string[] = [];
  for (const [dir, files] of index.readersByDir) {
    if (!folders.some((f) => dir === f || inside(dir, f))) continue;
    for (const [file, apps] of files) if (!mine.has(file) && [...apps].some((a) => a !== app.name)) out.push(file);
  }
  return out;
}

/** What every app's inputs look up, indexed once per model: deployments by app, apps per folder, values files (by folder) with their readers. */
interface Index {
  argo: Workspace['argo'];
  byApp: Map<string, AppDeployment[]>;
  appsInDir: Map<string, number>;
  readersByDir: Map<string, Map<string, Set<string>>>;
}

function indexOf(ws: Workspace): Index {
  let index = indexes.get(ws.apps);
  if (index?.argo === ws.argo) return index;
  index = { argo: ws.argo, byApp: new Map(), appsInDir: new Map(), readersByDir: new Map() };
  for (const a of ws.apps) index.appsInDir.set(a.dir, (index.appsInDir.get(a.dir) ?? 0) + 1);
  for (const d of ws.argo.deployments) {
    if (!d.env) continue;
    index.byApp.set(d.app, [...(index.byApp.get(d.app) ?? []), d]);
    for (const l of deploymentLayers(ws.root, d)) {
      const dir = posix.dirname(l.file);
      const files = index.readersByDir.get(dir) ?? new Map<string, Set<string>>();
      files.set(l.file, (files.get(l.file) ?? new Set()).add(d.app));
      index.readersByDir.set(dir, files);
    }
  }
  indexes.set(ws.apps, index);
  return index;
}

// Keyed by the apps list and checked against the model: a generator's tree pairs other apps with its own model.
const indexes = new WeakMap<Workspace['apps'], Index>();

const inside = (file: string, dir: string) => dir === '.' || file.startsWith(`${dir}/`);
