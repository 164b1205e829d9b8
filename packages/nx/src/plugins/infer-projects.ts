import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { CreateNodesResult } from '@nx/devkit';
import { appInputs, matchesGlob, workspaceInputs, type Workspace } from '@helm-values-manager/core';
import type { Inferred } from './nodes-cache';
import type { GitopsPluginOptions } from './options';
import { projectRoots, type AppProjectSource } from './project-roots';
import { inferTargets, inferWorkspaceTargets, nxInputs } from './targets';
import { loadNxWorkspace } from '../utils/nx-workspace';

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
  const workspace = workspaceProjectName(root, options);
  return { projects: { ...appProjects(ws, apps, roots, workspace, options, tool), ...workspaceProject(ws, apps, roots, workspace, options, tool) }, contentFree };
}

/**
 * The workspace project's name: the plugin's option, else `gitops`; a project.json at the root
 * that names the project wins, as Nx lets it win over what a plugin infers.
 */
function workspaceProjectName(root: string, options: GitopsPluginOptions): string {
  try {
    const { name } = JSON.parse(readFileSync(join(root, 'project.json'), 'utf8')) as { name?: unknown };
    if (typeof name === 'string' && name !== '') return name;
  } catch {
    // none, or not JSON: Nx reports the latter itself
  }
  return options.workspaceProjectName ?? 'gitops';
}

/**
 * The app projects. An app whose inputs name files of the workspace project (its Applications in
 * that project's folder) depends on it, so that Nx matches them against that project's files. By
 * its name: Nx resolves a tag in an implicit dependency by looking at every project, for each
 * project (at 2000 apps, 1.9 s of every command).
 */
function appProjects(ws: Workspace, apps: AppProjectSource[], roots: Map<string, string>, workspace: string, options: GitopsPluginOptions, tool: string): Projects {
  const projects: Projects = {};
  const holds = workspaceHolds(ws.root, [...roots.values()]);
  for (const a of apps) {
    const root = roots.get(a.name) as string;
    const { inputs, readsWorkspaceProject } = nxInputs(a.inputs, root, holds);
    const deps = readsWorkspaceProject ? { implicitDependencies: [workspace] } : {};
    projects[root] = { name: a.name, root, projectType: 'application', tags: ['gitops:app'], ...deps, targets: inferTargets(a.name, ws.config, options, tool, inputs) };
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
function workspaceProject(ws: Workspace, apps: AppProjectSource[], roots: Map<string, string>, name: string, options: GitopsPluginOptions, tool: string): Projects {
  const appRoots = [...roots.values()].filter((r) => r !== '.').sort((a, b) => b.length - a.length);
  return {
    '.': { name, root: '.', tags: ['gitops:workspace'], targets: inferWorkspaceTargets(ws, apps.map((a) => a.inputs), appRoots, options, tool) },
  };
}
