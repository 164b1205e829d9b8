import { redactText, UserError } from '@helm-values-manager/core';
import type { Deadline, GitHub } from './github-client';
import type { RepoSlug } from './repo-slug';

export interface PullRequestSpec {
  head: string;
  base: string;
  title: string;
  body: string;
  draft: boolean;
  labels: string[];
  reviewers: string[];
  teamReviewers: string[];
}

export interface PullRequestResult {
  number: number;
  url: string;
  /** An open PR for the branch existed and was updated instead of opening another. */
  updated: boolean;
  /** Why GitHub would not request the configured reviewers, if it would not. */
  reviewersRefused?: string;
}

/** Update the open PR of this branch, or open one; then labels and reviewers. Never a duplicate. */
export async function upsertPullRequest(gh: GitHub, slug: RepoSlug, spec: PullRequestSpec, deadline?: Deadline): Promise<PullRequestResult> {
  try {
    let pr = await findOpen(gh, slug, spec.head);
    let updated = false;
    if (pr) {
      await gh.rest.pulls.update({ ...slug, pull_number: pr.number, title: spec.title, body: spec.body });
      updated = true;
    } else {
      try {
        const created = await gh.rest.pulls.create({ ...slug, head: spec.head, base: spec.base, title: spec.title, body: spec.body, draft: spec.draft });
        pr = pullOf(created.data, 'POST /pulls');
      } catch (e) {
        // another run opened it in between: update that one
        if ((e as { status?: number }).status !== 422 || !/already exists/i.test(String((e as Error).message))) throw e;
        pr = await findOpen(gh, slug, spec.head);
        if (!pr) throw e;
        await gh.rest.pulls.update({ ...slug, pull_number: pr.number, title: spec.title, body: spec.body });
        updated = true;
      }
    }
    if (spec.labels.length > 0) await gh.rest.issues.addLabels({ ...slug, issue_number: pr.number, labels: spec.labels });
    const reviewersRefused = spec.reviewers.length > 0 || spec.teamReviewers.length > 0 ? await requestReviewers(gh, slug, pr.number, spec) : undefined;
    return { number: pr.number, url: pr.url, updated, ...(reviewersRefused ? { reviewersRefused } : {}) };
  } catch (e) {
    throw asUserError(e, deadline);
  }
}

const RERUN = 'The branch is pushed; running the same promotion again updates the same pull request (it never opens a second one).';

/** What went wrong with a GitHub call, for people: the answer, a rate limit with its reset time, or no answer at all. */
function asUserError(e: unknown, deadline?: Deadline): unknown {
  if (e instanceof UserError) return e;
  const status = (e as { status?: number }).status;
  const response = (e as { response?: { headers?: Record<string, string | undefined> } }).response;
  const headers = response?.headers ?? {};
  const refused = deadline?.refusedWait;
  if ((status === 403 || status === 429) && (refused || headers['x-ratelimit-remaining'] === '0' || headers['retry-after'] !== undefined)) {
    const resetAt = headers['x-ratelimit-reset'] ? new Date(Number(headers['x-ratelimit-reset']) * 1000) : new Date(Date.now() + Number(headers['retry-after'] ?? refused?.seconds ?? 0) * 1000);
    const limit = refused?.kind ?? 'rate limit';
    const why = refused ? `waiting that long would pass the ${deadline?.seconds} s the promotion may take, so it stopped` : 'the retries ran out';
    return new UserError(`GitHub's ${limit} is used up until ${resetAt.toISOString()}; ${why}`, {
      exitCode: 1,
      hint: `Run the promotion again after ${resetAt.toISOString()} (or with a token that has quota left). ${RERUN}`,
    });
  }
  if (status !== undefined && response) {
    return new UserError(`GitHub answered ${status} on ${describe(e)}: ${redactText(firstLine((e as Error).message))}`, { exitCode: 1, hint: RERUN });
  }
  if (e instanceof TypeError || e instanceof SyntaxError) {
    // a body GitHub's API never sends (HTML from a proxy, a truncated JSON document)
    return new UserError(`GitHub's answer could not be read: ${redactText((e as Error).message)}`, { exitCode: 1, hint: `Check that GITHUB_API_URL points at a GitHub API (https://api.github.com, or https://HOST/api/v3), not a web page or a proxy's error page. ${RERUN}` });
  }
  // no answer at all: Octokit reports a failed fetch as a 500 without a response
  const cause = (e as { cause?: { cause?: { code?: string }; message?: string } }).cause;
  return new UserError(`cannot reach GitHub: ${redactText(cause?.cause?.code ?? (e as Error).message ?? String(e))}`, { exitCode: 1, hint: `Check GITHUB_API_URL and the network. ${RERUN}` });
}

/** A pull request from GitHub's answer, or a user error when the answer is not one. */
function pullOf(data: unknown, call: string): { number: number; url: string } {
  const d = data as { number?: unknown; html_url?: unknown } | null;
  if (typeof d !== 'object' || d === null || typeof d.number !== 'number' || typeof d.html_url !== 'string') malformed(call);
  return { number: d.number as number, url: d.html_url as string };
}

function malformed(call: string): never {
  throw new UserError(`GitHub's answer to ${call} is not what GitHub's API describes`, {
    exitCode: 1,
    hint: `Check that GITHUB_API_URL points at a GitHub API (https://api.github.com, or https://HOST/api/v3), not a web page or a proxy. ${RERUN}`,
  });
}

/**
 * GitHub refuses (422) reviewers who are not collaborators, the PR's own author, or teams the
 * token cannot see; the PR stands, so that is reported rather than failing the promotion.
 */
async function requestReviewers(gh: GitHub, slug: RepoSlug, pullNumber: number, spec: PullRequestSpec): Promise<string | undefined> {
  try {
    await gh.rest.pulls.requestReviewers({ ...slug, pull_number: pullNumber, reviewers: spec.reviewers, team_reviewers: spec.teamReviewers });
    return undefined;
  } catch (e) {
    if ((e as { status?: number }).status !== 422) throw e;
    return firstLine((e as Error).message);
  }
}

async function findOpen(gh: GitHub, slug: RepoSlug, branch: string): Promise<{ number: number; url: string } | undefined> {
  const { data } = await gh.rest.pulls.list({ ...slug, head: `${slug.owner}:${branch}`, state: 'open', per_page: 10 });
  if (!Array.isArray(data) || data.some((p) => typeof p?.head?.ref !== 'string')) malformed('GET /pulls');
  const pr = data.find((p) => p.head.ref === branch);
  return pr ? pullOf(pr, 'GET /pulls') : undefined;
}

function describe(e: unknown): string {
  const req = (e as { request?: { method?: string; url?: string } }).request;
  return req ? `${req.method} ${new URL(req.url ?? '', 'https://x').pathname}` : 'a request';
}

const firstLine = (s: string) => s.split('\n')[0];
