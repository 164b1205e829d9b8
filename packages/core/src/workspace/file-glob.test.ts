import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { diskTree, globFiles, listedOnce } from './file-glob';

function tree(files: string[]): string {
  const root = mkdtempSync(join(tmpdir(), 'hvm-glob-'));
  for (const f of files) {
    mkdirSync(dirname(join(root, f)), { recursive: true });
    writeFileSync(join(root, f), '');
  }
  return root;
}

describe('globFiles', () => {
  const root = tree(['argocd/apps/a.yaml', 'argocd/apps/nested/b.yml', 'argocd/README.md', 'envs/dev/app.yaml', 'envs/prod/app.yaml', 'envs/prod/.hidden/x.yaml', 'one.yaml']);
  const yaml = ['.yaml', '.yml'];

  it('takes every YAML file inside a named folder, at any depth', () => {
    expect(globFiles(root, 'argocd', yaml)).toEqual(['argocd/apps/a.yaml', 'argocd/apps/nested/b.yml']);
  });

  it('matches files by glob, per-env folders included, never hidden ones', () => {
    expect(globFiles(root, 'envs/*/app.yaml', yaml)).toEqual(['envs/dev/app.yaml', 'envs/prod/app.yaml']);
    expect(globFiles(root, 'envs/**', yaml)).toEqual(['envs/dev/app.yaml', 'envs/prod/app.yaml']);
    expect(globFiles(root, '**/*.yml', yaml)).toEqual(['argocd/apps/nested/b.yml']);
  });

  it('names one file, or nothing when it does not exist', () => {
    expect(globFiles(root, 'one.yaml', yaml)).toEqual(['one.yaml']);
    expect(globFiles(root, 'missing/x.yaml', yaml)).toEqual([]);
  });
});

describe('globFiles, at the edges', () => {
  const root = tree(['argocd/top.yaml', 'argocd/README.md', 'argocd/apps/a.yaml', 'argocd/node_modules/x.yaml', 'envs/dev/app.json', 'envs/dev/app.yaml', '.argocd/hidden.yaml', 'one.yaml']);
  const yaml = ['.yaml', '.yml'];

  it('reads a pattern with ./ or a trailing slash as the folder it names', () => {
    for (const pattern of ['argocd', './argocd', 'argocd/', 'argocd//']) expect(globFiles(root, pattern, yaml), pattern).toEqual(['argocd/apps/a.yaml', 'argocd/top.yaml']);
    expect(globFiles(root, './one.yaml', yaml)).toEqual(['one.yaml']);
  });

  it('takes a hidden folder that the pattern names, and never node_modules', () => {
    expect(globFiles(root, '.argocd', yaml)).toEqual(['.argocd/hidden.yaml']);
    expect(globFiles(root, '**/*.yaml', yaml)).toEqual(['argocd/apps/a.yaml', 'argocd/top.yaml', 'envs/dev/app.yaml', 'one.yaml']);
  });

  it('takes the files a folder pattern matches directly, only with the extensions, unless the pattern names them', () => {
    expect(globFiles(root, 'argocd/**', yaml)).toEqual(['argocd/apps/a.yaml', 'argocd/top.yaml']);
    expect(globFiles(root, 'argocd/*', yaml)).toEqual(['argocd/apps/a.yaml', 'argocd/top.yaml']);
    expect(globFiles(root, 'envs/*/app.json', yaml)).toEqual(['envs/dev/app.json']);
    expect(globFiles(root, 'envs/*/*', yaml)).toEqual(['envs/dev/app.yaml']);
    expect(globFiles(root, 'envs', [])).toEqual(['envs/dev/app.json', 'envs/dev/app.yaml']);
  });

  it('sorts what a tree lists in any order, and lists each folder once through listedOnce', () => {
    const listing: Record<string, { name: string; dir: boolean }[]> = {
      '/t': [{ name: 'b', dir: true }, { name: 'a.yaml', dir: false }],
      '/t/b': [{ name: 'z.yaml', dir: false }, { name: 'c.yaml', dir: false }],
    };
    const asked: string[] = [];
    const once = listedOnce({ entries: (d) => (asked.push(d), listing[d] ?? []) });
    expect(globFiles('/t', '**', ['.yaml'], once)).toEqual(['a.yaml', 'b/c.yaml', 'b/z.yaml']);
    expect(globFiles('/t', '*', ['.yaml'], once)).toEqual(['a.yaml', 'b/c.yaml', 'b/z.yaml']);
    expect(asked).toEqual(['/t', '/t/b']);
    expect(diskTree.entries(join(root, 'nowhere'))).toEqual([]);
  });
});
