import { UserError } from '@helm-values-manager/core';

export interface RepoSlug {
  owner: string;
  repo: string;
}

/**
 * owner/repo from GITHUB_REPOSITORY (GitHub Actions sets it), else from the origin URL:
 * https://host/o/r(.git), git@host:o/r.git, ssh://git@host/o/r.git.
 */
export function repoSlug(env: NodeJS.ProcessEnv, originUrl: string | undefined): RepoSlug {
  const fromEnv = env.GITHUB_REPOSITORY?.match(/^([^/\s]+)\/([^/\s]+)$/);
  if (fromEnv) return { owner: fromEnv[1], repo: fromEnv[2] };
  const m = originUrl?.trim().match(/^(?:[a-z+]+:\/\/)?(?:[^@/]+@)?[^:/]+(?::\d+)?[:/](.+?)\/([^/]+?)(?:\.git)?\/?$/i);
  if (m) return { owner: m[1].split('/').pop() as string, repo: m[2] };
  throw new UserError('cannot tell which GitHub repository to open the pull request in', {
    hint: 'Set GITHUB_REPOSITORY=owner/repo, or give the repository an origin remote on GitHub.',
  });
}
