/** Target names the plugin gives each app project, set under the plugin's `options` in nx.json. */
export interface GitopsPluginOptions {
  validateTargetName?: string;
  lintTargetName?: string;
  renderTargetName?: string;
  diffTargetName?: string;
  renderedDiffTargetName?: string;
  promoteTargetName?: string;
  /** The workspace-wide project (at the root) that holds the status page target. */
  workspaceProjectName?: string;
  reportTargetName?: string;
}
