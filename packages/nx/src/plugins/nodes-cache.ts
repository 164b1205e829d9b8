import { createHash } from 'node:crypto';
import { accessSync, constants, mkdirSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { delimiter, join } from 'node:path';
import type { CreateNodesResult } from '@nx/devkit';
// Not nx/src/devkit-internals: loading it costs a cached run a third of a second; this module is already loaded.
import { getAllFileDataInContext } from 'nx/src/utils/workspace-context';
import { workspaceDataDirectoryForWorkspace } from 'nx/src/utils/cache-directory';

type Projects = NonNullable<CreateNodesResult['projects']>;

const FILE = 'gitops-projects.json';

/** What inferring the projects read: the projects, and the files whose contents they do not depend on. */
export interface Inferred {
  projects: Projects;
  /**
   * Files only whose existence the projects depend on, not their text: the apps' values files
   * (an app's inputs name its layers; what they hold changes its results, not its project).
   */
  contentFree: string[];
}

/**
 * The projects inferred from the workspace, kept between runs: inferring them reads every
 * Application and values file (seconds at a few hundred apps), and without the Nx daemon every
 * `nx` command infers them again. The key is the list of every file of the workspace, the text
 * of every one but the apps' values files (Nx's own file hashes, so computing it is cheap), the
 * plugin's options, the tool and the helm on PATH (which renders app-of-apps charts): any change
 * but an edit of a values file infers again, so a kept result is never stale, and `nx affected`
 * after an edit to an overlay does not infer 500 projects again for the one it runs. Another
 * PATH that finds the same helm (an editor's against a terminal's) keeps the result.
 */
export async function cachedProjects(root: string, salt: unknown, infer: () => Promise<Inferred>): Promise<Projects> {
  const file = join(workspaceDataDirectoryForWorkspace(root), FILE);
  const kept = read(file);
  if (kept && kept.key === (await keyOf(root, salt, kept.contentFree))) return kept.projects;
  const { projects, contentFree } = await infer();
  write(file, { key: await keyOf(root, salt, contentFree), contentFree, projects });
  return projects;
}

// Every file's path, and its hash unless only its existence counts. Nx's file data filtered here,
// not a hash with the content-free files as exclusions: Nx compiles those (thousands of values
// files) into one matcher, 60 ms of every nx command at 2000 apps.
async function keyOf(root: string, salt: unknown, contentFree: string[]): Promise<string> {
  const existenceOnly = new Set(contentFree);
  const key = createHash('sha256');
  for (const { file, hash } of await getAllFileDataInContext(root)) key.update(existenceOnly.has(file) ? `${file}\n` : `${file}\0${hash}\n`);
  return key.update(JSON.stringify(salt)).update(helmOnPath()).digest('hex');
}

/**
 * The helm PATH finds (the first executable `helm` of its folders, as core's findHelm looks it
 * up, written out here because loading core would cost every cached run a tenth of a second),
 * with its size and time, so that installing another helm in its place counts too.
 */
function helmOnPath(): string {
  for (const dir of (process.env.PATH ?? '').split(delimiter).filter(Boolean)) {
    const bin = join(dir, 'helm');
    try {
      accessSync(bin, constants.X_OK);
      const st = statSync(bin);
      return `${bin}:${st.size}:${st.mtimeMs}`;
    } catch {
      // not here: the next folder
    }
  }
  return '';
}

function read(file: string): Entry | undefined {
  try {
    const entry = JSON.parse(readFileSync(file, 'utf8'));
    return Array.isArray(entry?.contentFree) ? entry : undefined;
  } catch {
    // Absent or unreadable: infer again.
    return undefined;
  }
}

interface Entry extends Inferred {
  key: string;
}

/** Written whole and renamed into place, so a run that stops half-way never leaves a torn file. */
function write(file: string, entry: Entry): void {
  try {
    mkdirSync(join(file, '..'), { recursive: true });
    const tmp = `${file}.${process.pid}.tmp`;
    writeFileSync(tmp, JSON.stringify(entry));
    renameSync(tmp, file);
  } catch {
    // A read-only workspace data folder only costs the next run its shortcut.
  }
}
