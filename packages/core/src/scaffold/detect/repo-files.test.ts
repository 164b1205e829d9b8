import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { gitOriginUrl, repoFiles, repoFileText } from './repo-files';

function tree(files: Record<string, string>): string {
  const root = mkdtempSync(join(tmpdir(), 'hvm-repo-files-'));
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(join(root, path, '..'), { recursive: true });
    writeFileSync(join(root, path), text);
  }
  return root;
}

describe('the files init reads to detect a layout', () => {
  it('lists the YAML files by their path from the root, skipping tool, dependency and hidden folders', () => {
    const root = tree({
      'gitops.yml': '',
      'apps/api/values.yaml': '',
      'apps/api/values-prod.yaml': '',
      'apps/api/Chart.yaml.bak': '',
      'apps/api/README.md': '',
      'argocd/api.yaml': '',
      ...Object.fromEntries(['node_modules', '.git', 'dist', '.nx', 'tmp', '.github'].map((d) => [`${d}/x.yaml`, ''])),
      'apps/dist-notes/values.yaml': '',
    });
    expect(repoFiles(root).sort()).toEqual(['apps/api/values-prod.yaml', 'apps/api/values.yaml', 'apps/dist-notes/values.yaml', 'argocd/api.yaml', 'gitops.yml']);
    // from a folder inside, still relative to the root
    expect(repoFiles(root, 'apps/api').sort()).toEqual(['apps/api/values-prod.yaml', 'apps/api/values.yaml']);
  });

  it("reads a file's text, and leaves out one over 1 MiB (no hand-written manifest is that large)", () => {
    const root = tree({ 'small.yaml': 'kind: Application\n', 'edge.yaml': 'x'.repeat(1024 * 1024), 'big.yaml': 'x'.repeat(1024 * 1024 + 1) });
    const text = repoFileText(root);
    expect(text('small.yaml')).toBe('kind: Application\n');
    expect(text('edge.yaml')?.length).toBe(1024 * 1024);
    expect(text('big.yaml')).toBeUndefined();
  });

  it("names the git remote origin's URL, and nothing outside git or without that remote", () => {
    const root = tree({ 'a.yaml': '' });
    expect(gitOriginUrl(root)).toBeUndefined();
    execFileSync('git', ['init', '-q', root]);
    expect(gitOriginUrl(root)).toBeUndefined();
    execFileSync('git', ['-C', root, 'remote', 'add', 'upstream', 'https://example.com/other.git']);
    expect(gitOriginUrl(root)).toBeUndefined();
    execFileSync('git', ['-C', root, 'remote', 'add', 'origin', 'https://github.com/acme/gitops.git']);
    expect(gitOriginUrl(root)).toBe('https://github.com/acme/gitops.git');
  });
});
