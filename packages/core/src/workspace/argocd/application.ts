import { renderTemplate, type TemplateReader, UserError } from '../../common';
import { CONFIG_FILE } from '../../config';
import { layers } from '../layers';
import { getApp, getEnv, type AppInfo, type Workspace } from '../workspace';

export const APPLICATION_TEMPLATE = 'argocd/application.yaml.hbs';

/** `APP-ENV`, or `APP-ENV-CLUSTER` for an env's additional cluster: the Application's name. */
export function applicationName(app: string, env: string, cluster?: string): string {
  return cluster ? `${app}-${env}-${cluster}` : `${app}-${env}`;
}

/** Where the Application manifest lives, relative to the workspace root. */
export function applicationPath(ws: Workspace, app: string, env: string, cluster?: string): string {
  return `${ws.config.argocd.applicationsDir}/${applicationName(app, env, cluster)}.yaml`;
}

/**
 * The Argo CD Application for an app in an env (on one of its additional clusters when `cluster`
 * is given), rendered from templates/argocd/application.yaml.hbs. Its valueFiles are exactly
 * `layers()` for that env and cluster, so Argo CD merges what validate checked.
 */
export function argoApplication(ws: Workspace, app: string | AppInfo, env: string, cluster?: string, read?: TemplateReader): string {
  const a = typeof app === 'string' ? getApp(ws, app) : app;
  const e = getEnv(ws, env);
  const destination = cluster ?? e.clusters[0];
  const server = ws.config.clusters.find((c) => c.name === destination)?.server;
  if (!server) throw new UserError(`cluster "${destination}" of env "${env}" is not declared under clusters`, { file: CONFIG_FILE, hint: 'Declare it with nx g cluster.' });
  if (!ws.config.argocd.repoURL) {
    throw new UserError('argocd.repoURL is not set, so Argo CD Applications cannot say where to pull from', {
      file: CONFIG_FILE,
      hint: 'Add "argocd:\\n  repoURL: https://github.com/ORG/REPO.git" to gitops.yaml.',
    });
  }
  const data = {
    name: applicationName(a.name, env, cluster),
    argoNamespace: ws.config.argocd.namespace,
    project: e.project,
    repoURL: ws.config.argocd.repoURL,
    targetRevision: ws.config.argocd.targetRevision,
    path: a.dir,
    valueFiles: layers(ws, a, env, cluster).map((l) => l.valueFile),
    server,
    namespace: e.namespace,
    app: a.name,
    env,
    cluster: cluster ?? null,
    tier: e.tier,
  };
  return renderTemplate(ws.root, APPLICATION_TEMPLATE, data, read);
}
