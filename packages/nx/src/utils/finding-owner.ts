import { workspaceFindings, type Finding, type Workspace } from '@helm-values-manager/core';
import { APP_PROJECT_TAG } from './project-tags';

/** The projects of the run as Nx configures them: each one's folder and tags. */
export type ProjectFolders = Record<string, { root: string; tags?: string[] }>;

/** The folders of the app projects (the plugin tags them gitops:app), deepest first. */
export function appRoots(projects: ProjectFolders): string[] {
  let roots = rootsOf.get(projects);
  if (!roots) rootsOf.set(projects, (roots = foldersOfApps(projects)));
  return roots;
}

// Asked by every task of a batch, with the same projects.
const rootsOf = new WeakMap<ProjectFolders, string[]>();

function foldersOfApps(projects: ProjectFolders): string[] {
  return Object.values(projects)
    .filter((p) => p.tags?.includes(APP_PROJECT_TAG) && p.root !== '.' && p.root !== '')
    .map((p) => p.root)
    .sort((a, b) => b.length - a.length);
}

/**
 * The app project whose folder holds a file, as Nx assigns files to projects (the deepest
 * folder that holds it); undefined when none does: the workspace project's.
 */
export function ownerOf(file: string | undefined, roots: string[]): string | undefined {
  return file ? roots.find((r) => file.startsWith(`${r}/`)) : undefined;
}

/**
 * The workspace's findings (workspaceFindings) that a project reports: those about a file in an
 * app project's folder belong to that app (`root`), the rest to the workspace project (`root`
 * undefined); so each is reported once, by the task whose inputs hold what it depends on.
 */
export function ownedWorkspaceFindings(ws: Workspace, roots: string[], root: string | undefined): Finding[] {
  // An app's task asks only about files under its own folder first: one string test per app, not one per app and root.
  const mine = (file: string | undefined) => (root === undefined || file?.startsWith(`${root}/`) === true) && ownerOf(file, roots) === root;
  // Read for a few apps, each asks for its own; read whole (a batch of every app), every
  // project's are worked out once and shared out: asked per project, each would look at every app.
  if (ws.scope) return workspaceFindings(ws, (dir) => mine(`${dir}/values.yaml`)).filter((f) => mine(f.file));
  let kept = byOwner.get(ws);
  if (kept?.roots !== roots) {
    const owners = new Map<string | undefined, Finding[]>();
    for (const f of workspaceFindings(ws)) {
      const owner = ownerOf(f.file, roots);
      owners.set(owner, [...(owners.get(owner) ?? []), f]);
    }
    byOwner.set(ws, (kept = { roots, owners }));
  }
  return kept.owners.get(root) ?? [];
}

const byOwner = new WeakMap<Workspace, { roots: string[]; owners: Map<string | undefined, Finding[]> }>();
