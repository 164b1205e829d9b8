import { describe, expect, it } from 'vitest';
import { repoSlug } from './repo-slug';

describe('repoSlug', () => {
  it.each([
    ['https://github.com/acme/gitops.git', 'acme', 'gitops'],
    ['https://github.com/acme/gitops', 'acme', 'gitops'],
    ['https://x-access-token@github.example.com/acme/gitops.git', 'acme', 'gitops'],
    ['git@github.com:acme/gitops.git', 'acme', 'gitops'],
    ['ssh://git@github.com/acme/gitops.git', 'acme', 'gitops'],
    ['ssh://git@ghe.example.com:2222/acme/gitops.git', 'acme', 'gitops'],
  ])('reads owner and repo from origin %s', (url, owner, repo) => {
    expect(repoSlug({}, url)).toEqual({ owner, repo });
  });

  it('prefers GITHUB_REPOSITORY, as GitHub Actions sets it', () => {
    expect(repoSlug({ GITHUB_REPOSITORY: 'org/values' }, 'git@github.com:fork/other.git')).toEqual({ owner: 'org', repo: 'values' });
  });

  it('says how to name the repository when origin is missing or not owner/repo', () => {
    for (const url of [undefined, '/tmp/bare-origin']) {
      expect(() => repoSlug({}, url)).toThrow(expect.objectContaining({ message: 'cannot tell which GitHub repository to open the pull request in', hint: expect.stringContaining('GITHUB_REPOSITORY=owner/repo'), exitCode: 2 }));
    }
  });
});
