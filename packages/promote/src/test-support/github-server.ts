import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { GitHubContract } from './openapi-contract';

export interface Fault {
  method: string;
  /** Matched against the request path. */
  path: RegExp;
  status: number;
  headers?: Record<string, string>;
  body?: unknown;
  /** How many matching requests get this answer. */
  times: number;
  /** Never answer: the request is read and the connection left open (a hung proxy or server). */
  hang?: boolean;
  /** Answer with this text instead of JSON (an HTML error page from a proxy); outside GitHub's contract on purpose. */
  raw?: { contentType: string; text: string };
}

/** GitHub's answer when the token's primary rate limit is used up until `resetInSeconds` from now. */
export function rateLimitFault(method: string, path: RegExp, resetInSeconds: number): Fault {
  const reset = Math.floor(Date.now() / 1000) + resetInSeconds;
  return {
    method,
    path,
    status: 403,
    times: 1,
    headers: { 'x-ratelimit-limit': '5000', 'x-ratelimit-remaining': '0', 'x-ratelimit-used': '5000', 'x-ratelimit-reset': String(reset), 'x-ratelimit-resource': 'core' },
    body: { message: 'API rate limit exceeded for installation ID 1.', documentation_url: 'https://docs.github.com/rest/overview/resources-in-the-rest-api#rate-limiting' },
  };
}

export interface StoredPull {
  number: number;
  head: string;
  base: string;
  title: string;
  body: string;
  draft: boolean;
  state: 'open' | 'closed';
  labels: string[];
  reviewers: string[];
  teamReviewers: string[];
}

let contract: GitHubContract | undefined;

/**
 * A stand-in for api.github.com on 127.0.0.1: pull requests in memory, every request and
 * response checked against GitHub's OpenAPI description (a mismatch is recorded in
 * `violations`, a bad request is answered 400, and `close()` fails), and faults injected on demand.
 */
