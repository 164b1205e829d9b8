import { logger, readNxJson, updateNxJson, visitNotIgnoredFiles, writeJson, type Tree } from '@nx/devkit';
import { CONFIG_FILE, detectLayout, gitOriginUrl, gitopsYamlText, initChartRenderer, initSummary } from '@helm-values-manager/core';
import { asNxError } from '../shared/tree-workspace';
import { PLUGIN } from '../shared/plugin-name';
import type { InitGeneratorSchema } from './schema';

/**
 * Nx settings the plugin's targets want: the one plugin loaded in Nx's own process rather than a
 * worker per command when no daemon runs (as in CI). Batching every app's validate, lint and
 * render into one process needs no setting: the executors prefer it (`preferBatch` in
 * executors.json), and NX_BATCH_MODE would force batching on every other plugin's executors too.
 */
const ENV_SETTINGS: [string, string, string][] = [
  ['NX_ISOLATE_PLUGINS', 'false', 'Load plugins in Nx\'s own process: without a daemon (as in CI) each isolated plugin costs a process.'],
];

/** `nx add <plugin>` / `nx g <plugin>:init`: register the plugin, its .env settings, gitops.yaml. */
export default async function initGenerator(tree: Tree, options: InitGeneratorSchema = {}): Promise<void> {
  await asNxError(() => {
    registerPlugin(tree);
    addEnvSettings(tree);
    if (!options.skipGitopsYaml) writeGitopsYaml(tree);
  });
}

function registerPlugin(tree: Tree): void {
  // A repository that never used Nx: updateNxJson only edits an nx.json that exists.
  if (!tree.exists('nx.json')) {
    writeJson(tree, 'nx.json', { $schema: './node_modules/nx/schemas/nx-schema.json', plugins: [{ plugin: PLUGIN }] });
    return;
  }
  const nxJson = readNxJson(tree) ?? {};
  const plugins = nxJson.plugins ?? [];
  if (plugins.some((p) => (typeof p === 'string' ? p : p.plugin) === PLUGIN)) return;
  updateNxJson(tree, { ...nxJson, plugins: [...plugins, { plugin: PLUGIN }] });
}

/** Adds the settings .env lacks; a setting the user already chose stays as it is. */
function addEnvSettings(tree: Tree): void {
  const text = tree.read('.env', 'utf8') ?? '';
  const missing = ENV_SETTINGS.filter(([key]) => !new RegExp(`^\\s*(export\\s+)?${key}=`, 'm').test(text));
  if (!missing.length) return;
  const added = missing.map(([key, value, why]) => `# ${why}\n${key}=${value}\n`).join('');
  tree.write('.env', `${text}${text && !text.endsWith('\n') ? '\n' : ''}${added}`);
}

function writeGitopsYaml(tree: Tree): void {
  const files: string[] = [];
  visitNotIgnoredFiles(tree, '', (path) => {
    if (/\.ya?ml$/.test(path) && !path.startsWith('node_modules/')) files.push(path);
  });
  // App-of-apps charts are rendered from disk, as they are before init changes anything.
  const layout = detectLayout(files, (path) => tree.read(path, 'utf8') ?? undefined, { originURL: gitOriginUrl(tree.root) }, initChartRenderer(tree.root));
  const exists = tree.exists(CONFIG_FILE);
  if (!exists) tree.write(CONFIG_FILE, gitopsYamlText(layout));
  logger.info(initSummary(layout, exists ? 'kept' : 'written'));
}
