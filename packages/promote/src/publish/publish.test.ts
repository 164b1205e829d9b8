import { afterEach, describe, expect, it } from 'vitest';
import { loadWorkspace } from '@hvm/core';
import { branchName, commitMessage, prBody, prTitle } from '../format-plan';
import { computeEdits } from '../edits';
import { planPromotion } from '../plan';
import { startGitHubServer } from '../test-support/github-server';
import { exampleRepo, git } from '../test-support/git-repo';
import { publish } from './index';

const TOKEN = 'ghs_0123456789abcdefTESTTOKEN';
type Server = Awaited<ReturnType<typeof startGitHubServer>>;
let server: Server | undefined;
afterEach(async () => server?.close());

async function setup() {
  const repo = exampleRepo();
  server = await startGitHubServer({ owner: 'org', repo: 'alpha-members', token: TOKEN });
  const ws = loadWorkspace(repo.dir);
  const plan = planPromotion(ws, { from: 'staging', to: ['prod'] });
  const sha = git(repo.dir, 'rev-parse', 'HEAD');
  const log: string[] = [];
  const run = () =>
    publish({
      root: repo.dir,
      branch: branchName(plan),
      files: computeEdits(ws, plan),
      commitMessage: commitMessage(plan, sha),
      title: prTitle(plan),
      body: prBody(plan, { sourceSha: sha, validation: 'No problems found.' }),
      labels: ['promotion', 'env/prod'],
      reviewers: ['octocat'],
      teamReviewers: ['platform'],
      draft: false,
      pr: true,
      env: { GITHUB_TOKEN: TOKEN, GITHUB_API_URL: (server as Server).url, GITHUB_REPOSITORY: 'org/alpha-members' },
      log: (l) => log.push(l),
      backoffMs: 5,
    });
  return { repo, plan, run, log, server: server as Server };
}

describe('publish against the GitHub contract', () => {
  it('pushes the branch and opens one PR with labels and reviewers; a re-run pushes nothing and updates it', async () => {
    const { repo, run, log, server } = await setup();
    const first = await run();
    expect(first.pr).toMatchObject({ number: 1, updated: false });
    const second = await run();
    expect(second.pr).toMatchObject({ number: 1, updated: true });
    expect(second.commit).toBe(first.commit);
    expect(server.pulls).toHaveLength(1);
    expect(server.pulls[0]).toMatchObject({ head: 'promote/staging-to-prod/alpha-members', base: 'main', labels: ['promotion', 'env/prod'], reviewers: ['octocat'], teamReviewers: ['platform'] });
    expect(server.violations).toEqual([]);
    expect(git(repo.origin, 'rev-list', '--count', 'promote/staging-to-prod/alpha-members')).toBe('2');
    expect(git(repo.dir, 'status', '--porcelain')).toBe('');
    expect(log.join('\n')).not.toContain(TOKEN);
  });

  it('retries 5xx and rate limits with back-off', async () => {
    const { run, server } = await setup();
    server.faults.push({ method: 'POST', path: /\/pulls$/, status: 500, times: 2 });
    server.faults.push({ method: 'GET', path: /\/pulls$/, status: 403, times: 1, headers: { 'x-ratelimit-remaining': '0', 'x-ratelimit-limit': '5000', 'x-ratelimit-reset': String(Math.floor(Date.now() / 1000)) }, body: { message: 'API rate limit exceeded', documentation_url: 'https://docs.github.com/rest' } });
    const r = await run();
    expect(r.pr?.number).toBe(1);
    expect(server.requests.filter((q) => q.method === 'POST' && q.path.endsWith('/pulls'))).toHaveLength(3);
    expect(server.pulls).toHaveLength(1);
    expect(server.violations).toEqual([]);
  });

  it('updates the PR that another run opened in between (422 already exists)', async () => {
    const { run, server } = await setup();
    await run();
    // the lookup misses it once, so create answers 422 "A pull request already exists"
    server.faults.push({ method: 'GET', path: /\/pulls$/, status: 200, times: 1, body: [] });
    const r = await run();
    expect(r.pr).toMatchObject({ number: 1, updated: true });
    expect(server.pulls).toHaveLength(1);
  });

  it('says a re-run is safe when retries run out, and the re-run converges to one PR', async () => {
    const { run, server } = await setup();
    server.faults.push({ method: 'POST', path: /\/pulls$/, status: 502, times: 10 });
    await expect(run()).rejects.toThrow(/GitHub answered 502 on POST \/repos\/org\/alpha-members\/pulls/);
    await expect(run()).rejects.toMatchObject({ hint: expect.stringMatching(/running the same promotion again updates the same pull request/) });
    server.faults.length = 0;
    const r = await run();
    expect(r.pr?.number).toBe(1);
    expect(server.pulls).toHaveLength(1);
  });

  it('refuses to overwrite a branch someone else moved, and calls no GitHub API', async () => {
    const { repo, run, server } = await setup();
    await run();
    const other = exampleRepo().dir;
    git(other, 'fetch', '-q', repo.origin, 'promote/staging-to-prod/alpha-members');
    git(other, 'checkout', '-q', '-b', 'theirs', 'FETCH_HEAD');
    git(other, 'commit', '-q', '--allow-empty', '-m', 'a fix on the promotion branch');
    git(other, 'push', '-q', repo.origin, 'theirs:promote/staging-to-prod/alpha-members');
    const before = server.requests.length;
    await expect(run()).rejects.toThrow(/holds commits that gitops promote did not make; nothing was pushed/);
    expect(server.requests.length).toBe(before);
    expect(git(repo.origin, 'log', '-1', '--format=%s', 'promote/staging-to-prod/alpha-members')).toBe('a fix on the promotion branch');
  });
});
