import { affectedApps, loadWorkspace, renderedChangeDiff, UserError, type HelmRunner, type ReleaseDiff, type Workspace } from '@helm-values-manager/core';
import { baseTree } from './git-tree';

/**
 * What the working tree changes in the rendered manifests since `ref`: the base is rendered from
 * git objects in a temporary folder (removed after), the apps are those the change touches (or
 * the one named).
 */
export async function renderedChangesAgainst(ws: Workspace, ref: string, helm: HelmRunner, app?: string): Promise<{ diffs: ReleaseDiff[]; notCharts: string[] }> {
  const base = baseTree(ws.root, ref);
  try {
    let before: Workspace | undefined;
    try {
      before = loadWorkspace(base.dir);
    } catch (e) {
      // a base without a (valid) gitops.yaml: everything renders as added
      if (!(e instanceof UserError)) throw e;
    }
    return await renderedChangeDiff(before, ws, app ? [app] : affectedApps(ws, base.changed, before), helm);
  } finally {
    base.remove();
  }
}
