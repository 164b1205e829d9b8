import { DEFAULT_GITHUB_TIMEOUT_SECONDS, hasUserinfo, redactText, UserError } from '@helm-values-manager/core';
import { githubClient, startDeadline, tokenFrom } from './github-client';
import { commitAndPush, currentBranch, originUrl } from './git';
import { upsertPullRequest, type PullRequestResult } from './pull-request';
import { repoSlug } from './repo-slug';

export interface PublishOptions {
  root: string;
  branch: string;
  files: { absPath: string; after: string }[];
  /** Files and folders the plan read (app folders, gitops.yaml): they must have no uncommitted changes. */
  inputs?: string[];
  commitMessage: string;
  title: string;
  body: string;
  labels: string[];
  reviewers: string[];
  teamReviewers: string[];
  draft: boolean;
  /** Open or update the pull request; otherwise only push the branch. */
  pr: boolean;
  base?: string;
  env: NodeJS.ProcessEnv;
  log: (line: string) => void;
  /** Back-off of the GitHub client in ms (tests shorten it). */
  backoffMs?: number;
  /** Total seconds the GitHub calls may take (promotion.pullRequest.timeoutSeconds, --github-timeout). */
  timeoutSeconds?: number;
}

export interface PublishResult {
  branch: string;
  commit: string;
  sourceSha: string;
  pr?: PullRequestResult;
}

/** Push the promotion branch, then create or update its one pull request. */
export async function publish(opts: PublishOptions): Promise<PublishResult> {
  // Fail on a missing token, repository or base before anything is pushed.
  const token = opts.pr ? tokenFrom(opts.env) : undefined;
  const slug = opts.pr ? repoSlug(opts.env, await originUrl(opts.root)) : undefined;
  const apiUrl = opts.pr ? githubApiUrl(opts.env) : undefined;
  const base = opts.pr ? (opts.base ?? (await baseBranch(opts.root))) : undefined;
  const pushed = await commitAndPush({ root: opts.root, branch: opts.branch, files: opts.files, inputs: opts.inputs, message: opts.commitMessage, log: opts.log });
  if (!token || !slug || !base) return pushed;
  const deadline = startDeadline(opts.timeoutSeconds ?? DEFAULT_GITHUB_TIMEOUT_SECONDS);
  const gh = githubClient({ token, baseUrl: apiUrl, backoffMs: opts.backoffMs, log: opts.log, deadline });
  let pr: PullRequestResult;
  try {
    pr = await Promise.race([
      upsertPullRequest(gh, slug, {
        head: opts.branch,
        base,
        title: opts.title,
        body: opts.body,
        draft: opts.draft,
        labels: opts.labels,
        reviewers: opts.reviewers,
        teamReviewers: opts.teamReviewers,
      }, deadline),
      deadline.expired,
    ]);
  } finally {
    deadline.stop();
  }
  opts.log(`${pr.updated ? 'updated' : 'opened'} pull request #${pr.number}: ${pr.url}`);
  if (pr.reviewersRefused) opts.log(`warning: GitHub did not request the reviewers (${pr.reviewersRefused}); ask them on the pull request, or fix promotion.pullRequest in gitops.yaml`);
  return { ...pushed, pr };
}

/**
 * GITHUB_API_URL (GitHub Enterprise), refused when it carries a user name or password: the
 * token belongs in GITHUB_TOKEN, and a URL with credentials ends up in logs and error texts.
 */
function githubApiUrl(env: NodeJS.ProcessEnv): string | undefined {
  const url = env.GITHUB_API_URL?.trim() || undefined;
  if (url && hasUserinfo(url)) {
    throw new UserError(`GITHUB_API_URL carries credentials (${redactText(url)}); nothing was pushed`, {
      hint: 'Set GITHUB_API_URL to the plain API address (https://ghe.example.com/api/v3) and put the token in GITHUB_TOKEN.',
    });
  }
  return url;
}

/** The branch the run starts on; a detached HEAD has none to open the PR against. */
async function baseBranch(root: string): Promise<string> {
  const branch = await currentBranch(root);
  if (branch !== 'HEAD') return branch;
  throw new UserError('HEAD is detached, so there is no branch to open the pull request against', {
    hint: 'Check out the branch to promote on (git switch main), or set promotion.pullRequest.base in gitops.yaml.',
  });
}

export { repoSlug } from './repo-slug';
export { githubClient, tokenFrom } from './github-client';
export { headSha } from './git';
