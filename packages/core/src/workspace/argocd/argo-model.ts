import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CONFIG_FILE } from '../../config';
import type { GitopsConfig } from '../../config';
import type { Finding } from '../../common';
import { deploymentsOf, type AppDeployment } from './deployments';
import { appScopeFilter, type ScopedApp } from './app-scope';
import { discoverApplications, type ChartRenderer, type Discovery } from './discover-applications';
import { helmTemplateArgs, inlineValuesText } from './helm-args';
import { listedRepo, type ListedFiles } from './listed-repo';
import { diskRepo } from './repo-context';
import { diskTree, listedOnce } from '../file-glob';

/** Runs helm with these arguments in `cwd` and returns its standard output; throws with helm's message on failure. */
export type HelmRunner = (args: string[], cwd: string) => string;

/** What Argo CD deploys from this repository: the Applications, their deployments and what could not be read. */
export interface ArgoModel {
  discovery: Discovery;
  deployments: AppDeployment[];
  /** Findings about the repository as a whole and about each Application. */
  findings: Finding[];
}

/**
 * Finds the helm that renders app-of-apps charts, called at most once and only when a chart must
 * be rendered (so a workspace without app-of-apps never looks for helm); undefined when there is none.
 */
export type HelmLookup = (config: GitopsConfig) => HelmRunner | undefined;

/**
 * An app-of-apps chart rendered by helm, as Argo CD renders it (inline values written to a
 * temporary file). `find` is asked for helm once, when the first chart must be rendered.
 */
export function appOfAppsRenderer(root: string, find: () => HelmRunner | undefined): ChartRenderer {
  let found: { helm: HelmRunner | undefined } | undefined;
  return (plan) => {
    found ??= { helm: find() };
    const helm = found.helm;
    if (!helm) return null;
    if (plan.chart.kind !== 'local') return new Error('only charts of this repository are rendered');
    const dir = mkdtempSync(join(tmpdir(), 'hvm-appofapps-'));
    try {
      const inline = join(dir, 'values.yaml');
      writeFileSync(inline, inlineValuesText(plan) ?? '');
      return helm(['template', plan.releaseName, join(root, plan.chart.dir), ...helmTemplateArgs(root, plan, inline)], root);
    } catch (e) {
      return e instanceof Error ? e : new Error(String(e));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  };
}

/**
 * Read every Application Argo CD would create from this repository (argocd.applications), and
 * the deployment each of its Helm sources is. The helm `helm` finds renders app-of-apps charts.
 * With `scope`, only the files that can matter to those apps are parsed (app-scope.ts).
 */
export function loadArgoModel(root: string, config: GitopsConfig, helm?: HelmLookup, listed?: ListedFiles, scope?: ScopedApp[]): ArgoModel {
  const repoURLs = [...(config.argocd.repoURL ? [config.argocd.repoURL] : []), ...config.argocd.repoURLs];
  // A generator's virtual tree is listed; the working tree is read from disk.
  const repo = listed ? listedRepo(listed, repoURLs, config.argocd.chartCache) : diskRepo(root, { repoURLs, chartCaches: config.argocd.chartCache, tree: listedOnce(diskTree) });
  const discovery = discoverApplications({
    repo,
    clusters: config.clusters.map((c) => ({ name: c.name, server: c.server, ...(c.labels ? { labels: c.labels } : {}) })),
    // The default folder may well not exist; only globs the user wrote must match.
    patterns: config.argocd.applicationsDeclared ? config.argocd.applications : config.argocd.applications.filter((p) => repo.kind(p) !== undefined),
    patternsFile: CONFIG_FILE,
    ...(helm ? { renderChart: appOfAppsRenderer(root, () => helm(config)) } : {}),
    ...(scope ? { skip: appScopeFilter(repo, scope) } : {}),
  });
  const { deployments, findings } = deploymentsOf(discovery, {
    envs: config.environments.map((e) => ({ name: e.name, namespace: e.namespace, project: e.project, clusters: e.clusters })),
    clusters: config.clusters,
    names: config.argocd.names,
  });
  // Findings of an Application belong to the app and env it deploys.
  const byName = new Map<string, AppDeployment>();
  for (const d of deployments) {
    // the first Application of that name, with its last source
    const kept = byName.get(d.plan.app.name);
    if (!kept || kept.plan.app === d.plan.app) byName.set(d.plan.app.name, d);
  }
  const located = discovery.findings.map((f) => {
    const d = f.app === undefined ? undefined : byName.get(f.app);
    return d ? { ...f, app: d.app, ...(d.env ? { env: d.env } : {}) } : f;
  });
  return { discovery, deployments, findings: [...located, ...findings] };
}

/** No Applications: for a workspace seen through a generator's virtual tree, which scaffolds by the declared layout. */
export function emptyArgoModel(): ArgoModel {
  return { discovery: { applications: [], plans: [], files: [], documents: [], findings: [], partial: false, appOfApps: [] }, deployments: [], findings: [] };
}
