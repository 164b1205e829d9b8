import { closeSync, constants, fstatSync, openSync, readSync } from 'node:fs';
import { UserError } from './errors';
import { isInside, realLocation } from './inside-root';
import { isOsError, osUserError } from './os-error';
import { realPath } from './steady-files';

/** The largest file any command reads from a repository: values, schemas, Applications, secrets. */
export const DEFAULT_MAX_BYTES = 5 * 1024 * 1024;

export interface BoundedReadOptions {
  maxBytes?: number;
  /**
   * The repository root: a symbolic link leading out of it is refused. Defaults to the root that
   * `absPath` and the shown path imply (absPath = root/shown); null for a file the user named
   * on the command line, which may be anywhere.
   */
  root?: string | null;
  /** What the file is, for messages ("values file", "schema"). */
  kind?: string;
}

/**
 * Read a file of the repository, safely whatever is there: only a regular file (a FIFO, device
 * or socket is refused without blocking on it), only within the repository once symbolic links
 * are followed, and only up to `maxBytes` (counted while reading, so a file that grows or lies
 * about its size cannot exhaust memory). Every failure is a UserError naming `shown`.
 */
export function readBounded(absPath: string, shown: string, opts: BoundedReadOptions = {}): Buffer {
  const max = opts.maxBytes ?? DEFAULT_MAX_BYTES;
  const kind = opts.kind ?? 'file';
  const root = opts.root === undefined ? impliedRoot(absPath, shown) : opts.root;
  // A run reads thousands of files: the root's real path is asked once (steady-files.ts).
  if (root && !isInside(root, absPath, realPath)) {
    throw new UserError(`is a symbolic link to ${realLocation(absPath, realPath)}, outside the repository`, {
      file: shown,
      hint: `Replace the link with the ${kind} itself; files are only read from inside the repository.`,
    });
  }
  let fd: number;
  try {
    // Non-blocking, so that opening a FIFO returns at once instead of waiting for a writer.
    fd = openSync(absPath, constants.O_RDONLY | constants.O_NONBLOCK);
  } catch (e) {
    throw isOsError(e) ? osUserError(e, shown, 'cannot be read') : e;
  }
  try {
    const st = fstatSync(fd);
    if (!st.isFile()) {
      throw new UserError(`is ${st.isDirectory() ? 'a folder' : st.isFIFO() ? 'a named pipe (FIFO)' : st.isSocket() ? 'a socket' : 'a device'}, not a regular file`, {
        file: shown,
        hint: `Put a regular ${kind} there.`,
      });
    }
    if (st.size > max) throw tooLarge(shown, st.size, max, kind);
    const chunks: Buffer[] = [];
    let total = 0;
    for (;;) {
      // read into one buffer kept for every read, and copy out only what came
      const n = readSync(fd, scratch, 0, Math.min(scratch.length, max + 1 - total), null);
      if (n === 0) break;
      total += n;
      chunks.push(Buffer.from(scratch.subarray(0, n)));
      if (total > max) throw tooLarge(shown, total, max, kind, true);
    }
    return chunks.length === 1 ? chunks[0] : Buffer.concat(chunks, total);
  } catch (e) {
    throw isOsError(e) ? osUserError(e, shown, 'cannot be read') : e;
  } finally {
    closeSync(fd);
  }
}

const scratch = Buffer.allocUnsafe(64 * 1024);

/** readBounded as UTF-8 text. */
export function readBoundedText(absPath: string, shown: string, opts: BoundedReadOptions = {}): string {
  return readBounded(absPath, shown, opts).toString('utf8');
}

function impliedRoot(absPath: string, shown: string): string | undefined {
  const tail = `/${shown}`.replace(/\\/g, '/');
  const abs = absPath.replace(/\\/g, '/');
  // an absolute or ../ path never is such a tail; a file at / implies '' (no check), as / holds everything
  return abs.endsWith(tail) ? absPath.slice(0, absPath.length - tail.length) : undefined;
}

export function tooLarge(file: string, size: number, max: number, kind = 'file', atLeast = false): UserError {
  return new UserError(`${kind} is ${atLeast ? 'at least ' : ''}${size} bytes, over the ${max}-byte limit`, {
    file,
    line: 1,
    column: 1,
    hint: `Files this large are refused to keep checks fast and safe; split it into smaller files.`,
  });
}
