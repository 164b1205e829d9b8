import { realpathSync } from 'node:fs';
import { dirname, isAbsolute, join, relative, resolve, sep } from 'node:path';
import { UserError } from './errors';

/** Resolves an existing path's symbolic links: Node's (an lstat per folder on the way) or the system's (`realpathSync.native`, one call). */
export type RealPath = (path: string) => string;

/**
 * Where `path` (relative to `root`, or absolute) really is once symbolic links are followed: the
 * real path of its deepest existing ancestor joined with the part that does not exist yet.
 */
export function realLocation(path: string, realpath: RealPath = realpathSync): string {
  const missing: string[] = [];
  let at = resolve(path);
  for (;;) {
    try {
      return join(realpath(at), ...missing.reverse());
    } catch {
      const up = dirname(at);
      if (up === at) return join(at, ...missing.reverse());
      missing.push(at.slice(up.length).replace(/^[\\/]/, ''));
      at = up;
    }
  }
}

/** True when `path` lies in `root` (or is `root`) after following symbolic links. */
export function isInside(root: string, path: string, realpath: RealPath = realpathSync): boolean {
  const rel = relative(realLocation(root, realpath), realLocation(path, realpath));
  return !rel.startsWith(`..${sep}`) && rel !== '..' && !isAbsolute(rel);
}

/**
 * The absolute path of `path` (relative to `root`), refused with a UserError when it lies outside
 * the repository once symbolic links are followed: nothing is written or deleted out there.
 */
export function insideRoot(root: string, path: string, purpose: string): string {
  const abs = resolve(root, path);
  if (!isInside(root, abs)) {
    throw new UserError(`${purpose} ${path} is outside the repository (${realLocation(abs)} is not under ${realLocation(root)})`, {
      hint: 'Nothing was written. Keep every path of gitops.yaml and every output folder inside the repository, and no symbolic link on the way pointing out of it.',
    });
  }
  return abs;
}