export async function startGitHubServer(opts: { owner: string; repo: string; token: string; /** GitHub Enterprise serves the API under /api/v3. */ pathPrefix?: string }) {
  contract ??= new GitHubContract();
  const c = contract;
  const pulls: StoredPull[] = [];
  const faults: Fault[] = [];
  const violations: string[] = [];
  const requests: { method: string; path: string; authorization?: string }[] = [];

  const prBody = (p: StoredPull, simple: boolean) => {
    const base = c.example(simple ? 'pull-request-simple-items' : 'pull-request');
    const pr = simple ? base[0] : base;
    const url = `https://api.github.com/repos/${opts.owner}/${opts.repo}/pulls/${p.number}`;
    Object.assign(pr, { number: p.number, id: 1000 + p.number, url, html_url: `https://github.com/${opts.owner}/${opts.repo}/pull/${p.number}`, state: p.state, title: p.title, body: p.body, draft: p.draft });
    pr.head = { ...pr.head, ref: p.head, label: `${opts.owner}:${p.head}` };
    pr.base = { ...pr.base, ref: p.base, label: `${opts.owner}:${p.base}` };
    pr.labels = p.labels.map((name, i) => ({ ...c.example('label'), id: i + 1, name }));
    // GitHub's own example team lacks the `type` its schema requires
    const team = pr.requested_teams?.[0] ?? {};
    pr.requested_teams = p.teamReviewers.map((slug, i) => ({ ...team, id: i + 1, slug, name: slug, type: 'organization' }));
    const user = pr.user;
    pr.requested_reviewers = p.reviewers.map((login, i) => ({ ...user, id: i + 100, login }));
    return pr;
  };

  const handle = (method: string, url: URL, body: any): { status: number; body?: unknown; headers?: Record<string, string> } => {
    const prefix = `/repos/${opts.owner}/${opts.repo}`;
    const path = url.pathname;
    const number = Number(/\/(\d+)(\/|$)/.exec(path)?.[1]);
    const pull = pulls.find((p) => p.number === number);
    if (method === 'GET' && path === `${prefix}/pulls`) {
      const head = url.searchParams.get('head');
      const state = url.searchParams.get('state') ?? 'open';
      return { status: 200, body: pulls.filter((p) => (state === 'all' || p.state === state) && (!head || `${opts.owner}:${p.head}` === head)).map((p) => prBody(p, true)) };
    }
    if (method === 'POST' && path === `${prefix}/pulls`) {
      if (pulls.some((p) => p.state === 'open' && p.head === body.head)) {
        return { status: 422, body: { message: 'Validation Failed', errors: [{ resource: 'PullRequest', code: 'custom', message: `A pull request already exists for ${opts.owner}:${body.head}.` }], documentation_url: 'https://docs.github.com/rest/pulls/pulls#create-a-pull-request' } };
      }
      const p: StoredPull = { number: pulls.length + 1, head: body.head, base: body.base, title: body.title, body: body.body ?? '', draft: body.draft ?? false, state: 'open', labels: [], reviewers: [], teamReviewers: [] };
      pulls.push(p);
      return { status: 201, body: prBody(p, false) };
    }
    if (pull && method === 'PATCH' && path === `${prefix}/pulls/${number}`) {
      Object.assign(pull, { title: body.title ?? pull.title, body: body.body ?? pull.body });
      return { status: 200, body: prBody(pull, false) };
    }
    if (pull && method === 'POST' && path === `${prefix}/issues/${number}/labels`) {
      pull.labels = [...new Set([...pull.labels, ...body.labels])];
      return { status: 200, body: pull.labels.map((name, i) => ({ ...c.example('label'), id: i + 1, name })) };
    }
    if (pull && method === 'POST' && path === `${prefix}/pulls/${number}/requested_reviewers`) {
      pull.reviewers = [...new Set([...pull.reviewers, ...(body.reviewers ?? [])])];
      pull.teamReviewers = [...new Set([...pull.teamReviewers, ...(body.team_reviewers ?? [])])];
      return { status: 201, body: prBody(pull, true) };
    }
    return { status: 404, body: { message: 'Not Found', documentation_url: 'https://docs.github.com/rest' } };
  };

  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const chunks: Buffer[] = [];
    req.on('data', (d: Buffer) => chunks.push(d));
    req.on('end', () => {
      const url = new URL(req.url ?? '/', 'http://127.0.0.1');
      const prefix = opts.pathPrefix ?? '';
      if (!url.pathname.startsWith(`${prefix}/`)) {
        res.writeHead(404, { 'content-type': 'application/json; charset=utf-8' });
        return res.end(JSON.stringify({ message: `Not Found: the API is under ${prefix || '/'}` }));
      }
      url.pathname = url.pathname.slice(prefix.length);
      const method = req.method ?? 'GET';
      requests.push({ method, path: prefix + url.pathname, authorization: req.headers.authorization });
      const raw = Buffer.concat(chunks).toString('utf8');
      const body = raw ? JSON.parse(raw) : undefined;
      const send = (status: number, payload: unknown, headers: Record<string, string> = {}) => {
        res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', ...headers });
        res.end(payload === undefined ? '' : JSON.stringify(payload));
      };
      if (req.headers.authorization !== `token ${opts.token}` && req.headers.authorization !== `bearer ${opts.token}`) return send(401, { message: 'Bad credentials', documentation_url: 'https://docs.github.com/rest' });
      const problems = c.checkRequest(method, url, body);
      if (problems.length > 0) {
        violations.push(...problems);
        return send(400, { message: problems.join('; ') });
      }
      const fault = faults.find((f) => f.method === method && f.path.test(url.pathname) && f.times > 0);
      if (fault) {
        fault.times--;
        if (fault.hang) return;
        if (fault.raw) {
          res.writeHead(fault.status, { 'content-type': fault.raw.contentType });
          return res.end(fault.raw.text);
        }
        const payload = fault.body ?? { message: 'injected fault' };
        // 5xx and rate limits can answer any operation; a status the operation documents must match its schema
        if (c.documents(method, url.pathname, fault.status)) violations.push(...c.checkResponse(method, url.pathname, fault.status, payload));
        return send(fault.status, payload, fault.headers);
      }
      const answer = handle(method, url, body);
      const bad = c.checkResponse(method, url.pathname, answer.status, answer.body);
      if (bad.length > 0) violations.push(...bad);
      send(answer.status, answer.body, answer.headers);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}${opts.pathPrefix ?? ''}`,
    pulls,
    faults,
    violations,
    requests,
    /** Stops the server; fails if anything broke GitHub's contract, so no test can miss it. */
    close: async () => {
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      // requests a hanging fault never answered
      server.closeAllConnections();
      await closed;
      if (violations.length > 0) throw new Error(`requests or responses broke GitHub's OpenAPI description:\n${violations.join('\n')}`);
    },
  };
}
