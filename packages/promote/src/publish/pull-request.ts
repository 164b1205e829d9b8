import { UserError } from '@hvm/core';
import type { GitHub } from './github-client';
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
export async function upsertPullRequest(gh: GitHub, slug: RepoSlug, spec: PullRequestSpec): Promise<PullRequestResult> {
  try {
    let pr = await findOpen(gh, slug, spec.head);
    let updated = false;
    if (pr) {
      await gh.rest.pulls.update({ ...slug, pull_number: pr.number, title: spec.title, body: spec.body });
      updated = true;
    } else {
      try {
        const created = await gh.rest.pulls.create({ ...slug, head: spec.head, base: spec.base, title: spec.title, body: spec.body, draft: spec.draft });
        pr = { number: created.data.number, url: created.data.html_url };
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
    const status = (e as { status?: number }).status;
    if (status === undefined) throw e;
    throw new UserError(`GitHub answered ${status} on ${describe(e)}: ${firstLine((e as Error).message)}`, {
      exitCode: 1,
      hint: 'The branch is pushed; running the same promotion again updates the same pull request (it never opens a second one).',
    });
  }
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
  const pr = data.find((p) => p.head.ref === branch);
  return pr ? { number: pr.number, url: pr.html_url } : undefined;
}

function describe(e: unknown): string {
  const req = (e as { request?: { method?: string; url?: string } }).request;
  return req ? `${req.method} ${new URL(req.url ?? '', 'https://x').pathname}` : 'a request';
}

const firstLine = (s: string) => s.split('\n')[0];
