import { dirname, posix } from 'node:path';
import type { Tier } from '../../rules';
import type { ChartRenderer } from '../../workspace';
import { argoDeployments, type ArgoDeployment } from './argo-deployments';
import { envOfValuesFile, promotionOrder, tierOfEnv, type OverlayPattern } from './env-names';

export interface DetectedEnv {
  name: string;
  namespace?: string;
  project?: string;
  clusters: string[];
  tier: Tier;
}

/** What init found in a repository, and what it could not tell, for gitops.yaml and for the user. */
export interface DetectedLayout {
  /** Where the envs came from. */
  source: 'argocd' | 'values-files' | 'none';
  /** App folders, relative to the root. */
  appDirs: string[];
  /** gitops.yaml `apps`: globs matching exactly the app folders. */
  apps: string[];
  environments: DetectedEnv[];
  clusters: { name: string; server: string }[];
  argocd: { applications?: string; namespace?: string; repoURL?: string; targetRevision?: string };
  /** How overlays are named, most used first. */
  overlayPatterns: OverlayPattern[];
  /** Charts whose templates create the Applications (app-of-apps): helm renders them, init does not. */
  appOfApps: string[];
  detected: string[];
  notDetected: string[];
}

/** Reads a repository file by its path from the root; undefined when unreadable. */
export type FileText = (path: string) => string | undefined;

const IN_CLUSTER = 'https://kubernetes.default.svc';

