import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { copyExampleWorkspace } from '../../../core/src/test-support/example-workspace';

export const STAGING = 'deployment/helm/alpha-members/values-staging.yaml';
export const PROD = 'deployment/helm/alpha-members/values-prod.yaml';

export const git = (cwd: string, ...args: string[]) => execFileSync('git', args, { cwd, encoding: 'utf8' }).trim();

/**
 * The example workspace in a git repository whose origin is a local bare repository, with a
 * release tag pinned in staging (as CI would), ready to promote to prod.
 */
export function exampleRepo(stagingTag = '1.4.2'): { dir: string; origin: string } {
  const origin = mkdtempSync(join(tmpdir(), 'hvm-origin-'));
  git(origin, 'init', '-q', '--bare', '-b', 'main');
  const dir = copyExampleWorkspace();
  const staging = join(dir, STAGING);
  writeFileSync(staging, readFileSync(staging, 'utf8').replace('tag: ""', `tag: "${stagingTag}"`));
  git(dir, 'init', '-q', '-b', 'main');
  git(dir, 'config', 'user.name', 'CI');
  git(dir, 'config', 'user.email', 'ci@example.com');
  git(dir, 'add', '-A');
  git(dir, 'commit', '-q', '-m', 'example workspace');
  git(dir, 'remote', 'add', 'origin', origin);
  git(dir, 'push', '-q', 'origin', 'main');
  return { dir, origin };
}
