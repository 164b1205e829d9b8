import { chmodSync, mkdtempSync, writeFileSync } from 'node:fs';
import { createServer, type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { loadWorkspace } from '@helm-values-manager/core';
import { branchName, commitMessage, prBody, prTitle } from '../format-plan';
import { computeEdits } from '../edits';
import { planPromotion } from '../plan';
import { rateLimitFault, startGitHubServer } from '../test-support/github-server';
import { exampleRepo, git } from '../test-support/git-repo';
import { publish } from './index';

const TOKEN = 'ghs_0123456789abcdefTESTTOKEN';
type Server = Awaited<ReturnType<typeof startGitHubServer>>;
let server: Server | undefined;
afterEach(async () => {
  const s = server;
  server = undefined;
  await s?.close();
});

const BRANCH = 'promote/staging-to-prod/alpha-members';

/** The token is in no log line and in nothing an error shows. */
function expectNoToken(log: string[], error?: unknown) {
  expect(log.join('\n')).not.toContain(TOKEN);
  if (error) expect(`${(error as Error).message} ${(error as { hint?: string }).hint ?? ''} ${(error as Error).stack}`).not.toContain(TOKEN);
}

async function setup(overrides: { env?: NodeJS.ProcessEnv; pr?: boolean; pathPrefix?: string; timeoutSeconds?: number } = {}) {
  const repo = exampleRepo();
  server = await startGitHubServer({ owner: 'org', repo: 'alpha-members', token: TOKEN, pathPrefix: overrides.pathPrefix });
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
      pr: overrides.pr ?? true,
      env: overrides.env ?? { GITHUB_TOKEN: TOKEN, GITHUB_API_URL: (server as Server).url, GITHUB_REPOSITORY: 'org/alpha-members' },
      log: (l) => log.push(l),
      backoffMs: 5,
      timeoutSeconds: overrides.timeoutSeconds,
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
    const message = git(repo.origin, 'log', '-1', '--format=%B', BRANCH);
    expect(message).toContain(`Promoted-From: staging@${git(repo.dir, 'rev-parse', 'HEAD')}`);
    expect(message).toMatch(/^Promoted-To: prod$/m);
    // prod's tag is its Application's helm parameter: the layer that sets it is what the PR changes.
    expect(git(repo.origin, 'diff', '--name-only', 'main', BRANCH)).toBe('argocd/applications/alpha-members-prod.yaml');
    expect(git(repo.dir, 'rev-parse', '--abbrev-ref', 'HEAD')).toBe('main');
    expectNoToken(log);
  });

  it('retries 5xx and rate limits with back-off', async () => {
    const { run, server } = await setup();
    server.faults.push({ method: 'POST', path: /\/pulls$/, status: 500, times: 2 });
    server.faults.push({ method: 'GET', path: /\/pulls$/, status: 403, times: 1, headers: { 'x-ratelimit-remaining': '0', 'x-ratelimit-limit': '5000', 'x-ratelimit-reset': String(Math.floor(Date.now() / 1000)) }, body: { message: 'API rate limit exceeded', documentation_url: 'https://docs.github.com/rest' } });
    server.faults.push({ method: 'POST', path: /\/labels$/, status: 429, times: 1, headers: { 'retry-after': '1' }, body: { message: 'You have exceeded a secondary rate limit. Please wait a few minutes before you try again.', documentation_url: 'https://docs.github.com/rest' } });
    const r = await run();
    expect(r.pr?.number).toBe(1);
    expect(server.requests.filter((q) => q.method === 'POST' && q.path.endsWith('/pulls'))).toHaveLength(3);
    expect(server.requests.filter((q) => q.method === 'POST' && q.path.endsWith('/labels'))).toHaveLength(2);
    expect(server.requests.filter((q) => q.method === 'GET')).toHaveLength(2);
    expect(server.pulls[0].labels).toEqual(['promotion', 'env/prod']);
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
    const { run, server, log } = await setup();
    server.faults.push({ method: 'POST', path: /\/pulls$/, status: 502, times: 10 });
    const error = await run().catch((e: unknown) => e);
    expect(error).toMatchObject({ message: expect.stringMatching(/GitHub answered 502 on POST \/repos\/org\/alpha-members\/pulls/), hint: expect.stringMatching(/running the same promotion again updates the same pull request/) });
    expect(server.requests.filter((q) => q.method === 'POST' && q.path.endsWith('/pulls'))).toHaveLength(4);
    expectNoToken(log, error);
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
  it('refuses a push when the branch moves on origin during the run (the lease), and calls no GitHub API', async () => {
    const { repo, run, server } = await setup();
    // between reading origin and pushing, someone creates the branch
    const hook = join(repo.dir, '.git/hooks/pre-push');
    writeFileSync(hook, `#!/bin/sh\ngit --git-dir="${repo.origin}" update-ref refs/heads/${BRANCH} "$(git --git-dir="${repo.origin}" rev-parse main)"\n`);
    chmodSync(hook, 0o755);
    await expect(run()).rejects.toThrow(new RegExp(`git push of ${BRANCH} was rejected`));
    expect(server.requests).toEqual([]);
    expect(git(repo.origin, 'rev-parse', BRANCH)).toBe(git(repo.origin, 'rev-parse', 'main'));
    expect(git(repo.dir, 'status', '--porcelain')).toBe('');
  });

  it('says how to set an author when git has none, and pushes nothing', async () => {
    const { repo, run, server } = await setup();
    git(repo.dir, 'config', '--unset', 'user.name');
    git(repo.dir, 'config', '--unset', 'user.email');
    // no global config either: a HOME of its own
    const home = process.env.HOME;
    process.env.HOME = mkdtempSync(join(tmpdir(), 'hvm-home-'));
    try {
      await expect(run()).rejects.toMatchObject({ message: 'git has no author identity to commit the promotion with', hint: expect.stringContaining('git config user.email'), exitCode: 2 });
    } finally {
      process.env.HOME = home;
    }
    expect(git(repo.origin, 'branch', '--list', BRANCH)).toBe('');
    expect(server.requests).toEqual([]);
  });

  it('needs a token for a PR, says where to set it, and pushes nothing', async () => {
    const { repo, run, server } = await setup({ env: { GITHUB_REPOSITORY: 'org/alpha-members' } });
    await expect(run()).rejects.toMatchObject({ message: 'no GitHub token to open the pull request with', hint: expect.stringContaining('GITHUB_TOKEN'), exitCode: 2 });
    expect(git(repo.origin, 'branch', '--list', BRANCH)).toBe('');
    expect(server.requests).toEqual([]);
  });

  it('keeps credentials in the origin URL out of errors', async () => {
    const { repo, run, log } = await setup();
    git(repo.dir, 'remote', 'set-url', 'origin', `https://x-access-token:${TOKEN}@127.0.0.1:9/org/alpha-members.git`);
    const error = await run().catch((e: unknown) => e);
    expect(error).toMatchObject({ message: expect.stringMatching(/^cannot reach the origin remote: .*127\.0\.0\.1/) });
    expectNoToken(log, error);
  });
  it('reaches GitHub Enterprise through GITHUB_API_URL', async () => {
    const { run, server } = await setup({ pathPrefix: '/api/v3' });
    const r = await run();
    expect(r.pr?.number).toBe(1);
    expect(server.requests.length).toBeGreaterThan(0);
    expect(server.requests.every((q) => q.path.startsWith('/api/v3/repos/org/alpha-members/'))).toBe(true);
  });

  it('keeps the PR when GitHub refuses a reviewer, and says so', async () => {
    const { run, server, log } = await setup();
    server.faults.push({ method: 'POST', path: /\/requested_reviewers$/, status: 422, times: 1, body: { message: 'Reviews may only be requested from collaborators. One or more of the users or teams you specified is not a collaborator of the org/alpha-members repository.', documentation_url: 'https://docs.github.com/rest/pulls/review-requests#request-reviewers-for-a-pull-request' } });
    const r = await run();
    expect(r.pr).toMatchObject({ number: 1, reviewersRefused: expect.stringContaining('Reviews may only be requested from collaborators') });
    expect(log.join('\n')).toMatch(/warning: GitHub did not request the reviewers .*; ask them on the pull request/);
    expect(server.pulls[0].labels).toEqual(['promotion', 'env/prod']);
  });

  it('refuses a detached HEAD without a configured base before pushing anything', async () => {
    const { repo, run, server } = await setup();
    git(repo.dir, 'checkout', '-q', '--detach');
    await expect(run()).rejects.toMatchObject({ message: expect.stringMatching(/^HEAD is detached/), hint: expect.stringContaining('promotion.pullRequest.base'), exitCode: 2 });
    expect(git(repo.origin, 'branch', '--list', BRANCH)).toBe('');
    expect(server.requests).toEqual([]);
  });

  it('stops waiting for a GitHub that never answers, with a message and exit 1, once the deadline has passed', async () => {
    const { run, server, log } = await setup({ timeoutSeconds: 1 });
    server.faults.push({ method: 'GET', path: /\/pulls$/, status: 200, times: 1, hang: true });
    const error = await run().catch((e: unknown) => e);
    expect(error).toMatchObject({ message: 'GitHub did not answer within 1 s; the promotion stopped waiting', exitCode: 1, hint: expect.stringContaining('promotion.pullRequest.timeoutSeconds') });
    expectNoToken(log, error);
    expect(server.pulls).toEqual([]);
  });

  it('does not sleep on a rate limit that resets in 24 h: it fails at once with the reset time', async () => {
    const { run, server } = await setup();
    const fault = rateLimitFault('GET', /\/pulls$/, 24 * 3600);
    server.faults.push(fault);
    const reset = new Date(Number(fault.headers?.['x-ratelimit-reset']) * 1000).toISOString();
    const error = await run().catch((e: unknown) => e);
    expect(error).toMatchObject({ message: `GitHub's rate limit is used up until ${reset}; waiting that long would pass the 300 s the promotion may take, so it stopped`, exitCode: 1, hint: expect.stringContaining(`after ${reset}`) });
    expect(server.requests.filter((q) => q.method === 'GET')).toHaveLength(1);
  });

  it('waits for a rate limit that resets within the deadline, then opens the PR', async () => {
    const { run, server } = await setup();
    server.faults.push(rateLimitFault('GET', /\/pulls$/, 2));
    expect((await run()).pr?.number).toBe(1);
  });

  it('says GitHub cannot be reached, as a user error, when nothing listens at GITHUB_API_URL', async () => {
    // a port that was free a moment ago: nothing listens there
    const port = await new Promise<number>((resolve) => {
      const probe = createServer().listen(0, '127.0.0.1', () => {
        const { port: p } = probe.address() as AddressInfo;
        probe.close(() => resolve(p));
      });
    });
    const { run } = await setup({ env: { GITHUB_TOKEN: TOKEN, GITHUB_REPOSITORY: 'org/alpha-members', GITHUB_API_URL: `http://127.0.0.1:${port}` } });
    await expect(run()).rejects.toMatchObject({ message: 'cannot reach GitHub: ECONNREFUSED', exitCode: 1, hint: expect.stringContaining('Check GITHUB_API_URL') });
  });

  it('reports a malformed answer (a proxy error page) as a user error that names GITHUB_API_URL', async () => {
    const { run, server } = await setup();
    server.faults.push({ method: 'GET', path: /\/pulls$/, status: 200, times: 1, raw: { contentType: 'text/html', text: '<html><body>Bad gateway</body></html>' } });
    await expect(run()).rejects.toMatchObject({ message: "GitHub's answer to GET /pulls is not what GitHub's API describes", exitCode: 1, hint: expect.stringContaining('GITHUB_API_URL') });
  });

  it('refuses credentials in GITHUB_API_URL before pushing, without printing them', async () => {
    const { repo, run, server } = await setup({ env: { GITHUB_TOKEN: TOKEN, GITHUB_REPOSITORY: 'org/alpha-members', GITHUB_API_URL: 'https://ci-bot:Sup3rS3cretPw!@ghe.example.com/api/v3' } });
    const error = await run().catch((e: unknown) => e);
    expect(error).toMatchObject({ message: 'GITHUB_API_URL carries credentials (https://<redacted>@ghe.example.com/api/v3); nothing was pushed', exitCode: 2 });
    expect(`${(error as Error).message} ${(error as { hint: string }).hint}`).not.toContain('Sup3rS3cretPw!');
    expect(git(repo.origin, 'branch', '--list', BRANCH)).toBe('');
    expect(server.requests).toEqual([]);
  });

  it("shows the server's reason when a hook refuses the push, not a moved branch", async () => {
    const { repo, run, server } = await setup();
    const hook = join(repo.origin, 'hooks/pre-receive');
    writeFileSync(hook, '#!/bin/sh\necho "GH006: Protected branch update failed: promotion branches need the release-approval check" >&2\nexit 1\n');
    chmodSync(hook, 0o755);
    const error = await run().catch((e: unknown) => e);
    expect(error).toMatchObject({ message: expect.stringContaining('GH006: Protected branch update failed: promotion branches need the release-approval check'), exitCode: 1 });
    expect((error as Error).message).toMatch(new RegExp(`^origin refused the push of ${BRANCH}`));
    expect((error as { hint: string }).hint).not.toMatch(/moved the branch/);
    expect(server.requests).toEqual([]);
  });
});
