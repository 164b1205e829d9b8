import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { globFiles } from './file-glob';

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
