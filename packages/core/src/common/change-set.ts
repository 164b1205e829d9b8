import { randomBytes } from 'node:crypto';
import { existsSync, lstatSync, mkdirSync, readdirSync, renameSync, rmdirSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, sep } from 'node:path';
import { UserError } from './errors';
import { insideRoot, realLocation } from './inside-root';
import { isOsError, osUserError } from './os-error';
import { readBounded } from './read-bounded';

/**
 * The journal of a change set being applied, at the repository root. While it exists the
 * repository may be half-written; the next command that writes rolls it back first.
 */
export const PENDING_WRITE = '.gitops/pending-write.json';

/** One file of a change set: its path relative to the repository root, and its new content (null deletes it). */
export interface FileChange {
  path: string;
  content: string | Uint8Array | null;
}

/** What a rollback needs: each file's content before the change (null: it did not exist) and the folders the change created. */
export interface Journal {
  id: string;
  /** What wrote it, for messages: "nx g env", "gitops promote". */
  by: string;
  entries: { path: string; before: string | null; staged?: string }[];
  /** Folders created for the change set, relative to the root: removed again when empty. */
  createdDirs: string[];
}

/** The journal left by an interrupted change set, if any. */
export function pendingWrite(root: string): Journal | undefined {
  const file = join(root, PENDING_WRITE);
  if (!existsSync(file)) return undefined;
  let text: string;
  try {
    text = readBounded(file, PENDING_WRITE, { root }).toString('utf8');
  } catch {
    return undefined;
  }
  // An empty journal is the placeholder a generator writes first: nothing else was written yet.
  if (text.trim() === '') return { id: '', by: 'an interrupted run', entries: [], createdDirs: [] };
  try {
    return JSON.parse(text) as Journal;
  } catch {
    throw new UserError('the journal of an interrupted write is damaged', {
      file: PENDING_WRITE,
      hint: 'Check the changed files with `git status`, restore what you need, then delete the journal.',
    });
  }
}

/**
 * Undo what an interrupted change set did, from its journal: files it created are deleted,
 * files it changed get their old content back, folders it created are removed when empty.
 * Returns the journal rolled back, if there was one.
 */
export function rollBackPendingWrite(root: string): Journal | undefined {
  const journal = pendingWrite(root);
  if (!journal) return undefined;
  rollBack(root, journal);
  return journal;
}

/** Undo a change set from its journal (see rollBackPendingWrite). */
export function rollBack(root: string, journal: Journal): void {
  for (const e of journal.entries) {
    const abs = insideRoot(root, e.path, 'cannot restore');
    if (e.staged) rmSync(join(root, e.staged), { force: true });
    if (e.before === null) {
      if (isRegularFile(abs)) unlinkSync(abs);
    } else {
      replaceFile(abs, Buffer.from(e.before, 'base64'), `${journal.id}.undo`);
    }
  }
  removeEmptyDirs(root, journal.createdDirs);
  rmSync(join(root, PENDING_WRITE), { force: true });
  removeEmptyDirs(root, [dirname(PENDING_WRITE)]);
}

/**
 * Apply a change set all at once or not at all. Every path must lie inside `root` once symbolic
 * links are followed. New contents are staged beside their targets first (a failure there, such
 * as an unwritable folder or a full disk, leaves the repository untouched), then a journal is
 * written, then each staged file is renamed over its target, then the journal is removed. An
 * interruption after the journal is written is rolled back by the next command that writes.
 */
export function writeChangeSet(root: string, changes: FileChange[], by: string): void {
  rollBackPendingWrite(root);
  const id = `${process.pid}-${randomBytes(4).toString('hex')}`;
  const journal: Journal = { id, by, entries: [], createdDirs: [] };
  const targets = changes.map((c) => ({ change: c, abs: realLocation(insideRoot(root, c.path, 'refusing to write')) }));
  const staged: string[] = [];
  try {
    for (const { change, abs } of targets) {
      const before = existingFile(abs, change.path);
      const entry: Journal['entries'][number] = { path: relative(root, abs).split(sep).join('/'), before: before === null ? null : before.toString('base64') };
      if (change.content !== null) {
        journal.createdDirs.push(...createDirs(root, dirname(abs), change.path));
        const tmp = `${abs}.${id}.tmp`;
        writeFileSync(tmp, change.content, { flag: 'wx' });
        staged.push(tmp);
        entry.staged = relative(root, tmp).split(sep).join('/');
      }
      journal.entries.push(entry);
    }
    writeJournal(root, journal);
  } catch (e) {
    for (const tmp of staged) rmSync(tmp, { force: true });
    removeEmptyDirs(root, journal.createdDirs);
    throw asUserError(e, root);
  }
  try {
    for (const { change, abs } of targets) {
      if (change.content === null) rmSync(abs, { force: true });
      else renameSync(`${abs}.${id}.tmp`, abs);
    }
  } catch (e) {
    rollBack(root, journal);
    throw asUserError(e, root);
  }
  rmSync(join(root, PENDING_WRITE), { force: true });
  removeEmptyDirs(root, [dirname(PENDING_WRITE)]);
}

