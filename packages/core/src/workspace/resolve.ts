import { isUserError, type Path, type UserError } from '../common';
import { helmRules, mergeFiles, readCached, type Resolution, type SetArg } from '../values';
import { parseValuesYaml, withValues } from '../yaml';
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

/**
 * The resolutions of one run of a command over one workspace, so that validate, the status matrix
 * with its provenance, and the promotion plans resolve each app in each env (and cluster) once
 * between them. The command makes it (`newResolutions`) and passes it down; it is never kept
 * across runs, nor used once a file may have changed (the promotion gate, which validates edited
 * text in memory, resolves without it).
 */
export interface Resolutions {
  /** By app, env and cluster: the resolution, or the input error it failed with (thrown again). */
  byTarget: Map<string, AppResolution | UserError>;
  /** Per resolution: the values Argo CD deploys, its Application's helm parameters applied. */
  deployed: WeakMap<AppResolution, AppResolution>;
}

export function newResolutions(): Resolutions {
  return { byTarget: new Map(), deployed: new WeakMap() };
}

export interface ResolveOptions {
  cluster?: string;
  sets?: SetArg[];
  readFile?: (path: string) => string;
  /** This run's resolutions: used, and filled, when no --set argument changes the values. */
  resolutions?: Resolutions;
}

/** The effective values of an app in an env (and optionally one of its clusters). */
export function resolveValues(ws: Workspace, app: string, env: string, opts: ResolveOptions = {}): AppResolution {
  const memo = opts.sets && opts.sets.length > 0 ? undefined : opts.resolutions;
  if (!memo) return resolveFresh(ws, app, env, opts);
  const key = `${app}\0${env}\0${opts.cluster ?? ''}`;
  let kept = memo.byTarget.get(key);
  if (!kept) {
    try {
      kept = resolveFresh(ws, app, env, opts);
    } catch (e) {
      if (!isUserError(e)) throw e;
      kept = e;
    }
    memo.byTarget.set(key, kept);
  }
  if (isUserError(kept)) throw kept;
  return kept;
}

function resolveFresh(ws: Workspace, app: string, env: string, opts: ResolveOptions): AppResolution {
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
  const extra = mergeFiles([withValues(src.defaults ?? src.files[0] ?? parseValuesYaml('', '(values)'), src.values)], { sets: opts.sets, readFile: opts.readFile });
  return { ...base, values: extra.values, originOf: (p) => { const o = extra.originOf(p); return o && o.line === 0 ? o : src.originOf(p); } };
}
