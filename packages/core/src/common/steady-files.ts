import { AsyncLocalStorage } from 'node:async_hooks';
import { realpathSync, statSync, type Stats } from 'node:fs';

/** Each path's answer from the disk (undefined: nothing there), asked once within one run. */
export interface SteadyFiles {
  readonly stats: Map<string, Stats | undefined>;
  /** Real paths (symbolic links followed) of paths that exist. */
  readonly realPaths: Map<string, string>;
}

const runs = new AsyncLocalStorage<SteadyFiles>();

/** A new run's answers, for several calls of withSteadyFiles to share (the tasks of one batch). */
export function steadyFiles(): SteadyFiles {
  return { stats: new Map(), realPaths: new Map() };
}

/**
 * Run `fn` (and everything it awaits) knowing that no file it reads changes meanwhile: a
 * read-only command such as validate asks whether a path exists, what it is and when it changed
 * once, not once per check and env (a sync stat costs microseconds, and a large workspace asked
 * tens of thousands). Outside such a run every question goes to the disk.
 */
export function withSteadyFiles<T>(fn: () => T, files: SteadyFiles = runs.getStore() ?? steadyFiles()): T {
  return runs.run(files, fn);
}

/** What is at an absolute path (symbolic links followed), or undefined when nothing is. */
export function pathStats(absPath: string): Stats | undefined {
  const known = runs.getStore()?.stats;
  if (!known) return statSync(absPath, { throwIfNoEntry: false });
  if (known.has(absPath)) return known.get(absPath);
  const st = statSync(absPath, { throwIfNoEntry: false });
  known.set(absPath, st);
  return st;
}

/** Whether anything is at an absolute path, as `existsSync` answers it (a path that cannot be read, such as under a file, is nothing). */
export function pathExists(absPath: string): boolean {
  try {
    return pathStats(absPath) !== undefined;
  } catch {
    return false;
  }
}

/** A file's identity for caches: its modification time and size; undefined when nothing is there. */
export function fileStamp(absPath: string): string | undefined {
  const st = pathStats(absPath);
  return st ? `${st.mtimeMs}:${st.size}` : undefined;
}

/**
 * Where an existing path really is, symbolic links followed, by the system's realpath (one call,
 * where Node's asks about every folder on the way); throws as realpath does when nothing is there.
 */
export function realPath(path: string): string {
  const known = runs.getStore()?.realPaths;
  let real = known?.get(path);
  if (real === undefined) {
    real = realpathSync.native(path);
    known?.set(path, real);
  }
  return real;
}