/**
 * Write or delete (content null) one output file of a task (a report under dist/), inside the
 * repository, atomically, without a journal: many tasks write such files at once, each its own,
 * and none of them may roll back another's change set.
 */
export function writeOutputFile(root: string, path: string, content: string | null): void {
  const abs = realLocation(insideRoot(root, path, 'refusing to write'));
  try {
    if (content === null) {
      if (isRegularFile(abs)) unlinkSync(abs);
      return;
    }
    mkdirSync(dirname(abs), { recursive: true });
    replaceFile(abs, Buffer.from(content), `${process.pid}-${randomBytes(4).toString('hex')}`);
  } catch (e) {
    throw isOsError(e) ? osUserError(e, path) : e;
  }
}

/** Write the journal itself atomically. */
export function writeJournal(root: string, journal: Journal): void {
  const file = join(root, PENDING_WRITE);
  mkdirSync(dirname(file), { recursive: true });
  replaceFile(file, Buffer.from(JSON.stringify(journal)), journal.id);
}

/** The current bytes of a file about to be replaced; null when there is none. */
function existingFile(abs: string, shown: string): Buffer | null {
  let st;
  try {
    st = lstatSync(abs);
  } catch {
    return null;
  }
  if (!st.isFile()) throw new UserError(`is ${st.isDirectory() ? 'a folder' : 'not a regular file'}, where a file is to be written`, { file: shown, hint: 'Move it away and run again.' });
  return readBounded(abs, shown, { root: null, maxBytes: Number.MAX_SAFE_INTEGER });
}

/** Create the missing folders up to `dir`; returns the topmost one created (relative to root), to remove on rollback. */
function createDirs(root: string, dir: string, shown: string): string[] {
  let top = dir;
  while (!existsSync(dirname(top)) && dirname(top) !== top) top = dirname(top);
  if (existsSync(dir)) return [];
  try {
    mkdirSync(dir, { recursive: true });
  } catch (e) {
    throw isOsError(e) ? osUserError(e, dirname(shown), 'cannot be created') : e;
  }
  return [relative(root, top).split(sep).join('/')];
}

function replaceFile(abs: string, content: Buffer, id: string): void {
  const tmp = `${abs}.${id}.tmp`;
  try {
    writeFileSync(tmp, content);
    renameSync(tmp, abs);
  } catch (e) {
    // a full disk or a folder in the way leaves no half-written copy behind
    rmSync(tmp, { force: true });
    throw e;
  }
}

function isRegularFile(abs: string): boolean {
  try {
    return lstatSync(abs).isFile();
  } catch {
    return false;
  }
}

/** Remove these folders (relative to root) and their emptied subfolders, if nothing else is in them. */
export function removeEmptyDirs(root: string, dirs: string[]): void {
  const prune = (abs: string): boolean => {
    let entries;
    try {
      if (!lstatSync(abs).isDirectory()) return false;
      entries = readdirSync(abs);
    } catch {
      return true;
    }
    const empty = entries.every((e) => prune(join(abs, e)));
    if (!empty) return false;
    rmdirSync(abs);
    return true;
  };
  for (const d of [...dirs].reverse()) if (d && d !== '.') prune(join(root, d));
}

/** An OS error during a write, named by the path the user knows. */
function asUserError(e: unknown, root: string): unknown {
  if (!isOsError(e)) return e;
  const path = e.path ? relative(root, e.path.replace(/\.[0-9]+-[0-9a-f]{8}\.tmp$/, '')) : undefined;
  return osUserError(e, path, 'cannot be written (nothing was changed)');
}

/** The journal as text, for a finding or message: what is pending and how to finish it. */
export function describePending(journal: Journal): string {
  return `${journal.by} was interrupted while writing ${journal.entries.length} file${journal.entries.length === 1 ? '' : 's'}`;
}

