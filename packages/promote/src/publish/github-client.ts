import { UserError } from '@helm-values-manager/core';
import type { Octokit as OctokitType } from '@octokit/rest';

export type GitHub = OctokitType;

export interface ClientOptions {
  token: string;
  /** GitHub Enterprise: GITHUB_API_URL. */
  baseUrl?: string;
  /** How often a 5xx or a rate limit is retried before the error is reported. */
  retries?: number;
  /**
   * Milliseconds per second of waiting: 1000 in production, where GitHub's retry-after and
   * rate-limit reset times, the 5xx back-off (1, 4, 9 s) and the pacing of writes are real
   * seconds; tests make it tiny.
   */
  backoffMs?: number;
  log?: (line: string) => void;
  /** The total time every call of this client may take, waits included. */
  deadline?: Deadline;
}

/**
 * The total time the GitHub calls of one pull request may take, waits for rate limits and
 * retries included: a server that never answers, or a limit that resets tomorrow, fails the
 * run with a message instead of holding a CI job for hours.
 */
export interface Deadline {
  seconds: number;
  /** Aborts the calls in flight when the time is up. */
  signal: AbortSignal;
  /** Milliseconds left. */
  left(): number;
  /** Set when a rate-limit wait was refused because it would end past the deadline. */
  refusedWait?: { kind: string; seconds: number };
}

export function startDeadline(seconds: number): Deadline & { expired: Promise<never>; stop(): void } {
  const controller = new AbortController();
  const end = Date.now() + seconds * 1000;
  let timer: NodeJS.Timeout | undefined;
  const expired = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      controller.abort();
      reject(
        new UserError(`GitHub did not answer within ${seconds} s; the promotion stopped waiting`, {
          exitCode: 1,
          hint: 'The branch is pushed. Check that GITHUB_API_URL points at a GitHub API that is up, then run the promotion again (it updates the same pull request); promotion.pullRequest.timeoutSeconds in gitops.yaml or --github-timeout sets how long to wait.',
        }),
      );
    }, seconds * 1000);
  });
  // Nobody may be listening when the work finishes first.
  expired.catch(() => undefined);
  return { seconds, signal: controller.signal, left: () => Math.max(0, end - Date.now()), expired, stop: () => clearTimeout(timer) };
}

/** The token from GITHUB_TOKEN or GH_TOKEN; it is passed to Octokit and never printed. */
export function tokenFrom(env: NodeJS.ProcessEnv): string {
  const token = env.GITHUB_TOKEN || env.GH_TOKEN;
  if (!token) throw new UserError('no GitHub token to open the pull request with', { hint: 'Set GITHUB_TOKEN (GitHub Actions provides it) or GH_TOKEN, or drop --pr to push the branch only.' });
  return token;
}

/** Octokit with back-off on 5xx (retry plugin) and on primary and secondary rate limits (throttling plugin). */
export function githubClient(opts: ClientOptions): GitHub {
  // ESM-only packages, loaded by require (Node 20.19+)
  const { Octokit } = require('@octokit/rest') as typeof import('@octokit/rest');
  const { retry } = require('@octokit/plugin-retry') as typeof import('@octokit/plugin-retry');
  const { throttling } = require('@octokit/plugin-throttling') as typeof import('@octokit/plugin-throttling');
  const Bottleneck = require('bottleneck/light') as typeof import('bottleneck').default;
  const retries = opts.retries ?? 3;
  const second = opts.backoffMs ?? 1000;
  const log = opts.log ?? (() => undefined);
  const onLimit = (kind: string) => (retryAfter: number, options: { method: string; url: string }, _o: unknown, retryCount: number) => {
    if (retryCount >= retries) return false;
    if (opts.deadline && retryAfter * second > opts.deadline.left()) {
      opts.deadline.refusedWait = { kind, seconds: retryAfter };
      return false;
    }
    log(`GitHub ${kind} on ${options.method} ${options.url}; retrying in ${retryAfter} s`);
    return true;
  };
  const Client = Octokit.plugin(retry, throttling);
  return new Client({
    auth: opts.token,
    baseUrl: opts.baseUrl ?? 'https://api.github.com',
    userAgent: 'gitops-promote',
    ...(opts.deadline ? { request: { signal: opts.deadline.signal } } : {}),
    retry: { retries, retryAfterBaseValue: second },
    throttle: {
      onRateLimit: onLimit('rate limit'),
      onSecondaryRateLimit: onLimit('secondary rate limit'),
      retryAfterBaseValue: second,
      // GitHub asks for a second between writes (three when they notify people)
      write: new Bottleneck.Group({ maxConcurrent: 1, minTime: second }),
      notifications: new Bottleneck.Group({ maxConcurrent: 1, minTime: 3 * second }),
    },
    log: { debug: () => undefined, info: () => undefined, warn: () => undefined, error: () => undefined },
  }) as unknown as GitHub;
}
