import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { globDirs, matchesGlob } from './glob';

describe('matchesGlob', () => {
  it('matches * within one folder, ** across folders, never hidden folders', () => {
    expect(matchesGlob('deployment/helm/billing', 'deployment/helm/*')).toBe(true);
    expect(matchesGlob('deployment/helm/a/billing', 'deployment/helm/*')).toBe(false);
    expect(matchesGlob('apps/team/billing', 'apps/**/billing')).toBe(true);
    expect(matchesGlob('apps/billing', 'apps/**/billing')).toBe(true);
    expect(matchesGlob('deployment/helm/.git', 'deployment/helm/*')).toBe(false);
    expect(matchesGlob('elsewhere/billing', 'deployment/helm/*')).toBe(false);
    expect(matchesGlob('deployment/helm/billing', 'deployment/helm/b?lling')).toBe(true);
    expect(matchesGlob('deployment/helm/bxxlling', 'deployment/helm/b?lling')).toBe(false);
    expect(matchesGlob('deployment/helm/a.b', 'deployment/helm/a.b')).toBe(true);
    expect(matchesGlob('deployment/helm/axb', 'deployment/helm/a.b')).toBe(false);
    expect(matchesGlob('apps/node_modules/x', 'apps/**')).toBe(false);
    expect(matchesGlob('./apps//x/', 'apps/*')).toBe(true);
    expect(matchesGlob('apps', 'apps/*')).toBe(false);
    expect(matchesGlob('apps/x/y', 'apps/**')).toBe(true);
    expect(matchesGlob('apps/x', './apps//*/')).toBe(true);
    expect(matchesGlob('apps', 'apps/**')).toBe(true);
    expect(matchesGlob('apps', 'apps/**/x')).toBe(false);
  });
});

describe('a glob names folders literally but for * and ?', () => {
  it('matches a folder whose name holds a character regular expressions treat specially, and nothing else', () => {
    for (const name of ['a+b', 'a^b', 'a$b', 'a{2}b', 'a(b)', 'a|b', 'a[b]', 'a\\b', 'a.b']) {
      expect(matchesGlob(`apps/${name}`, `apps/${name}`), name).toBe(true);
      for (const other of ['aab', 'ab', 'a', 'b']) expect(matchesGlob(`apps/${other}`, `apps/${name}`), `${other} for ${name}`).toBe(false);
    }
    expect(matchesGlob('apps/a+b/x', 'apps/a+*/?')).toBe(true);
  });
});

describe('globDirs', () => {
  const root = mkdtempSync(join(tmpdir(), 'hvm-glob-'));
  for (const d of ['deployment/helm/billing', 'deployment/helm/shop', 'deployment/helm/.hidden', 'deployment/helm/node_modules', 'apps/team/a1', 'apps/team/deep/b2', 'apps/c3']) mkdirSync(join(root, d), { recursive: true });
  writeFileSync(join(root, 'deployment/helm/file'), 'not a folder');

  it('finds folders by *, ? and **, sorted, never hidden folders, node_modules or files', () => {
    expect(globDirs(root, 'deployment/helm/*')).toEqual(['deployment/helm/billing', 'deployment/helm/shop']);
    expect(globDirs(root, './deployment//helm/sho?')).toEqual(['deployment/helm/shop']);
    expect(globDirs(root, 'deployment/helm/s.op')).toEqual([]);
    expect(globDirs(root, 'apps/**/?[0-9]')).toEqual([]);
    expect(globDirs(root, 'apps/**/a1')).toEqual(['apps/team/a1']);
    expect(globDirs(root, 'apps/**')).toEqual(['apps', 'apps/c3', 'apps/team', 'apps/team/a1', 'apps/team/deep', 'apps/team/deep/b2']);
    expect(globDirs(root, 'apps/team')).toEqual(['apps/team']);
    expect(globDirs(root, 'apps/nope')).toEqual([]);
    expect(globDirs(join(root, 'missing'), '*')).toEqual([]);
  });

  it('walks the folders a generator gives instead of the disk', () => {
    const tree: Record<string, string[]> = { [root]: ['x'], [join(root, 'x')]: ['y', '.git'] };
    expect(globDirs(root, '*/*', (d) => tree[d] ?? [])).toEqual(['x/y']);
    const unsorted: Record<string, string[]> = { [root]: ['b', 'a', 'c'] };
    expect(globDirs(root, '*', (d) => unsorted[d] ?? [])).toEqual(['a', 'b', 'c']);
  });
});
