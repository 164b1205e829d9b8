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
  return { projects: { ...appProjects(ws, apps, roots, options, tool), ...workspaceProject(ws, apps, roots, options, tool) }, contentFree };
}

function appProjects(ws: Workspace, apps: AppProjectSource[], roots: Map<string, string>, options: GitopsPluginOptions, tool: string): Projects {
  const projects: Projects = {};
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
function workspaceProject(ws: Workspace, apps: AppProjectSource[], roots: Map<string, string>, options: GitopsPluginOptions, tool: string): Projects {
  const appRoots = [...roots.values()].filter((r) => r !== '.').sort((a, b) => b.length - a.length);
  return {
    '.': { name: options.workspaceProjectName ?? 'gitops', root: '.', tags: ['gitops:workspace'], targets: inferWorkspaceTargets(ws, apps.map((a) => a.inputs), appRoots, options, tool) },
  };
}
