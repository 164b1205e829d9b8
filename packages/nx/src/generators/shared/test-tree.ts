import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import type { Tree } from '@nx/devkit';
import { createTreeWithEmptyWorkspace } from '@nx/devkit/testing';
import { parseValuesYaml, PENDING_WRITE } from '@helm-values-manager/core';

/** The example workspace (gitops.yaml, apps, Argo CD Applications). */
const EXAMPLE_ROOT = resolve(__dirname, '../../../../../examples/alpha-members');

/** An in-memory Nx tree holding the example workspace. */
export function exampleTree(): Tree {
  return treeOf(EXAMPLE_ROOT, ['gitops.yaml', 'deployment', 'argocd']);
}

/** An in-memory Nx tree holding these files and folders of `root` (all of it by default). */
export function treeOf(root: string, paths: string[] = readdirSync(root)): Tree {
  const tree = createTreeWithEmptyWorkspace();
  const copy = (abs: string) => {
    if (statSync(abs).isDirectory()) {
      for (const entry of readdirSync(abs)) copy(join(abs, entry));
    } else {
      tree.write(relative(root, abs), readFileSync(abs));
    }
  };
  for (const p of paths) copy(join(root, p));
  return tree;
}

/** A YAML file of the tree as data. */
export function yamlOf(tree: Tree, path: string): any {
  const text = tree.read(path, 'utf8');
  if (text === null) throw new Error(`${path} was not written`);
  return parseValuesYaml(text, path).values;
}

/**
 * Every file of the tree with its content, to compare before and after a generator runs; the
 * change set's journal is left out (Nx writes it first and the generator's callback removes it).
 */
export function snapshot(tree: Tree): Map<string, string> {
  const files = tree.listChanges().filter((c) => c.path !== PENDING_WRITE);
  return new Map(files.map((c) => [c.path, c.type === 'DELETE' ? '<deleted>' : (c.content?.toString('utf8') ?? '')]));
}

/** Paths added or changed between two snapshots. */
export function written(before: Map<string, string>, after: Map<string, string>): string[] {
  return [...after].filter(([p, c]) => before.get(p) !== c).map(([p]) => p).sort();
}
