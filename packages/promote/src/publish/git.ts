import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { redactText, UserError } from '@helm-values-manager/core';
import { simpleGit, type SimpleGit } from 'simple-git';

export interface BranchCommit {
  branch: string;
  commit: string;
  sourceSha: string;
  /** False when origin already had this exact promotion: nothing was pushed. */
  pushed: boolean;
}

const TRAILER = /^Promoted-From: /m;

/**
 * Commit the edited files on `branch`, on top of HEAD, and push it to origin. Git plumbing and
 * a private index do the work, so the working tree, the index and the current branch stay as
 * they were; an interrupted run leaves nothing behind. A re-run of the same promotion pushes
 * nothing when origin already has it; a branch that someone else moved is never overwritten.
 */
export async function commitAndPush(opts: { root: string; branch: string; files: { absPath: string; after: string }[]; message: string; log: (line: string) => void; inputs?: string[] }): Promise<BranchCommit> {
  const git = simpleGit(opts.root);
  const top = (await git.revparse(['--show-toplevel'])).trim();
  const sourceSha = (await git.revparse(['HEAD'])).trim();
  const ref = `refs/heads/${opts.branch}`;

  // The plan read the working tree but the branch starts from HEAD: they must agree.
  const dirty = (await git.raw(['status', '--porcelain', '--', ...(opts.inputs ?? opts.files.map((f) => f.absPath))])).trimEnd();
  if (dirty) {
    throw new UserError(`uncommitted changes in files the promotion reads: ${dirty.split('\n').slice(0, 3).map((l) => l.slice(3)).join(', ')}`, {
      hint: 'Commit or stash them first, so the promotion branch holds exactly what was planned from HEAD.',
    });
  }
  let remote: string | undefined;
  try {
    remote = (await git.raw(['ls-remote', 'origin', ref])).trim().split(/\s+/)[0] || undefined;
  } catch (e) {
    throw new UserError(`cannot reach the origin remote: ${firstLine((e as Error).message)}`, { hint: 'Add it (git remote add origin URL) and check access, or drop --push/--pr to edit the files in place.' });
  }
  if (remote) {
    await git.raw(['fetch', '-q', 'origin', ref]);
    const message = await git.raw(['log', '-1', '--format=%B', remote]);
    if (!TRAILER.test(message)) {
      throw new UserError(`origin's ${opts.branch} holds commits that gitops promote did not make; nothing was pushed`, {
        exitCode: 1,
        hint: 'Merge or close that work first, or delete the branch on origin, then run the promotion again.',
      });
    }
  }

  const tree = await treeWith(git, top, opts.files);
  if (remote) {
    const [remoteTree, remoteParent] = (await git.raw(['log', '-1', '--format=%T %P', remote])).trim().split(' ');
    if (remoteTree === tree && remoteParent === sourceSha) {
      opts.log(`origin/${opts.branch} already holds this promotion (${remote.slice(0, 12)}); nothing to push`);
      return { branch: opts.branch, commit: remote, sourceSha, pushed: false };
    }
  }
  let commit: string;
  try {
    // the author comes from git config (or GIT_AUTHOR_*), never from a guess at user@hostname
    commit = (await git.raw(['-c', 'user.useConfigOnly=true', 'commit-tree', tree, '-p', sourceSha, '-m', opts.message])).trim();
  } catch (e) {
    if (/user\.email|user\.name|who you are|auto-detection is disabled/i.test((e as Error).message)) {
      throw new UserError('git has no author identity to commit the promotion with', { hint: 'Set one: git config user.name "CI" && git config user.email ci@example.com (in GitHub Actions: the github-actions[bot] identity).' });
    }
    throw e;
  }
  try {
    // The lease: only if origin's branch is still what we saw (absent, or our previous promotion).
    await git.raw(['push', '-q', `--force-with-lease=${ref}:${remote ?? ''}`, 'origin', `${commit}:${ref}`]);
  } catch (e) {
    throw pushRefused(opts.branch, (e as Error).message);
  }
  opts.log(`pushed ${opts.branch} (${commit.slice(0, 12)}) to origin`);
  return { branch: opts.branch, commit, sourceSha, pushed: true };
}

