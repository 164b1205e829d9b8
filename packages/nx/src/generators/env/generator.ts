import type { GeneratorCallback, Tree } from '@nx/devkit';
import {
  addEnvironment,
  addSopsRules,
  assertDnsLabel,
  CONFIG_FILE,
  getApp,
  getEnv,
  parseValuesYaml,
  renderTemplate,
  rewriteName,
  SOPS_CONFIG,
  sopsPathRegex,
  UserError,
  type EnvConfig,
  type NewEnvironment,
  type TemplateReader,
  type Workspace,
} from '@helm-values-manager/core';
import { knownSecretKeys, scaffoldAppEnv } from '../shared/app-files';
import { addEnvToTreeApplicationSets } from './application-sets';
import { asNxError, listOption, readTreeYaml, reloadWorkspace, treeTemplates, treeWorkspace } from '../shared/tree-workspace';
import { journaled } from '../shared/journaled';
import type { EnvGeneratorSchema } from './schema';

/** `nx g env --name=qa`: declare the env and scaffold every app for it. */
export default async function envGenerator(tree: Tree, options: EnvGeneratorSchema): Promise<GeneratorCallback> {
  return asNxError(() => journaled(tree, 'nx g env', () => generateEnv(tree, options)));
}

export function generateEnv(tree: Tree, options: EnvGeneratorSchema): string {
  const name = assertDnsLabel('env', options.name, '--name');
  const namespace = options.namespace === undefined ? name : assertDnsLabel('namespace', options.namespace, '--namespace');
  const { ws, source } = treeWorkspace(tree);
  if (ws.config.environments.some((e) => e.name === name)) {
    throw new UserError(`environment "${name}" already exists in ${CONFIG_FILE}`, { file: CONFIG_FILE, hint: 'Pick another --name, or edit the existing env.' });
  }
  const from = options.from === undefined ? undefined : getEnv(ws, options.from);
  const after = placement(ws, options.after, from);
  const neighbour = from ?? after;
  if (options.cluster !== undefined && !ws.config.clusters.some((c) => c.name === options.cluster)) {
    throw new UserError(`unknown cluster "${options.cluster}"`, {
      file: CONFIG_FILE,
      hint: `Clusters declared in ${CONFIG_FILE}: ${ws.config.clusters.map((c) => c.name).join(', ')}. Add one with nx g cluster.`,
    });
  }
  const apps = (listOption(options.apps) ?? ws.apps.map((a) => a.name)).map((a) => getApp(ws, a));
  const secrets = options.secrets ?? neighbour?.secrets ?? 'external-secrets';
  const entry: NewEnvironment = {
    name,
    namespace,
    tier: options.tier ?? neighbour?.tier ?? 'development',
    secrets,
    ...(options.cluster ? { clusters: [options.cluster] } : {}),
    ...(secrets === 'external-secrets' ? { secretStore: secretStore(options.secretStore, neighbour, name) } : {}),
    project: options.project ?? (neighbour ? renamedIfNamedAfter(neighbour.project, neighbour, name) : 'default'),
  };

  const configText = addEnvironment(source, entry, after?.name);
  const next = reloadWorkspace(tree, configText);
  const env = getEnv(next, name);
  const read = treeTemplates(tree);
  // Where ApplicationSets generate the Applications, the new env is added there, not beside them;
  // where an app-of-apps chart may make them, only the overlays are written.
  const sets = addEnvToTreeApplicationSets(tree, ws, next, neighbour, env, { everyApp: options.apps === undefined });
  const own = apps.filter((a) => !sets.generated.has(a.name) && !sets.generated.has(a.dir));
  for (const app of own) scaffoldAppEnv(tree, { ws: next, app, env, from, keys: knownSecretKeys(tree, ws, app), read, application: !sets.unfiled(app) });
  for (const { app, file } of sets.overlays) scaffoldAppEnv(tree, { ws: next, app, env, from, keys: knownSecretKeys(tree, ws, app), read, overlayFile: file, application: false });
  if (secrets === 'sops') writeSopsRule(tree, next, env, read);
  tree.write(CONFIG_FILE, configText);
  const count = own.length + new Set(sets.overlays.map((o) => o.app.name)).size;
  const gaps = sets.gaps.map((g) => `\n  ${g}`).join('');
  return `${name}: ${count} app${count === 1 ? '' : 's'} scaffolded, ${CONFIG_FILE} now lists ${next.config.environments.map((e) => e.name).join(' -> ')}${gaps ? `\nTo deploy ${name}, add by hand:${gaps}` : ''}`;
}

/** The env the new one follows: --after, else --from, else the one before the first production-tier env (else the last). */
function placement(ws: Workspace, after: string | undefined, from: EnvConfig | undefined): EnvConfig | undefined {
  if (after !== undefined) return getEnv(ws, after);
  if (from) return from;
  const envs = ws.config.environments;
  const firstProduction = envs.findIndex((e) => e.tier === 'production');
  return firstProduction < 0 ? envs.at(-1) : envs[firstProduction - 1];
}

function secretStore(given: string | undefined, neighbour: EnvConfig | undefined, name: string): NewEnvironment['secretStore'] {
  if (given !== undefined) return { name: given, kind: neighbour?.secretStore?.kind ?? 'ClusterSecretStore' };
  const like = neighbour?.secretStore;
  return like && neighbour ? { name: rewriteName(like.name, neighbour, name), kind: like.kind } : { name: `vault-${name}`, kind: 'ClusterSecretStore' };
}

/** A project named after the neighbour env (production, staging) is named after the new env; a shared one is kept. */
function renamedIfNamedAfter(project: string, env: EnvConfig, name: string): string {
  return project === env.name || project === env.namespace ? name : project;
}

/** A creation rule for the env's secret files, reusing the age recipients of an existing rule when there is one. */
function writeSopsRule(tree: Tree, ws: Workspace, env: EnvConfig, read: TemplateReader): void {
  const existing = readTreeYaml(tree, SOPS_CONFIG);
  const rules = existing && Array.isArray(existing.values.creation_rules) ? existing.values.creation_rules : [];
  const age = rules.map((r) => (r && typeof r === 'object' && !Array.isArray(r) ? r.age : undefined)).find((a) => typeof a === 'string' && a !== '');
  const rendered = renderTemplate(ws.root, 'secrets/sops.yaml.hbs', { env: env.name, pathRegex: sopsPathRegex(env.name), age: age ?? null }, read);
  const renderedFile = parseValuesYaml(rendered, 'templates/secrets/sops.yaml.hbs (rendered)');
  tree.write(SOPS_CONFIG, existing ? addSopsRules(existing, renderedFile) : rendered);
}
