import { join, posix } from 'node:path';
import { matchesGlob, UserError } from '../common';
import { expandLayer, type LayoutConfig } from '../config';
import { fileExists } from '../values';
import type { AppDeployment } from './argocd/deployments';
import { deploymentOf, deploymentsIn, envChain, getApp, getEnv, type AppInfo, type Workspace } from './workspace';

/** One values file in the order Helm gets it with -f (and Argo CD with valueFiles). */
export interface Layer {
  /** Posix path relative to the workspace root: what users see in messages. */
  file: string;
  /** Path relative to the app folder: what goes into Argo CD's valueFiles. */
  valueFile: string;
  absPath: string;
  role: 'base' | 'env' | 'cluster';
  env?: string;
  cluster?: string;
  exists: boolean;
}

export const BASE_VALUES = 'values.yaml';
export const SCHEMA_FILE = 'values.schema.json';

/** values-<env>.yaml, or values-<env>.<cluster>.yaml for a per-cluster overlay (names hold no dots, so this is unambiguous). */
export function overlayFileName(env: string, cluster?: string): string {
  return cluster ? `values-${env}.${cluster}.yaml` : `values-${env}.yaml`;
}

/**
 * The ordered files for an app in an env: base, then each ancestor env's overlay (outermost
 * first), then the env's own, then the cluster's. The same order as `helm -f` and Argo CD valueFiles.
 */
export function layers(ws: Workspace, app: string | AppInfo, env: string, cluster?: string): Layer[] {
  const a = typeof app === 'string' ? getApp(ws, app) : app;
  // What an Argo CD Application deploys is the truth.
  const deployed = deploymentOf(ws, a.name, env, cluster);
  return deployed ? deploymentLayers(ws.root, deployed) : declaredLayers(ws, a, env, cluster);
}

/** The layout gitops.yaml declares for an app folder (a `layouts` entry whose apps glob matches it), if any. */
export function declaredLayout(ws: Workspace, app: AppInfo): LayoutConfig | undefined {
  return ws.config.layouts.find((l) => l.apps.some((g) => matchesGlob(app.dir, g)));
}

/** Whether gitops.yaml describes this app's files (its `apps` globs or a layout): then Applications must agree with it. */
export function isDeclared(ws: Workspace, app: AppInfo): boolean {
  return declaredLayout(ws, app) !== undefined || ws.config.apps.some((g) => matchesGlob(app.dir, g));
}

/**
 * The layers gitops.yaml declares for an app in an env: its layout's patterns, or the convention
 * (values.yaml, each ancestor env's overlay, the env's, the cluster's).
 */
export function declaredLayers(ws: Workspace, app: string | AppInfo, env: string, cluster?: string): Layer[] {
  const a = typeof app === 'string' ? getApp(ws, app) : app;
  const layout = declaredLayout(ws, a);
  if (layout) {
    const e = getEnv(ws, env);
    const out: Layer[] = [];
    layout.layers.forEach((pattern, i) => {
      const file = expandLayer(pattern, { app: a.name, appDir: a.dir, env, ...(cluster ? { cluster } : {}), attributes: e.attributes });
      if (file === undefined) return;
      const absPath = join(ws.root, file);
      const role: Layer['role'] = i === 0 ? 'base' : pattern.includes('{cluster}') ? 'cluster' : 'env';
      out.push({ file, valueFile: posix.relative(a.dir, file), absPath, role, ...(role === 'base' ? {} : { env }), ...(role === 'cluster' && cluster ? { cluster } : {}), exists: fileExists(absPath) });
    });
    return out;
  }
  const make = (valueFile: string, role: Layer['role'], extra: Partial<Layer> = {}): Layer => {
    const absPath = join(ws.root, a.dir, valueFile);
    return { file: `${a.dir}/${valueFile}`, valueFile, absPath, role, exists: fileExists(absPath), ...extra };
  };
  if (cluster && !getEnv(ws, env).clusters.includes(cluster)) {
    throw new UserError(`env "${env}" does not deploy to cluster "${cluster}"`, {
      hint: `Clusters of ${env} in gitops.yaml: ${getEnv(ws, env).clusters.join(', ')}.`,
    });
  }
  const out = [make(BASE_VALUES, 'base')];
  for (const e of envChain(ws, env)) out.push(make(overlayFileName(e.name), 'env', { env: e.name }));
  if (cluster) out.push(make(overlayFileName(env, cluster), 'cluster', { env, cluster }));
  return out;
}

/** The clusters of an env that have their own overlay file (or Application), each checked on its own (undefined: the env's default). */
export function clusterTargets(ws: Workspace, appDir: string, env: string, app?: string): (string | undefined)[] {
  const deployed = app ? deploymentsIn(ws, app, env) : [];
  if (deployed.length > 0) return [...new Set(deployed.map((d) => d.cluster))];
  const withOverlay = getEnv(ws, env).clusters.filter((c) => fileExists(join(ws.root, appDir, overlayFileName(env, c))));
  return withOverlay.length > 0 ? withOverlay : [undefined];
}

/**
 * A deployment's value files as layers: the chart's values.yaml first (Helm's defaults, listed
 * or not), then each `valueFiles` entry in Argo CD's order. `valueFile` is the entry as written.
 */
export function deploymentLayers(root: string, d: AppDeployment): Layer[] {
  const layer = (file: string, valueFile: string, role: Layer['role'], exists: boolean): Layer => ({ file, valueFile, absPath: join(root, file), role, ...(d.env ? { env: d.env } : {}), ...(d.cluster ? { cluster: d.cluster } : {}), exists });
  const out: Layer[] = [];
  const defaults = d.plan.defaults;
  if (defaults && !d.plan.valueFiles.some((f) => f.file === defaults)) out.push(layer(defaults, posix.basename(defaults), 'base', true));
  for (const f of d.plan.valueFiles) {
    if (f.file === undefined) continue;
    out.push(layer(f.file, f.raw, f.file === defaults ? 'base' : d.cluster ? 'cluster' : 'env', f.exists));
  }
  return out;
}
