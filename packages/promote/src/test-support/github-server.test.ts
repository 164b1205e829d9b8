import { describe, expect, it } from 'vitest';
import { startGitHubServer } from './github-server';

const TOKEN = 'ghs_contract';
const call = (url: string, method: string, path: string, body?: unknown) =>
  fetch(`${url}${path}`, { method, headers: { authorization: `token ${TOKEN}`, 'content-type': 'application/json' }, body: body === undefined ? undefined : JSON.stringify(body) });

describe('the local GitHub holds requests to the OpenAPI description', () => {
  it('answers a valid create with a response the description accepts', async () => {
    const server = await startGitHubServer({ owner: 'org', repo: 'values', token: TOKEN });
    const res = await call(server.url, 'POST', '/repos/org/values/pulls', { head: 'promote/a', base: 'main', title: 't', body: 'b', draft: true });
    expect(res.status).toBe(201);
    expect(await res.json()).toMatchObject({ number: 1, draft: true, head: { ref: 'promote/a' } });
    await server.close();
  });

  it('refuses a body, a query or a path parameter that GitHub would not take, and fails on close', async () => {
    const server = await startGitHubServer({ owner: 'org', repo: 'values', token: TOKEN });
    expect((await call(server.url, 'POST', '/repos/org/values/pulls', { head: 'x', base: 'main', draft: 'yes' })).status).toBe(400);
    expect((await call(server.url, 'GET', '/repos/org/values/pulls?state=opened')).status).toBe(400);
    expect((await call(server.url, 'PATCH', '/repos/org/values/pulls/abc', { title: 't' })).status).toBe(400);
    expect((await call(server.url, 'POST', '/repos/org/values/pulls/1/requested_reviewers', { reviewers: 'octocat' })).status).toBe(400);
    expect(server.violations).toEqual([
      expect.stringMatching(/^POST \/repos\/\{owner\}\/\{repo\}\/pulls body: \/draft must be boolean/),
      expect.stringMatching(/^GET \/repos\/\{owner\}\/\{repo\}\/pulls query state: .* must be equal to one of the allowed values/),
      expect.stringMatching(/^PATCH \/repos\/\{owner\}\/\{repo\}\/pulls\/\{pull_number\} path pull_number: .* must be integer/),
      expect.stringMatching(/^POST \/repos\/\{owner\}\/\{repo\}\/pulls\/\{pull_number\}\/requested_reviewers body: \/reviewers must be array/),
    ]);
    await expect(server.close()).rejects.toThrow(/broke GitHub's OpenAPI description/);
  });

  it('refuses a request without the token', async () => {
    const server = await startGitHubServer({ owner: 'org', repo: 'values', token: TOKEN });
    const res = await fetch(`${server.url}/repos/org/values/pulls`);
    expect(res.status).toBe(401);
    await server.close();
  });
});
