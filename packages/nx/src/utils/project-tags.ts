/** The tags of the projects the plugin makes: an app's, and the workspace project's. */
export const APP_PROJECT_TAG = 'gitops:app';
export const WORKSPACE_PROJECT_TAG = 'gitops:workspace';
