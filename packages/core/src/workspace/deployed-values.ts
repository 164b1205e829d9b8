import type { Path } from '../common';
import type { AppResolution, Resolutions } from './resolve';
import { applicationPath } from './argocd/application';
import { buildVariablesIn } from './argocd/build-environment';
import { readApplication } from './argocd/read-application';
import { withArgoParameters } from './argocd/parameters-layer';
import type { Workspace } from './workspace';

/**
 * The values Argo CD deploys for a resolution: a deployment's resolution has its Application's
 * `helm.parameters` already; a conventional one gets those of the Application at the conventional
 * path, when there is one. Kept in this run's resolutions when given.
 */
export function deployedValues(ws: Workspace, res: AppResolution, resolutions?: Resolutions): AppResolution {
  if (res.deployment) return res;
  const kept = resolutions?.deployed.get(res);
  if (kept) return kept;
  const deployed = withArgoParameters(res, readApplication(ws, res.app, res.env, res.cluster));
  resolutions?.deployed.set(res, deployed);
  return deployed;
}

/**
 * The build variables Argo CD fills in, when it syncs, in the value `text` that a deployed
 * resolution has at `path`: only in a helm parameter's value (it substitutes them in
 * `helm.parameters` and value file paths, never in the content of a values file nor in inline
 * values, which helm gets as written). Empty for any other value.
 */
export function syncedVariables(ws: Workspace, deployed: AppResolution, path: Path, text: string): string[] {
  const names = buildVariablesIn(text);
  if (names.length === 0) return [];
  const at = deployed.originOf(path);
  if (!at) return [];
  // A deployment's parameter origin is that parameter's own position; otherwise the parameters are the Application's at the conventional path.
  const byParameter = deployed.deployment ? deployed.deployment.plan.parameters.some((p) => p.at === at) : at.file === applicationPath(ws, deployed.app, deployed.env, deployed.cluster);
  return byParameter ? names : [];
}
