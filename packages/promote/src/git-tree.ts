// The base of a change, read from git objects: the workspace as REF has it, in a temporary
// folder, and the files the working tree changes since. Nothing in the repository is touched.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { UserError } from '@helm-values-manager/core';

function git(root: string, args: string[], input?: Buffer): Buffer {
  const r = spawnSync('git', args, { cwd: root, input, maxBuffer: 1024 * 1024 * 1024 });
  if (r.status !== 0) throw new UserError(`git ${args[0]} failed: ${(r.stderr?.toString() || r.error?.message || '').trim()}`, { file: '--against', hint: 'Name a commit, branch or tag of this repository (fetch it first in a shallow clone).' });
  return r.stdout;
}

export interface BaseTree {
  /** The workspace root as REF has it. */
  dir: string;
  /** Files (relative to the workspace root) that differ between REF and the working tree, untracked ones included. */
  changed: string[];
  remove(): void;
}

/** The workspace at `ref` (from git objects, into a temporary folder) and what changed since. */
export function baseTree(root: string, ref: string): BaseTree {
  const prefix = git(root, ['rev-parse', '--show-prefix']).toString().trim().replace(/\/$/, '');
  const rev = spawnSync('git', ['rev-parse', '--verify', '--quiet', '--end-of-options', `${ref}^{commit}`], { cwd: root });
  if (rev.status !== 0) throw new UserError(`"${ref}" is not a commit of this repository`, { file: '--against', hint: 'Name a commit, branch or tag (in a shallow clone, fetch the base first: git fetch --depth=1 origin main).' });
  const commit = rev.stdout.toString().trim();
  const tree = prefix ? `${commit}:${prefix}` : `${commit}^{tree}`;
  const dir = mkdtempSync(join(tmpdir(), 'gitops-base-'));
  try {
    const tar = spawnSync('tar', ['-x', '-C', dir], { input: git(root, ['archive', '--format=tar', tree]) });
    if (tar.status !== 0) throw new Error(`tar failed: ${tar.stderr.toString().trim()}`);
  } catch (e) {
    rmSync(dir, { recursive: true, force: true });
    throw e;
  }
  const lines = (b: Buffer) => b.toString().split('\n').filter(Boolean);
  const changed = [...lines(git(root, ['diff', '--name-only', '--relative', commit, '--'])), ...lines(git(root, ['ls-files', '--others', '--exclude-standard']))];
  return { dir, changed: [...new Set(changed)], remove: () => rmSync(dir, { recursive: true, force: true }) };
}
