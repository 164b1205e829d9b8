import { join } from 'node:path';
import { validateApp, type ValidateOptions } from '../checks';
import { type Finding, findingFromError, isUserError, pathExists } from '../common';
import { type AppResolution, clusterTargets, getApp, getEnv, readApplication, resolveValues, withArgoParameters, type Workspace } from '../workspace';
import { helmRelease, renderChart } from './chart-render';
import { NO_HELM_NOTE, type HelmRunner } from './helm-process';

export interface ValidateResult {
  findings: Finding[];
  /** Things to say once, e.g. that without helm the hardening rules only read the values. */
  notes: string[];
}

/**
 * `validate` on what deploys: a chart is rendered in each env (and cluster) with exactly Argo
 * CD's layers, release and parameters, and its manifests are checked against the cluster's
 * Kubernetes schemas and by the hardening rules, in place of the values-level hints. Without
 * helm (or for an app that is not a chart) the values-level hints run, and a chart says once
 * what that weakens. Every env renders at once; the helm processes queue for the cores.
 */
export async function validateRendered(ws: Workspace, appName: string, opts: ValidateOptions & { helm: HelmRunner | null }): Promise<ValidateResult> {
  const app = getApp(ws, appName);
  const chart = pathExists(join(ws.root, app.dir, 'Chart.yaml'));
  if (!chart || !opts.helm) return { findings: validateApp(ws, appName, opts), notes: chart ? [NO_HELM_NOTE] : [] };
  const helm = opts.helm;
  const envs = (opts.envs ?? ws.config.environments.map((e) => e.name)).map((n) => getEnv(ws, n).name);
  const targets = envs.flatMap((env) => clusterTargets(ws, app.dir, env, app.name).map((cluster) => ({ env, cluster })));
  const parts = await Promise.all(
    targets.map(async ({ env, cluster }) => {
      let deployed: AppResolution;
      try {
        deployed = withArgoParameters(resolveValues(ws, app.name, env, { cluster }), readApplication(ws, app.name, env, cluster));
      } catch (e) {
        // values that cannot be read are validate's own finding; nothing to render
        if (isUserError(e)) return { findings: [], notes: [] };
        throw e;
      }
      try {
        return await renderChart(ws, app, deployed, helmRelease(ws, app, env, cluster), helm);
      } catch (e) {
        if (!isUserError(e)) throw e;
        return { findings: [findingFromError(e, { app: app.name, env })], notes: [] };
      }
    }),
  );
  const notes = [...new Set(parts.flatMap((p) => p.notes))];
  return { findings: validateApp(ws, appName, { ...opts, rendered: parts.flatMap((p) => p.findings) }), notes };
}