/** The tree of HEAD with these files replaced, built in a private index. */
async function treeWith(git: SimpleGit, top: string, files: { absPath: string; after: string }[]): Promise<string> {
  const dir = mkdtempSync(join(tmpdir(), 'gitops-promote-'));
  const scoped = git.env({ ...gitEnv(), GIT_INDEX_FILE: join(dir, 'index') });
  try {
    await scoped.raw(['read-tree', 'HEAD']);
    for (const [i, f] of files.entries()) {
      const tmp = join(dir, `blob-${i}`);
      writeFileSync(tmp, f.after);
      const blob = (await scoped.raw(['hash-object', '-w', tmp])).trim();
      await scoped.raw(['update-index', '--add', '--cacheinfo', `100644,${blob},${relative(top, f.absPath).split('\\').join('/')}`]);
    }
    return (await scoped.raw(['write-tree'])).trim();
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * The environment the index plumbing needs. Editor, pager and config-path variables are left
 * out: simple-git refuses to pass them on, and building a tree reads no configuration.
 */
function gitEnv(): Record<string, string> {
  const keep = /^(PATH|HOME|USER|LANG|LC_\w+|TMPDIR|XDG_CONFIG_HOME)$/;
  return Object.fromEntries(Object.entries(process.env).filter((e): e is [string, string] => keep.test(e[0]) && e[1] !== undefined));
}

/** The origin remote's URL, for the repository slug. */
export async function originUrl(root: string): Promise<string | undefined> {
  try {
    return (await simpleGit(root).remote(['get-url', 'origin']))?.trim() || undefined;
  } catch {
    return undefined;
  }
}

/** The commit a promotion starts from. */
export async function headSha(root: string): Promise<string> {
  return (await simpleGit(root).revparse(['HEAD'])).trim();
}

/** The branch HEAD is on: the default base of the PR. */
export async function currentBranch(root: string): Promise<string> {
  return (await simpleGit(root).revparse(['--abbrev-ref', 'HEAD'])).trim();
}

/** The line of git's error that says why, without credentials a remote URL may carry. */
const firstLine = (s: string) => redactText(s.trim().split('\n').filter((l) => !/^\s*$/.test(l)).slice(-1)[0] ?? s);

/**
 * Why git push failed, as the server said it: a hook or branch protection refusing the push
 * (`[remote rejected]`, with the server's `remote:` lines) is not the lease failing because
 * someone moved the branch (`[rejected] ... stale info`, or a ref that changed under the push).
 */
function pushRefused(branch: string, stderr: string): UserError {
  const lines = stderr.split('\n');
  const rejected = lines.map((l) => /\[remote rejected\].*?\((.*)\)\s*$/.exec(l)).find(Boolean);
  // `failed to update ref` is the branch changing under the push: the lease's case, below
  if (rejected && /declined|protected|denied|refus/i.test(rejected[1])) {
    const said = lines.map((l) => /^remote:\s?(.*)$/.exec(l)?.[1]?.trim() ?? '').filter((l) => l !== '' && !/^error:\s*$/.test(l));
    return new UserError(`origin refused the push of ${branch}: ${redactText([...said, rejected[1]].join('; '))}`, {
      exitCode: 1,
      hint: "The server's hook or branch protection said no, as quoted above; nothing else was done. Do what it asks (or ask who runs the server), then run the promotion again.",
    });
  }
  return new UserError(`git push of ${branch} was rejected: ${firstLine(stderr)}`, {
    exitCode: 1,
    hint: 'Someone moved the branch on origin while this ran; nothing else was done. Run the promotion again.',
  });
}
