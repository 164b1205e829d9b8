import { fileExists } from '../values';
import { join } from 'node:path';
import { UserError } from '../common';
import { envChain, getApp, getEnv, type AppInfo, type Workspace } from './workspace';

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

/** The clusters of an env that have their own overlay file, each checked on its own (undefined: the env's default). */
export function clusterTargets(ws: Workspace, appDir: string, env: string): (string | undefined)[] {
  const withOverlay = getEnv(ws, env).clusters.filter((c) => fileExists(join(ws.root, appDir, overlayFileName(env, c))));
  return withOverlay.length > 0 ? withOverlay : [undefined];
}
