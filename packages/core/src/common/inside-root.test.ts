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

  it.each([
    ["Node's realpath", realpathSync],
    ["the system's realpath", realpathSync.native],
  ])('takes the root itself and what is below it; refuses a sibling with the same prefix, a way up and a link out (%s)', (_, realpath) => {
    expect(isInside(root, root, realpath)).toBe(true);
    expect(isInside(root, join(root, 'apps/new/x.yaml'), realpath)).toBe(true);
    expect(isInside(root, join(base, 'repo-other/x'), realpath)).toBe(false);
    expect(isInside(root, base, realpath)).toBe(false);
    expect(isInside(root, join(root, 'out/x'), realpath)).toBe(false);
    expect(isInside(root, join(root, '..x'), realpath)).toBe(true);
    expect(realLocation(join(root, 'out/new/file.yaml'), realpath)).toBe(join(base, 'repo-other/new/file.yaml'));
  });

  it('names both real places when it refuses', () => {
    expect(insideRoot(root, 'apps/a.yaml', 'refusing to write')).toBe(join(root, 'apps/a.yaml'));
    expect(userErrorOf(() => insideRoot(root, 'out/a.yaml', 'refusing to write')).format()).toBe(
      `refusing to write out/a.yaml is outside the repository (${join(base, 'repo-other/a.yaml')} is not under ${root})\n  Nothing was written. Keep every path of gitops.yaml and every output folder inside the repository, and no symbolic link on the way pointing out of it.`,
    );
  });
});
