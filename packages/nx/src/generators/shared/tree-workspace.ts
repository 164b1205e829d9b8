import { join, relative } from 'node:path';
import type { Tree } from '@nx/devkit';
import {
  emptyArgoModel,
  CONFIG_FILE,
  defaultTemplate,
  discoverApps,
  parseConfig,
  parseValuesYaml,
  isOsError,
  osUserError,
  redactText,
  UserError,
  type GitopsConfig,
  type TemplateReader,
  type Workspace,
  type YamlFile,
} from '@helm-values-manager/core';

/** A YAML file of the tree, parsed; undefined when it does not exist. */
export function readTreeYaml(tree: Tree, path: string): YamlFile | undefined {
  const bytes = tree.read(path);
  return bytes === null ? undefined : parseValuesYaml(bytes, path);
}

/** Templates as the tree holds them (a workspace's templates/ overrides the shipped ones file by file). */
export function treeTemplates(tree: Tree): TemplateReader {
  return (name) => tree.read(`templates/${name}`, 'utf8') ?? defaultTemplate(name);
}

/** The workspace as the tree holds it: gitops.yaml (as source text and config) and the app folders. */
export function treeWorkspace(tree: Tree): { ws: Workspace; source: YamlFile } {
  const source = readTreeYaml(tree, CONFIG_FILE);
  if (!source) throw new UserError(`no ${CONFIG_FILE} at the workspace root`, { hint: `Run the generator in a workspace with ${CONFIG_FILE} (see README.md).` });
  return { ws: withConfig(tree, parseConfig(source)), source };
}

/** The workspace after a gitops.yaml edit: the new text is validated like a user's file would be. */
export function reloadWorkspace(tree: Tree, configText: string): Workspace {
  return withConfig(tree, parseConfig(parseValuesYaml(configText, CONFIG_FILE)));
}

function withConfig(tree: Tree, config: GitopsConfig): Workspace {
  const rel = (abs: string) => relative(tree.root, abs) || '.';
  const apps = discoverApps(tree.root, config, {
    subdirs: (abs) => tree.children(rel(abs)).filter((c) => !tree.isFile(join(rel(abs), c))),
    isFile: (abs) => tree.exists(rel(abs)) && tree.isFile(rel(abs)),
  });
  // Generators scaffold by the declared layout: the Applications on disk are not read here.
  return { root: tree.root, config, apps, argo: emptyArgoModel() };
}

/** A comma-separated option as a list (`--apps=a,b`); undefined when not given. */
export function listOption(value: string | string[] | undefined): string[] | undefined {
  if (value === undefined) return undefined;
  const list = (Array.isArray(value) ? value : [value]).flatMap((v) => String(v).split(',')).map((v) => v.trim()).filter(Boolean);
  return list.length ? list : undefined;
}

/** Write a new file; refuse to overwrite one a user may have written. */
export function createFile(tree: Tree, path: string, content: string): void {
  if (tree.exists(path)) throw new UserError(`${path} already exists`, { file: path, hint: 'Move it away or remove it, then run the generator again; it never overwrites a file.' });
  tree.write(path, content);
}

/**
 * Nx prints a generator's error message; give it the file, position and what to do, with no
 * stack trace (an operating-system error too). Anything else is a bug and keeps its stack.
 */
export async function asNxError<T>(work: () => T | Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (caught) {
    const e = isOsError(caught) ? osUserError(caught, undefined) : caught;
    if (e instanceof UserError) {
      const err = new Error(redactText(e.format()));
      err.stack = err.message;
      throw err;
    }
    throw e;
  }
}
