import { mkdirSync, mkdtempSync, realpathSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { insideRoot, isInside, realLocation } from './inside-root';
import { userErrorOf } from '../test-support/user-error-of';

describe('inside the repository', () => {
  const base = realpathSync(mkdtempSync(join(tmpdir(), 'hvm-inside-')));
  const root = join(base, 'repo');
  mkdirSync(join(root, 'apps'), { recursive: true });
  mkdirSync(join(base, 'repo-other'));
  symlinkSync(join(base, 'repo-other'), join(root, 'out'));

  it('follows links to the deepest existing folder and keeps the rest of the path', () => {
    expect(realLocation(join(root, 'out/new/file.yaml'))).toBe(join(base, 'repo-other/new/file.yaml'));
    expect(realLocation(join(root, 'apps/x.yaml'))).toBe(join(root, 'apps/x.yaml'));
  });

  it('takes the root itself and what is below it; refuses a sibling with the same prefix, a way up and a link out', () => {
    expect(isInside(root, root)).toBe(true);
    expect(isInside(root, join(root, 'apps/new/x.yaml'))).toBe(true);
    expect(isInside(root, join(base, 'repo-other/x'))).toBe(false);
    expect(isInside(root, base)).toBe(false);
    expect(isInside(root, join(root, 'out/x'))).toBe(false);
    expect(isInside(root, join(root, '..x'))).toBe(true);
  });

  it('names both real places when it refuses', () => {
    expect(insideRoot(root, 'apps/a.yaml', 'refusing to write')).toBe(join(root, 'apps/a.yaml'));
    expect(userErrorOf(() => insideRoot(root, 'out/a.yaml', 'refusing to write')).format()).toBe(
      `refusing to write out/a.yaml is outside the repository (${join(base, 'repo-other/a.yaml')} is not under ${root})\n  Nothing was written. Keep every path of gitops.yaml and every output folder inside the repository, and no symbolic link on the way pointing out of it.`,
    );
  });
});