function clusterOf(d: ArgoDeployment): { name: string; server?: string } | undefined {
  if (d.server === IN_CLUSTER || d.clusterName === 'in-cluster') return { name: 'in-cluster', server: IN_CLUSTER };
  if (d.clusterName) return { name: d.clusterName, server: d.server };
  if (!d.server) return undefined;
  const host = d.server.replace(/^https?:\/\//, '').split(/[.:/]/)[0].toLowerCase().replace(/[^a-z0-9-]/g, '-');
  return { name: host || 'cluster', server: d.server };
}

/**
 * The env a deployment is for: its values files' names (the one its name names, else the one its
 * namespace names, else the last), else its name after the app's, else its namespace.
 */
function envOf(d: ArgoDeployment, app: string): { env: string; pattern?: OverlayPattern } | undefined {
  const suffix = d.name.startsWith(`${app}-`) ? d.name.slice(app.length + 1) : undefined;
  const fromFiles = d.valueFiles.map((f) => envOfValuesFile(f)).filter((e) => e !== undefined);
  // A file layered on top of the env's own (values-override.yaml) names no env.
  const named = fromFiles.find((e) => e.env === suffix) ?? fromFiles.find((e) => e.env === d.namespace) ?? fromFiles.pop();
  if (named) return named;
  const env = suffix ?? d.namespace;
  return env && /^[a-z0-9][a-z0-9-]*$/.test(env) ? { env } : undefined;
}

/** Globs for gitops.yaml's `apps`: `parent/*` where every chart folder of a parent is an app, else the folders. */
function appGlobs(appDirs: string[], chartDirs: Set<string>): string[] {
  const byParent = new Map<string, string[]>();
  for (const d of appDirs) byParent.set(dirname(d), [...(byParent.get(dirname(d)) ?? []), d]);
  return [...byParent].flatMap(([parent, dirs]) => {
    const siblings = [...chartDirs].filter((c) => dirname(c) === parent);
    return siblings.every((s) => dirs.includes(s)) && parent !== '.' ? [`${parent}/*`] : dirs;
  }).sort();
}

function commonFolder(files: string[]): string {
  const parts = files.map((f) => dirname(f).split('/'));
  const common: string[] = [];
  for (let i = 0; parts.every((p) => p[i] !== undefined && p[i] === parts[0][i]); i++) common.push(parts[0][i]);
  return common.join('/') || '.';
}

const count = <T>(xs: T[]): T[] => {
  const n = new Map<T, number>();
  for (const x of xs) n.set(x, (n.get(x) ?? 0) + 1);
  return [...n].sort((a, b) => b[1] - a[1]).map(([x]) => x);
};

interface Found {
  app: string;
  env: string;
  pattern?: OverlayPattern;
  cluster?: { name: string; server?: string };
  d?: ArgoDeployment;
}

function fromArgo(deployments: ArgoDeployment[], chartDirs: Set<string>, notDetected: string[]): Found[] {
  return deployments.flatMap((d) => {
    const where = `${d.file} (${d.name})`;
    if (!d.path || !chartDirs.has(d.path)) {
      notDetected.push(`${where}: its source path ${d.path ?? '(none)'} is not a folder of this repository with a values.yaml`);
      return [];
    }
    const e = envOf(d, posix.basename(d.path));
    if (!e) {
      notDetected.push(`${where}: no env in its values files, name or namespace`);
      return [];
    }
    return [{ app: d.path, env: e.env, pattern: e.pattern, cluster: clusterOf(d), d }];
  });
}

function fromValuesFiles(files: string[], chartDirs: Set<string>): Found[] {
  const found: Found[] = [];
  for (const dir of chartDirs) {
    const inApp = files.filter((f) => f.startsWith(`${dir}/`)).map((f) => f.slice(dir.length + 1));
    for (const f of inApp) {
      const e = envOfValuesFile(f);
      // An env folder (`dev/values.yaml`) is one level down; deeper files belong to something else.
      if (e && f.split('/').length <= 2) found.push({ app: dir, env: e.env, pattern: e.pattern });
    }
  }
  return found;
}

/**
 * Detect a GitOps repository's apps, envs and clusters from the Argo CD Applications and
 * ApplicationSets it holds (those app-of-apps charts make too, when `renderChart` renders them), or
 * from its values files' names when it has none.
 */
export function detectLayout(files: string[], read: FileText, git: { originURL?: string } = {}, renderChart?: ChartRenderer): DetectedLayout {
  const detected: string[] = [];
  const notDetected: string[] = [];
  const all = argoDeployments(files, read, notDetected, git.originURL, renderChart);
  // An app-of-apps chart is no app, and its destination (Argo CD's own namespace) no env.
  const deployments = all.filter((d) => !d.appOfApps);
  const parents = all.filter((d) => d.appOfApps);
  // An app-of-apps Application deploys a chart folder, so it has a path.
  const appOfApps = [...new Set(parents.map((d) => d.path as string))];

  const valuesDirs = files.filter((f) => posix.basename(f) === 'values.yaml').map((f) => dirname(f));
  // `<app>/<env>/values.yaml` is an env folder of <app>, not a chart of its own.
  const chartDirs = new Set(valuesDirs.filter((d) => (!valuesDirs.includes(dirname(d)) || files.includes(`${d}/Chart.yaml`)) && !appOfApps.includes(d)));
  let found = fromArgo(deployments, chartDirs, notDetected);
  const source: DetectedLayout['source'] = found.length ? 'argocd' : 'none';
  if (!found.length) found = fromValuesFiles(files, chartDirs);

  const appDirs = [...new Set(found.map((f) => f.app))].sort();
  const envNames = promotionOrder(found.map((f) => f.env));
  const clusters = new Map<string, string>();
  // Clusters in the order of the first env that deploys to them.
  found.sort((a, b) => envNames.indexOf(a.env) - envNames.indexOf(b.env));
  for (const f of found) if (f.cluster?.server) clusters.set(f.cluster.name, f.cluster.server);
  for (const f of found) {
    if (f.cluster && !f.cluster.server && !clusters.has(f.cluster.name)) {
      notDetected.push(`cluster ${f.cluster.name}: the Applications name it but give no server; add it under clusters in gitops.yaml`);
      clusters.set(f.cluster.name, '');
    }
  }
  const environments = envNames.map((name): DetectedEnv => {
    const mine = found.filter((f) => f.env === name);
    const first = <K extends keyof ArgoDeployment>(k: K) => count(mine.map((m) => m.d?.[k]).filter((v) => v !== undefined))[0];
    const envClusters = count(mine.map((m) => m.cluster?.name).filter((c): c is string => c !== undefined && clusters.get(c) !== ''));
    return { name, namespace: first('namespace') as string | undefined, project: first('project') as string | undefined, clusters: envClusters, tier: tierOfEnv(name) };
  });

  // Values-file detection finds no deployment, so this is empty unless the envs came from Argo CD.
  const apps = [...deployments.filter((d) => d.kind === 'Application' && !d.rendered && found.some((f) => f.d === d)), ...parents];
  const named = count(all.map((d) => d.repoURL).filter((v) => v !== undefined))[0];
  const argocd = {
    applications: apps.length ? commonFolder(apps.map((d) => d.file)) : undefined,
    namespace: count(all.map((d) => d.argoNamespace).filter((v) => v !== undefined))[0],
    repoURL: named ?? git.originURL,
    targetRevision: count(all.map((d) => d.targetRevision).filter((v) => v !== undefined))[0],
  };
  const overlayPatterns = count(found.map((f) => f.pattern).filter((p) => p !== undefined));

  if (appDirs.length) detected.push(`apps: ${appDirs.join(', ')}`);
  else notDetected.push('apps: no folder with a values.yaml that an Application deploys or that has per-env values files');
  if (envNames.length) {
    // Counted are the Applications that gave an app and env, not those it could not use (said below).
    const how = source === 'argocd' ? `from ${new Set(found.map((f) => f.d)).size} Argo CD Application(s) and ApplicationSet element(s)` : 'from values file names';
    detected.push(`envs, in promotion order: ${envNames.join(' -> ')} (${how}; check the order)`);
  } else notDetected.push('envs: no Argo CD Application and no values file named after an env (values-<env>.yaml, values_<env>.yaml, <env>/values.yaml)');
  if (clusters.size) detected.push(`clusters: ${[...clusters].map(([n, s]) => (s ? `${n} (${s})` : n)).join(', ')}`);
  else notDetected.push('clusters: no Argo CD Application says where the apps deploy; the default is the cluster Argo CD runs in');
  if (overlayPatterns.length) detected.push(`values files named ${overlayPatterns.join(', ')}`);
  if (argocd.applications) detected.push(`Argo CD Applications in ${argocd.applications}/`);
  if (appOfApps.length) detected.push(`app-of-apps: ${parents.map((d) => `${d.name} (${d.file}) renders ${d.path}`).join(', ')}; the Applications it creates deploy the apps`);
  else if (source !== 'argocd' && envNames.length) notDetected.push('Argo CD Applications: none found, so gitops.yaml turns the argocd-application-missing check off until they exist');
  if (argocd.repoURL && !named) detected.push(`argocd.repoURL: ${git.originURL} (the git remote origin; no Application names one)`);
  if (!argocd.repoURL) notDetected.push('argocd.repoURL: no Application and no git remote origin names the Git URL of this repository; set it before generating Applications');

  return { source, appDirs, apps: appGlobs(appDirs, chartDirs), environments, clusters: [...clusters].filter(([, s]) => s).map(([name, server]) => ({ name, server })), argocd, overlayPatterns, appOfApps, detected, notDetected };
}
