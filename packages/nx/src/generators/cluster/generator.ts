import type { GeneratorCallback, Tree } from '@nx/devkit';
import { addCluster, assertDnsLabel, CONFIG_FILE, getApp, getEnv, hasUserinfo, redactText, UserError, type ClusterConfig } from '@helm-values-manager/core';
import { scaffoldAppCluster } from '../shared/app-files';
import { asNxError, listOption, reloadWorkspace, treeTemplates, treeWorkspace } from '../shared/tree-workspace';
import { journaled } from '../shared/journaled';
import type { ClusterGeneratorSchema } from './schema';

/** `nx g cluster --name=prod-eu --env=prod --server=https://...`: one Argo CD Application per app on the new cluster. */
export default async function clusterGenerator(tree: Tree, options: ClusterGeneratorSchema): Promise<GeneratorCallback> {
  return asNxError(() => journaled(tree, 'nx g cluster', () => generateCluster(tree, options)));
}

export function generateCluster(tree: Tree, options: ClusterGeneratorSchema): string {
  const name = assertDnsLabel('cluster', options.name, '--name');
  const { ws, source } = treeWorkspace(tree);
  const env = getEnv(ws, String(options.env ?? ''));
  if (env.clusters.includes(name)) {
    throw new UserError(`env "${env.name}" already deploys to cluster "${name}"`, { file: CONFIG_FILE, hint: 'Nothing to add; pick another --name or --env.' });
  }
  const declared = ws.config.clusters.find((c) => c.name === name);
  if (declared && options.server !== undefined && options.server !== declared.server) {
    throw new UserError(`cluster "${name}" is already declared with server ${declared.server}`, { file: CONFIG_FILE, hint: 'Leave out --server to reuse it, or pick another --name.' });
  }
  const cluster: ClusterConfig = declared ?? { name, server: serverUrl(options.server, name), ...(options.description ? { description: options.description } : {}) };
  const apps = (listOption(options.apps) ?? ws.apps.map((a) => a.name)).map((a) => getApp(ws, a));

  const configText = addCluster(source, cluster, env.name);
  const next = reloadWorkspace(tree, configText);
  const nextEnv = getEnv(next, env.name);
  const read = treeTemplates(tree);
  for (const app of apps) scaffoldAppCluster(tree, next, app, nextEnv, name, read);
  tree.write(CONFIG_FILE, configText);
  return `${env.name} now deploys to ${nextEnv.clusters.join(', ')}; ${apps.length} app${apps.length === 1 ? '' : 's'} wired to ${name}`;
}

function serverUrl(server: string | undefined, name: string): string {
  if (server === undefined) throw new UserError(`cluster "${name}" is not declared yet, so it needs --server`, { hint: 'Pass --server=https://API-SERVER (the Argo CD destination server URL).' });
  if (!URL.canParse(server) || !['https:', 'http:'].includes(new URL(server).protocol)) {
    throw new UserError(`--server ${JSON.stringify(redactText(server))} is not an http(s) URL`, { hint: 'Pass the cluster API server URL as Argo CD knows it, e.g. https://kubernetes.default.svc.' });
  }
  if (hasUserinfo(server)) {
    // it would land in gitops.yaml and every Application, in Git
    throw new UserError(`--server ${redactText(server)} carries credentials; nothing was written`, {
      hint: 'Pass the URL without user:password@. Argo CD takes cluster credentials from a cluster Secret (argocd cluster add), never from the server URL.',
    });
  }
  return server;
}
