import { buildStatus, getApp, newResolutions, validateApp, type WorkspaceStatus, type Workspace } from '@helm-values-manager/core';
import { pendingPromotions } from './pending';

export interface StatusRequest {
  apps?: string[];
  envs?: string[];
  /** Every effective value with its provenance, for the HTML report. */
  values?: boolean;
}

/**
 * The matrix of what runs where, from the same validate and promotion plan the commands run.
 * Validate, the plans and the matrix share one resolution of each app in each env.
 */
export function collectStatus(ws: Workspace, req: StatusRequest = {}): WorkspaceStatus {
  const apps = req.apps && req.apps.length > 0 ? req.apps.map((a) => getApp(ws, a).name) : ws.apps.map((a) => a.name);
  const envs = req.envs && req.envs.length > 0 ? req.envs : undefined;
  const resolutions = newResolutions();
  const findings = apps.flatMap((a) => validateApp(ws, a, { envs, resolutions }));
  return buildStatus(ws, { apps, envs, findings, pending: pendingPromotions(ws, apps, resolutions), values: req.values, resolutions });
}
