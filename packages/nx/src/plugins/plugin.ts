import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { CreateNodes, CreateNodesResult } from '@nx/devkit';
import { appInputs, CONFIG_FILE, type Workspace } from '@helm-values-manager/core';
import { cachedProjects } from './nodes-cache';
import type { GitopsPluginOptions } from './options';
import { projectRoots, type AppProjectSource } from './project-roots';
import { inferTargets, inferWorkspaceTargets, nxInputs } from './targets';
import { loadNxWorkspace } from '../utils/nx-workspace';
import { toolFingerprint } from '../utils/tool-fingerprint';

/**
 * Nx's project inference (the v2 signature): every app of the workspace becomes a project, as
 * the CLI sees them: what the Argo CD Applications and ApplicationSets deploy (app-of-apps charts
 * rendered by the helm render uses), then the `apps` folders no Application covers. Each has
 * validate, lint, render, diff and promote targets whose inputs are the files that feed it, so
 * `nx affected` selects exactly the apps a change reaches. Beside them, the workspace project.
 */
export const createNodes: CreateNodes<GitopsPluginOptions> = [
  CONFIG_FILE,
  async (configFiles, options, context) => {
    const root = context.workspaceRoot;
    // Only the workspace's own gitops.yaml: one at the root.
    if (!configFiles.includes(CONFIG_FILE) || !existsSync(join(root, CONFIG_FILE))) return [];
    const projects = await cachedProjects(root, [options ?? {}, toolFingerprint()], () => {
      const ws = loadNxWorkspace(root);
      const apps = ws.apps.map((a) => ({ name: a.name, dir: a.dir, inputs: appInputs(ws, a) }));
      const roots = projectRoots(apps);
      return { ...appProjects(ws, apps, roots, options ?? {}), ...workspaceProject(ws, apps, roots, options ?? {}) };
    });
    return [[CONFIG_FILE, { projects }]];
  },
];

function appProjects(ws: Workspace, apps: AppProjectSource[], roots: Map<string, string>, options: GitopsPluginOptions): NonNullable<CreateNodesResult['projects']> {
  const tool = toolFingerprint();
  const projects: NonNullable<CreateNodesResult['projects']> = {};
  for (const a of apps) {
    const root = roots.get(a.name) as string;
    projects[root] = { name: a.name, root, projectType: 'application', tags: ['gitops:app'], targets: inferTargets(a.name, ws.config, options, tool, nxInputs(a.inputs, root)) };
  }
  return projects;
}

/**
 * The root project, named `gitops` unless set: what belongs to the workspace as a whole, not to
 * one app. Its validate reports what no app's does (globs that match nothing, Applications that
 * deploy to no env or cannot be read, such as an app-of-apps chart without helm, values files
 * nothing layers outside every app's folder); its report writes the status page of every app.
 */
function workspaceProject(ws: Workspace, apps: AppProjectSource[], roots: Map<string, string>, options: GitopsPluginOptions): NonNullable<CreateNodesResult['projects']> {
  const appRoots = [...roots.values()].filter((r) => r !== '.').sort((a, b) => b.length - a.length);
  return {
    '.': { name: options.workspaceProjectName ?? 'gitops', root: '.', tags: ['gitops:workspace'], targets: inferWorkspaceTargets(ws, apps.map((a) => a.inputs), appRoots, options, toolFingerprint()) },
  };
}

/** @deprecated Nx 23+ reads `createNodes` with this same signature. */
export const createNodesV2 = createNodes;
