import type { AppResolution, Resolutions } from './resolve';
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
