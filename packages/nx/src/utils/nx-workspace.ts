import { appOfAppsHelm, loadWorkspace, type Workspace, type WorkspaceScope } from '@helm-values-manager/core';

/**
 * The workspace as the plugin infers it and every executor reads it: app-of-apps charts rendered
 * by the helm render uses (helm.binary in gitops.yaml, else PATH); without one, the Applications
 * they create are a finding of the workspace project's validate. With `scope`, only what those
 * apps need is read, where that gives them the same findings (core's LoadOptions.scope).
 */
export function loadNxWorkspace(root: string, scope?: WorkspaceScope): Workspace {
  return loadWorkspace(root, { helm: appOfAppsHelm(root), ...(scope ? { scope } : {}) });
}
