import { logger, type Tree } from '@nx/devkit';
import {
  applicationPath,
  argoApplication,
  externalSecretKeys,
  mergeSecretKeys,
  overlayFileName,
  parseValuesYaml,
  remoteKeyPath,
  renderTemplate,
  sealedSecretKeys,
  seedOverlay,
  type AppInfo,
  type EnvConfig,
  type SecretKeySpec,
  type TemplateReader,
  type Workspace,
} from '@helm-values-manager/core';
import { createFile, readTreeYaml } from './tree-workspace';

/** Where an env's SealedSecret stub of an app lives. */
export function sealedSecretPath(app: AppInfo, env: string): string {
  return `${app.dir}/secrets/sealed-secrets-${env}.yaml`;
}

/** The Secret an app's chart reads, as in the spec: APP-secrets. */
export function secretName(app: AppInfo): string {
  return `${app.name}-secrets`;
}

/** Every secret key the app already wires in some env (External Secrets data or SealedSecret stubs). */
export function knownSecretKeys(tree: Tree, ws: Workspace, app: AppInfo): SecretKeySpec[] {
  const lists: SecretKeySpec[][] = [];
  for (const env of ws.config.environments) {
    const overlay = readTreeYaml(tree, `${app.dir}/${overlayFileName(env.name)}`);
    if (overlay) lists.push(externalSecretKeys(overlay.values, app.name, env.namespace));
    const sealed = readTreeYaml(tree, sealedSecretPath(app, env.name));
    if (sealed) lists.push(sealedSecretKeys(sealed.values).map((secretKey) => ({ secretKey, remote: secretKey, property: null })));
  }
  return mergeSecretKeys(...lists);
}

/** Render a template into YAML text, refusing output that does not parse (a broken template). */
function renderYaml(ws: Workspace, read: TemplateReader, name: string, data: unknown): string {
  const text = renderTemplate(ws.root, name, data, read);
  parseValuesYaml(text, `templates/${name} (rendered)`);
  return text;
}

export interface AppEnvScaffold {
  /** The workspace with the env declared. */
  ws: Workspace;
  app: AppInfo;
  env: EnvConfig;
  /** The env to seed the overlay from, if any. */
  from?: EnvConfig;
  keys: SecretKeySpec[];
  read: TemplateReader;
  /** Where the overlay goes when an ApplicationSet names it (default: values-<env>.yaml in the app folder). */
  overlayFile?: string;
  /** False when an ApplicationSet (or an app-of-apps chart) makes the app's Applications: no Application file of its own. */
  application?: boolean;
}

/** The overlay, secret stub and Argo CD Applications of one app in a new env. */
export function scaffoldAppEnv(tree: Tree, s: AppEnvScaffold): void {
  const { ws, app, env, read } = s;
  const seedSource = s.from ? readTreeYaml(tree, `${app.dir}/${overlayFileName(s.from.name)}`) : undefined;
  const seeded = seedSource && s.from ? seedOverlay(seedSource, s.from, env) : undefined;
  const seed = seeded ? seeded.text.trimEnd() : null;
  if (seeded && seeded.droppedSecrets > 0) {
    logger.info(`${app.name}: ${seeded.droppedSecrets} secret value${seeded.droppedSecrets === 1 ? '' : 's'} of ${s.from?.name} not copied; their keys are empty in ${overlayFileName(env.name)}, marked "# secret:"`);
  }
  const secrets =
    env.secrets === 'external-secrets'
      ? renderYaml(ws, read, 'secrets/external-secrets.values.yaml.hbs', {
          app: app.name,
          env: env.name,
          namespace: env.namespace,
          store: env.secretStore ?? { name: `vault-${env.name}`, kind: 'ClusterSecretStore' },
          keys: s.keys.map((k) => ({ secretKey: k.secretKey, remoteKey: remoteKeyPath(app.name, env.namespace, k.remote), property: k.property })),
        }).trimEnd()
      : null;
  const overlay = renderYaml(ws, read, 'overlay/values-env.yaml.hbs', {
    app: app.name,
    env: env.name,
    namespace: env.namespace,
    tier: env.tier,
    from: seed === null ? null : (s.from?.name ?? null),
    seed,
    secrets,
  });
  createFile(tree, s.overlayFile ?? `${app.dir}/${overlayFileName(env.name)}`, overlay);

  if (env.secrets === 'sealed-secrets') {
    createFile(
      tree,
      sealedSecretPath(app, env.name),
      renderYaml(ws, read, 'secrets/sealed-secret.yaml.hbs', {
        app: app.name,
        env: env.name,
        name: secretName(app),
        namespace: env.namespace,
        keys: s.keys.map((k) => k.secretKey),
      }),
    );
  }
  if (s.application === false) return;
  createFile(tree, applicationPath(ws, app.name, env.name), argoApplication(ws, app, env.name, undefined, read));
  for (const cluster of env.clusters.slice(1)) scaffoldAppCluster(tree, ws, app, env, cluster, read);
}

/** The per-cluster overlay and the Argo CD Application of one app on an env's additional cluster. */
export function scaffoldAppCluster(tree: Tree, ws: Workspace, app: AppInfo, env: EnvConfig, cluster: string, read: TemplateReader): void {
  const overlay = renderYaml(ws, read, 'overlay/values-cluster.yaml.hbs', { app: app.name, env: env.name, cluster, namespace: env.namespace });
  createFile(tree, `${app.dir}/${overlayFileName(env.name, cluster)}`, overlay);
  createFile(tree, applicationPath(ws, app.name, env.name, cluster), argoApplication(ws, app, env.name, cluster, read));
}
