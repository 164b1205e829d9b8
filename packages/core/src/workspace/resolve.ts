import type { Path } from '../common';
import { helmRules, mergeFiles, readCached, type Resolution, type SetArg } from '../values';
import { parseValuesYaml } from '../yaml';
import { deploymentLayers, layers as layersOf, type Layer } from './layers';
import { deploymentOf, getApp, type Workspace } from './workspace';
import { vendoredSubcharts } from './subcharts';
import type { AppDeployment } from './argocd/deployments';
import { resolveHelmSource } from './argocd/resolve-helm-source';

export interface AppResolution extends Resolution {
  app: string;
  env: string;
  cluster?: string;
  /** Every layer considered, including overlays that do not exist. */
  layers: Layer[];
  /** Set when an Argo CD Application deploys it: its inline values and parameters are in `values` already. */
  deployment?: AppDeployment;
  /** Paths whose value comes from a SOPS-encrypted file: opaque, never shown or compared in clear. */
  opaque: Path[];
}

/** The effective values of an app in an env (and optionally one of its clusters). */
export function resolveValues(
  ws: Workspace,
  app: string,
  env: string,
  opts: { cluster?: string; sets?: SetArg[]; readFile?: (path: string) => string } = {},
): AppResolution {
  const deployment = deploymentOf(ws, app, env, opts.cluster);
  if (deployment) return resolveDeployment(ws, deployment, opts);
  const all = layersOf(ws, app, env, opts.cluster);
  const files = all.filter((l) => l.exists).map((l) => readCached(l.absPath, l.file));
  // The base values.yaml is also the chart's default values, as in the spec's helm commands.
  const res = mergeFiles(files, { sets: opts.sets, defaults: files[0], readFile: opts.readFile, rules: helmRules(ws.config.helmVersion), subcharts: vendoredSubcharts(ws.root, getApp(ws, app).dir) });
  return { ...res, app, env, ...(opts.cluster ? { cluster: opts.cluster } : {}), layers: all, opaque: [] };
}

/**
 * The values an Application deploys (what `helm template` gets from Argo CD), with any --set
 * arguments of the command line applied on top.
 */
export function resolveDeployment(ws: Workspace, d: AppDeployment, opts: { sets?: SetArg[]; readFile?: (path: string) => string } = {}): AppResolution {
  const src = resolveHelmSource(ws.root, d.plan, helmRules(ws.config.helmVersion));
  const base: AppResolution = {
    // The chart's values.yaml once (it is often listed too), then the files; inline values are no file.
    files: [...(src.defaults ? [src.defaults] : []), ...src.files.filter((f) => !f.file.includes('#') && f.file !== src.defaults?.file)],
    values: src.values,
    originOf: src.originOf,
    warnings: src.warnings,
    ...(src.subcharts ? { subcharts: src.subcharts } : {}),
    app: d.app,
    env: d.env ?? '',
    ...(d.cluster ? { cluster: d.cluster } : {}),
    layers: deploymentLayers(ws.root, d),
    deployment: d,
    opaque: src.opaque,
  };
  if (!opts.sets || opts.sets.length === 0) return base;
  const extra = mergeFiles([{ ...(src.defaults ?? src.files[0] ?? parseValuesYaml('', '(values)')), values: src.values }], { sets: opts.sets, readFile: opts.readFile });
  return { ...base, values: extra.values, originOf: (p) => { const o = extra.originOf(p); return o && o.line === 0 ? o : src.originOf(p); } };
}
