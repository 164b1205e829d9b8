import { posix } from 'node:path';
import { visitNotIgnoredFiles, type Tree } from '@nx/devkit';
import { addEnvToApplicationSets, loadArgoModel, type AppDeployment, type AppInfo, type EnvConfig, type Workspace } from '@helm-values-manager/core';

/** What the ApplicationSets of a workspace make of a new env. */
export interface AppSetPlan {
  /** Apps whose Applications an ApplicationSet generates: they get no Application file of their own. */
  generated: Set<string>;
  /** For each app the ApplicationSet now deploys to the new env: the values files it lists there that do not exist yet. */
  overlays: { app: AppInfo; file: string }[];
  /** What the user must add where an ApplicationSet could not be edited, as file:line:col: message. */
  gaps: string[];
}

/** The workspace's Applications as the tree holds them (generators see the tree, not the disk). */
export function treeArgo(tree: Tree, ws: Workspace, files = treeFiles(tree)): Workspace {
  return { ...ws, argo: loadArgoModel(tree.root, ws.config, undefined, { files, read: (p) => tree.read(p, 'utf8') ?? undefined }) };
}

function treeFiles(tree: Tree): string[] {
  const files: string[] = [];
  visitNotIgnoredFiles(tree, '', (f) => void files.push(f));
  return files;
}

/**
 * Whether any file Argo CD could read holds an ApplicationSet: only one generates Applications,
 * so without one, reading every Application (most of `nx g env` in a large repository) would
 * find nothing to do. A text search, no parsing: a file that merely mentions the word is read.
 */
function mentionsApplicationSet(tree: Tree, ws: Workspace, files: string[]): boolean {
  const listed = new Set(ws.config.argocd.applications);
  return files.some((f) => (/\.(ya?ml|json)$/.test(f) || listed.has(f)) && tree.read(f)?.includes('ApplicationSet') === true);
}

/**
 * A new env in a workspace whose ApplicationSets generate the neighbour env's Applications: each
 * list generator gets the new env's element (the file edited in the tree, comments kept); then the
 * Applications it generates say which values files the new env needs.
 */
export function addEnvToTreeApplicationSets(tree: Tree, before: Workspace, after: Workspace, neighbour: EnvConfig | undefined, env: EnvConfig): AppSetPlan {
  const files = treeFiles(tree);
  if (!mentionsApplicationSet(tree, before, files)) return { generated: new Set(), overlays: [], gaps: [] };
  const argo = treeArgo(tree, before, files);
  const generated = new Set(argo.argo.deployments.filter((d) => d.plan.app.generatedBy).flatMap((d) => [d.app, chartDir(d)]));
  if (!neighbour) return { generated, overlays: [], gaps: [] };
  const { edits, gaps } = addEnvToApplicationSets(argo, (f) => tree.read(f, 'utf8') ?? undefined, neighbour, env);
  for (const e of edits) tree.write(e.file, e.text);
  const now = treeArgo(tree, after, files);
  const overlays = now.argo.deployments
    .filter((d) => d.env === env.name && d.plan.app.generatedBy)
    .flatMap((d) => d.plan.valueFiles.filter((f) => f.file !== undefined && !f.exists && !tree.exists(f.file)).map((f) => ({ app: { name: d.app, dir: posix.dirname(f.file as string) }, file: f.file as string })));
  return { generated, overlays, gaps: gaps.map((g) => `${g.file}:${g.line}:${g.column}: ${g.message}`) };
}

const chartDir = (d: AppDeployment) => (d.plan.chart.kind === 'local' ? d.plan.chart.dir : '');
