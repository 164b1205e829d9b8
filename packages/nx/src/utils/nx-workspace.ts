import { appOfAppsHelm, loadWorkspace, type Workspace } from '@helm-values-manager/core';

/**
 * The workspace as the plugin infers it and every executor reads it: app-of-apps charts rendered
 * by the helm render uses (helm.binary in gitops.yaml, else PATH); without one, the Applications
 * they create are a finding of the workspace project's validate.
 */
export function loadNxWorkspace(root: string): Workspace {
  return loadWorkspace(root, { helm: appOfAppsHelm(root) });
}
