import type { GeneratorCallback, Tree } from '@nx/devkit';
import { assertDnsLabel, BASE_VALUES, CONFIG_FILE, compileSchemaText, getApp, matchesGlob, renderTemplate, SCHEMA_FILE, UserError, type Workspace } from '@helm-values-manager/core';
import { scaffoldAppEnv } from '../shared/app-files';
import { asNxError, createFile, reloadWorkspace, treeTemplates, treeWorkspace } from '../shared/tree-workspace';
import { journaled } from '../shared/journaled';
import type { AppGeneratorSchema } from './schema';

const IMAGE = /^[a-z0-9][a-z0-9._/-]*$/;

/** `nx g app --name=billing`: base values, schema, and everything each env needs. */
export default async function appGenerator(tree: Tree, options: AppGeneratorSchema): Promise<GeneratorCallback> {
  return asNxError(() => journaled(tree, 'nx g app', () => generateApp(tree, options)));
}

export function generateApp(tree: Tree, options: AppGeneratorSchema): string {
  const name = assertDnsLabel('app', options.name, '--name');
  const { ws, source } = treeWorkspace(tree);
  if (ws.apps.some((a) => a.name === name)) throw new UserError(`app "${name}" already exists`, { hint: 'Pick another --name.' });
  const image = options.image ?? name;
  if (!IMAGE.test(image)) throw new UserError(`--image ${JSON.stringify(image)} is not an image repository`, { hint: 'Use lower-case letters, digits, ".", "_", "-" and "/", e.g. org/billing (the tag is set per env).' });
  const port = Number(options.port ?? 8080);
  if (!Number.isInteger(port) || port < 1 || port > 65535) throw new UserError(`--port ${JSON.stringify(options.port)} is not a port`, { hint: 'Pass a whole number from 1 to 65535.' });
  const dir = (options.directory ?? defaultDirectory(ws, name)).replace(/\/+$/, '');
  // An app is a folder the apps globs match: anywhere else it would never be validated.
  if (!ws.config.apps.some((g) => matchesGlob(dir, g)) || dir.split('/').pop() !== name) {
    throw new UserError(`${dir} does not match the apps globs of ${CONFIG_FILE} (${ws.config.apps.join(', ')}) with a folder named ${name}`, {
      file: CONFIG_FILE,
      hint: 'Put the app under one of those folders (--directory), or add its folder to apps in gitops.yaml first.',
    });
  }

  const read = treeTemplates(tree);
  createFile(tree, `${dir}/${BASE_VALUES}`, renderTemplate(ws.root, 'app/values.yaml.hbs', { app: name, image, port }, read));
  const schema = renderTemplate(ws.root, 'app/values.schema.json.hbs', { app: name }, read);
  compileSchemaText(schema, 'templates/app/values.schema.json.hbs (rendered)');
  createFile(tree, `${dir}/${SCHEMA_FILE}`, schema);

  const next = reloadWorkspace(tree, source.text);
  const app = getApp(next, name);
  for (const env of next.config.environments) scaffoldAppEnv(tree, { ws: next, app, env, keys: [], read });
  return `${name}: ${dir} with overlays for ${next.config.environments.map((e) => e.name).join(', ')}`;
}

function defaultDirectory(ws: Workspace, name: string): string {
  const glob = ws.config.apps.find((g) => g.endsWith('/*') && !g.slice(0, -2).includes('*'));
  if (!glob) throw new UserError(`cannot tell where new apps go: no apps glob in ${CONFIG_FILE} ends in a single "/*"`, { file: CONFIG_FILE, hint: 'Pass --directory.' });
  return `${glob.slice(0, -2)}/${name}`;
}
