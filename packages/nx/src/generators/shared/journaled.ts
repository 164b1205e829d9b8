import { accessSync, constants, existsSync, readFileSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { logger, type GeneratorCallback, type Tree } from '@nx/devkit';
import { insideRoot, isOsError, osUserError, PENDING_WRITE, pendingWrite, removeEmptyDirs, rollBack, type Journal } from '@helm-values-manager/core';

/** Journals written by this process whose flush Nx has not finished: rolled back if the process ends first. */
const unconfirmed = new Map<string, Journal>();
let hooked = false;

/**
 * Run a generator so that its change set lands whole or not at all. Nx writes a generator's
 * changes itself (flushChanges, file by file, after the generator returns), so the seam is the
 * change set: its journal is the first file Nx writes (the first path recorded in the tree),
 * holding every path's previous content; the callback Nx runs after the last file is written
 * removes it. If the write fails part-way, the journal is rolled back as the process exits; if
 * the process is killed, the next generator run rolls it back before doing its own work (in
 * the tree, so --dry-run shows it). Every path is checked to lie inside the repository, and
 * every folder to be writable, before Nx writes anything. `work` returns the summary to print.
 */
export async function journaled(tree: Tree, by: string, work: () => string | Promise<string>): Promise<GeneratorCallback> {
  tree.write(PENDING_WRITE, '');
  const interrupted = pendingWrite(tree.root);
  if (interrupted) undoInTree(tree, interrupted);
  let summary: string;
  try {
    summary = await work();
  } catch (e) {
    // Nx writes nothing after a failed generator; no journal is left in its list of changes either.
    if (!interrupted) tree.delete(PENDING_WRITE);
    throw e;
  }
  const changes = tree.listChanges().filter((c) => c.path !== PENDING_WRITE);
  const onDisk = existsSync(tree.root);
  for (const c of changes) {
    insideRoot(tree.root, c.path, 'refusing to write');
    if (onDisk) assertWritable(tree.root, c.path);
  }
  const earlier = new Map((interrupted?.entries ?? []).map((e) => [e.path, e.before]));
  const journal: Journal = {
    id: `${process.pid}-${Date.now().toString(36)}`,
    by,
    entries: changes.map((c) => ({ path: c.path, before: earlier.has(c.path) ? (earlier.get(c.path) as string | null) : diskContent(tree.root, c.path) })),
    createdDirs: [...new Set([...(interrupted?.createdDirs ?? []), ...changes.filter((c) => c.type === 'CREATE').map((c) => topMissingDir(tree.root, c.path))])].filter(
      (d): d is string => d !== undefined,
    ),
  };
  tree.write(PENDING_WRITE, JSON.stringify(journal));
  // Said only once every check passed: a generator that writes nothing does not claim success.
  logger.info(summary);
  confirmOnExit(tree.root, journal);
  return () => {
    unconfirmed.delete(tree.root);
    rmSync(join(tree.root, PENDING_WRITE), { force: true });
    // Folders that the rolled-back run created and this one did not fill.
    removeEmptyDirs(tree.root, [...(interrupted?.createdDirs ?? []), dirname(PENDING_WRITE)]);
  };
}

function undoInTree(tree: Tree, journal: Journal): void {
  for (const e of journal.entries) {
    if (e.staged && tree.exists(e.staged)) tree.delete(e.staged);
    if (e.before === null) {
      if (tree.exists(e.path)) tree.delete(e.path);
    } else {
      tree.write(e.path, Buffer.from(e.before, 'base64'));
    }
  }
}

function confirmOnExit(root: string, journal: Journal): void {
  if (!hooked) {
    hooked = true;
    process.once('exit', () => {
      for (const [r, j] of unconfirmed) if (pendingWrite(r)?.id === j.id) rollBack(r, j);
    });
  }
  unconfirmed.set(root, journal);
}

function diskContent(root: string, path: string): string | null {
  const abs = join(root, path);
  return existsSync(abs) ? readFileSync(abs).toString('base64') : null;
}

/** The topmost folder that writing `path` creates, relative to root; undefined when its folder exists. */
function topMissingDir(root: string, path: string): string | undefined {
  let top: string | undefined;
  for (let d = dirname(path); d !== '.' && d !== '/' && !existsSync(join(root, d)); d = dirname(d)) top = d;
  return top;
}

/** The file, or the nearest existing folder it would be created in, must be writable: else nothing is written. */
function assertWritable(root: string, path: string): void {
  let d = path;
  while (d !== '.' && !existsSync(join(root, d))) d = dirname(d);
  try {
    accessSync(join(root, d), constants.W_OK);
  } catch (e) {
    throw isOsError(e) ? osUserError(e, d === '.' ? '(repository root)' : d, 'cannot be written, so nothing was generated') : e;
  }
}
