import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { CreateNodesResult } from '@nx/devkit';
// Not nx/src/devkit-internals: loading it costs a cached run a third of a second; this module is already loaded.
import { hashWithWorkspaceContext } from 'nx/src/utils/workspace-context';
import { workspaceDataDirectoryForWorkspace } from 'nx/src/utils/cache-directory';

type Projects = NonNullable<CreateNodesResult['projects']>;

const FILE = 'gitops-projects.json';

/**
 * The projects inferred from the workspace, kept between runs: inferring them reads every
 * Application and values file (seconds at a few hundred apps), and without the Nx daemon every
 * `nx` command infers them again. The key is every file of the workspace (Nx's own file hashes,
 * so computing it is cheap), the plugin's options, the tool and the PATH (the helm that renders
 * app-of-apps charts): any change at all infers again, so a kept result is never stale.
 */
export async function cachedProjects(root: string, salt: unknown, infer: () => Promise<Projects>): Promise<Projects> {
  const key = createHash('sha256')
    .update(await hashWithWorkspaceContext(root, ['**/*']))
    .update(JSON.stringify(salt))
    .update(process.env.PATH ?? '')
    .digest('hex');
  const file = join(workspaceDataDirectoryForWorkspace(root), FILE);
  const kept = read(file);
  if (kept?.key === key) return kept.projects;
  const projects = await infer();
  write(file, { key, projects });
  return projects;
}

function read(file: string): { key: string; projects: Projects } | undefined {
  try {
    return JSON.parse(readFileSync(file, 'utf8'));
  } catch {
    // Absent or unreadable: infer again.
    return undefined;
  }
}

/** Written whole and renamed into place, so a run that stops half-way never leaves a torn file. */
function write(file: string, entry: { key: string; projects: Projects }): void {
  try {
    mkdirSync(join(file, '..'), { recursive: true });
    const tmp = `${file}.${process.pid}.tmp`;
    writeFileSync(tmp, JSON.stringify(entry));
    renameSync(tmp, file);
  } catch {
    // A read-only workspace data folder only costs the next run its shortcut.
  }
}
