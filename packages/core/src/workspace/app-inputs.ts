import { posix } from 'node:path';
import { isMap, matchesGlob, type Value } from '../common';
import { CONFIG_FILE } from '../config';
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
  for (const d of own) deploymentFiles(d, files, folders);
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

/** Whether a changed file (relative to the root) is an input of the app. */
export function isAppInput(inputs: AppInputs, file: string): boolean {
  return inputs.include.some((g) => matchesGlob(file, g)) && !inputs.exclude.includes(file);
}

function deploymentFiles(d: AppDeployment, files: Set<string>, folders: Set<string>): void {
  const { plan } = d;
  files.add(plan.app.file);
  const generator = generatorFile(plan.app.generatedBy?.params);
  if (generator) files.add(generator);
  for (const s of plan.app.sources) for (const o of s.overrides ?? []) files.add(o);
  if (plan.chart.kind === 'local') folders.add(plan.chart.dir);
  if (plan.chart.kind === 'repository' && plan.chart.vendoredDir) folders.add(plan.chart.vendoredDir);
  for (const p of plan.fileParameters) if (p.file) files.add(p.file);
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
