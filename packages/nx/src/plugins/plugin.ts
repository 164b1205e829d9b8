import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { CreateDependencies, CreateNodes, RawProjectGraphDependency } from '@nx/devkit';
// Not @nx/devkit: its index loads much of Nx; this module is small.
import { DependencyType } from 'nx/src/config/project-graph';
import { cachedProjects } from './nodes-cache';
import type { GitopsPluginOptions } from './options';
import { APP_PROJECT_TAG, WORKSPACE_PROJECT_TAG } from '../utils/project-tags';
import { toolFingerprint } from '../utils/tool-fingerprint';

/**
 * The workspace's configuration file, core's CONFIG_FILE: written here so that a run whose
 * projects are kept (nodes-cache) never loads the core, a fifth of a cached run's own work.
 */
export const PLUGIN_CONFIG_FILE = 'gitops.yaml';

/**
 * Nx's project inference (the v2 signature): every app of the workspace becomes a project
 * (infer-projects.ts), each with validate, lint, render, diff and promote targets whose inputs are
 * the files that feed it, so `nx affected` selects exactly the apps a change reaches; beside them,
 * the workspace project. Kept between runs until any file changes.
 */
export const createNodes: CreateNodes<GitopsPluginOptions> = [
  PLUGIN_CONFIG_FILE,
  async (configFiles, options, context) => {
    const root = context.workspaceRoot;
    // Only the workspace's own gitops.yaml: one at the root.
    if (!configFiles.includes(PLUGIN_CONFIG_FILE) || !existsSync(join(root, PLUGIN_CONFIG_FILE))) return [];
    const tool = toolFingerprint();
    const projects = await cachedProjects(root, [options ?? {}, tool], async () => (await import('./infer-projects')).inferProjects(root, options ?? {}, tool));
    return [[PLUGIN_CONFIG_FILE, { projects }]];
  },
];

/**
 * Each app whose inputs name files of the workspace project (its Applications in that project's
 * folder, each an exact path: targets.ts) depends on that project, so that what Nx answers by
 * projects (`nx graph`, `nx show projects --affected`, `affected.legacy`) counts the app as
 * touched with them. Edges, not `implicitDependencies`: Nx resolves each of those by listing every
 * project, for each app (at 2000 apps, 0.2 to 1.9 s of a command).
 */
export const createDependencies: CreateDependencies<GitopsPluginOptions> = (_options, context) => {
  const projects = Object.entries(context.projects);
  const workspace = projects.find(([, p]) => p.root === '.' && p.tags?.includes(WORKSPACE_PROJECT_TAG))?.[0];
  if (workspace === undefined) return [];
  return projects
    .filter(([name, p]) => name !== workspace && p.tags?.includes(APP_PROJECT_TAG) && Object.values(p.targets ?? {}).some((t) => t.inputs?.some((i) => typeof i === 'object' && 'fileset' in i && 'includeIgnored' in i && i.includeIgnored === true)))
    .map(([name]): RawProjectGraphDependency => ({ source: name, target: workspace, type: DependencyType.implicit }));
};

/** @deprecated Nx 23+ reads `createNodes` with this same signature. */
export const createNodesV2 = createNodes;
