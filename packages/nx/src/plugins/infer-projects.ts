import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { CreateNodesResult } from '@nx/devkit';
import { appInputs, matchesGlob, workspaceInputs, type Workspace } from '@helm-values-manager/core';
import type { Inferred } from './nodes-cache';
import type { GitopsPluginOptions } from './options';
import { projectRoots, type AppProjectSource } from './project-roots';
import { inferTargets, inferWorkspaceTargets, nxInputs } from './targets';
import { loadNxWorkspace } from '../utils/nx-workspace';
import { APP_PROJECT_TAG, WORKSPACE_PROJECT_TAG } from '../utils/project-tags';

type Projects = NonNullable<CreateNodesResult['projects']>;

/**
 * Every app of the workspace as a project, as the CLI sees them: what the Argo CD Applications and
 * ApplicationSets deploy (app-of-apps charts rendered by the helm render uses), then the `apps`
 * folders no Application covers; beside them, the workspace project.
 */
export function inferProjects(root: string, options: GitopsPluginOptions, tool: string): Inferred {
  const ws = loadNxWorkspace(root);
  const apps = ws.apps.map((a) => ({ name: a.name, dir: a.dir, inputs: appInputs(ws, a) }));
  const roots = projectRoots(apps);
  // The apps' values files, less any the Argo CD model reads (a git files generator's, an app-of-apps chart's).
  const read = workspaceInputs(ws);
  const files = new Set(read);
  const globs = read.filter((g) => /[*?[{]/.test(g));
  const contentFree = [...new Set(apps.flatMap((a) => a.inputs.values))].filter((f) => !files.has(f) && !globs.some((g) => matchesGlob(f, g))).sort();
  return { projects: { ...appProjects(ws, apps, roots, options, tool), ...workspaceProject(ws, apps, roots, options, tool) }, contentFree };
}

/** The app projects (each one whose inputs name files of the workspace project depends on it: createDependencies). */
function appProjects(ws: Workspace, apps: AppProjectSource[], roots: Map<string, string>, options: GitopsPluginOptions, tool: string): Projects {
  const projects: Projects = {};
  const holds = workspaceHolds(ws.root, [...roots.values()]);
  for (const a of apps) {
    const root = roots.get(a.name) as string;
    projects[root] = { name: a.name, root, projectType: 'application', tags: [APP_PROJECT_TAG], targets: inferTargets(a.name, ws.config, options, tool, nxInputs(a.inputs, root, holds)) };
  }
  return projects;
}

/**
 * Whether Nx gives a file to the workspace project (root `.`): no app project's folder holds it,
 * and no folder on its way has a project.json or package.json, either of which may make another
 * project of it. Never, where an app's project is the root itself.
 */
function workspaceHolds(wsRoot: string, appRoots: string[]): (file: string) => boolean {
  if (appRoots.some((r) => r === '.' || r === '')) return () => false;
  const apps = new Set(appRoots);
  const marked = new Map<string, boolean>();
  const isProject = (dir: string) => {
    let m = marked.get(dir);
    if (m === undefined) marked.set(dir, (m = apps.has(dir) || ['project.json', 'package.json'].some((f) => existsSync(join(wsRoot, dir, f)))));
    return m;
  };
  // Each folder on the file's way asked once (thousands of Applications, thousands of apps: no app root compared with every file).
  return (file) => {
    const parts = file.split('/').slice(0, -1);
    return !parts.some((_, i) => isProject(parts.slice(0, i + 1).join('/')));
  };
}

/**
 * The root project, named `gitops` unless set: what belongs to the workspace as a whole, not to
 * one app. Its validate reports what no app's does (globs that match nothing, Applications that
 * deploy to no env or cannot be read, such as an app-of-apps chart without helm, values files
 * nothing layers outside every app's folder); its report writes the status page of every app.
 */
function workspaceProject(ws: Workspace, apps: AppProjectSource[], roots: Map<string, string>, options: GitopsPluginOptions, tool: string): Projects {
  const appRoots = [...roots.values()].filter((r) => r !== '.').sort((a, b) => b.length - a.length);
  return {
    '.': { name: options.workspaceProjectName ?? 'gitops', root: '.', tags: [WORKSPACE_PROJECT_TAG], targets: inferWorkspaceTargets(ws, apps.map((a) => a.inputs), appRoots, options, tool) },
  };
}
