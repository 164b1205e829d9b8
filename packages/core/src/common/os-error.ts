import { UserError } from './errors';

/** An error thrown by the operating system (node:fs and friends): it carries an errno code. */
export interface OsError extends Error {
  code: string;
  path?: string;
  syscall?: string;
}

export function isOsError(e: unknown): e is OsError {
  return e instanceof Error && typeof (e as OsError).code === 'string' && /^E[A-Z0-9]+$/.test((e as OsError).code) && (e as OsError).syscall !== undefined;
}

/** What the failed system call was doing, in words. */
function failedAction(e: OsError): string {
  // an open for writing fails as `open` too: these codes only come of writing
  if (/^(EROFS|ENOSPC|EDQUOT|EEXIST|ENOTEMPTY)$/.test(e.code)) return 'cannot be written';
  if (/^(open|read|stat|lstat|fstat|scandir|readlink|realpath|access)$/.test(e.syscall ?? '')) return e.code === 'EACCES' || e.code === 'ENOENT' ? 'cannot be read' : 'cannot be used';
  return 'cannot be written';
}

const WHAT: Record<string, { says: string; hint: string }> = {
  EACCES: { says: 'permission denied', hint: 'Give the user running this command access to it (and to its folder), or run where you may write.' },
  EPERM: { says: 'operation not permitted', hint: 'Give the user running this command access to it (and to its folder), or run where you may write.' },
  EROFS: { says: 'the file system is read-only', hint: 'Run in a writable checkout of the repository.' },
  ENOSPC: { says: 'no space left on the device', hint: 'Free some disk space and run again.' },
  EDQUOT: { says: 'the disk quota is exhausted', hint: 'Free some space within your quota and run again.' },
  ENOENT: { says: 'no such file or folder', hint: 'Check the path; a folder on the way may be missing.' },
  EISDIR: { says: 'it is a folder, where a file was expected', hint: 'Move the folder away or point to a file.' },
  ENOTDIR: { says: 'a part of the path is a file, where a folder was expected', hint: 'Move that file away or fix the path.' },
  EEXIST: { says: 'it already exists', hint: 'Move it away and run again.' },
  ENOTEMPTY: { says: 'the folder is not empty', hint: 'Move its files away and run again.' },
  ELOOP: { says: 'too many levels of symbolic links (a link loop?)', hint: 'Fix the symbolic links on the path.' },
  ENAMETOOLONG: { says: 'the path is too long', hint: 'Use shorter names.' },
  EMFILE: { says: 'too many open files', hint: 'Raise the open-file limit (ulimit -n) and run again.' },
  ENFILE: { says: 'too many open files in the system', hint: 'Close other programs or raise the system limit, and run again.' },
  EBUSY: { says: 'the file is busy', hint: 'Close the program that holds it and run again.' },
  EIO: { says: 'an input/output error of the disk', hint: 'Check the disk and run again.' },
  EAGAIN: { says: 'the file is not ready to be read (a pipe or device?)', hint: 'Point to a regular file.' },
  ENXIO: { says: 'no such device', hint: 'Point to a regular file.' },
};

/**
 * An operating-system error as a message a user can act on: the path (as the user knows it,
 * `shown`), what could not be done (`failed`, e.g. "cannot be written"), why in words, and
 * what to do. Exit code 2, like every input error.
 */
export function osUserError(e: OsError, shown: string | undefined, failed: string = failedAction(e)): UserError {
  const what = WHAT[e.code] ?? { says: e.message.replace(/^[A-Z0-9]+: /, '').replace(/, \w+ '.*'$/, ''), hint: 'Check the path and its permissions, and run again.' };
  const file = shown ?? e.path;
  return new UserError(`${file ? '' : 'a file '}${failed}: ${what.says} (${e.code})`, { ...(file ? { file } : {}), hint: what.hint, cause: e });
}
