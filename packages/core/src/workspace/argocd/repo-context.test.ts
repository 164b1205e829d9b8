import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { discoverListedApplications, listedRepo } from './listed-repo';
import { diskRepo, normalizeRepoURL } from './repo-context';

describe('normalizeRepoURL', () => {
  it('reads the URLs Argo CD accepts for one repository as one', () => {
    const forms = [
      'https://github.com/Org/Repo.git',
      'https://github.com/Org/Repo',
      'https://github.com/Org/Repo/',
      'http://GitHub.com/Org/Repo.git',
      'https://user:token@github.com/Org/Repo.git',
      'ssh://git@github.com/Org/Repo.git',
      'ssh://git@github.com:22/Org/Repo.git',
      'git@github.com:Org/Repo.git',
      '  git+ssh://git@github.com/Org/Repo  ',
    ];
    expect(new Set(forms.map(normalizeRepoURL))).toEqual(new Set(['github.com/Org/Repo']));
    // The path keeps its case: hosts are case-insensitive, paths need not be.
    expect(normalizeRepoURL('https://github.com/org/repo')).not.toBe(normalizeRepoURL('https://github.com/Org/Repo'));
    expect(normalizeRepoURL('https://charts.example.com')).toBe('charts.example.com');
    expect(normalizeRepoURL('HTTPS://Charts.Example.com/')).toBe('charts.example.com');
    // Only a whole trailing .git, trailing slashes, a user before the host and a port after it go.
    expect(
      ['https://github.com/org/my.gitops', 'https://github.com/org/repo//', 'https://github.com/org/repo@main', 'Git.Example.com:8443', 'file:///srv/Git/Repo.git'].map(normalizeRepoURL),
    ).toEqual(['github.com/org/my.gitops', 'github.com/org/repo', 'github.com/org/repo@main', 'git.example.com:8443', '/srv/Git/Repo']);
  });
});

describe('the repository as Argo CD sees it', () => {
  const files = ['argocd/web.yaml', 'charts/web/Chart.yaml', 'charts/web/values.yaml', 'charts/web/templates/a.yaml', 'README.md'];
  const text: Record<string, string> = {
    'argocd/web.yaml': 'apiVersion: argoproj.io/v1alpha1\nkind: Application\nmetadata: {name: web}\nspec:\n  source: {repoURL: "git@github.com:org/gitops.git", path: charts/web}\n',
    'charts/web/Chart.yaml': 'name: web\n',
    'charts/web/values.yaml': 'a: 1\n',
    'charts/web/templates/a.yaml': '',
    'README.md': 'argoproj.io is mentioned here\n',
  };

  it('answers the same on disk and from a list of files', () => {
    const root = mkdtempSync(join(tmpdir(), 'hvm-repo-'));
    for (const f of [...files, '.hidden/x.yaml', 'node_modules/m/x.yaml']) {
      mkdirSync(join(root, f, '..'), { recursive: true });
      writeFileSync(join(root, f), text[f] ?? '');
    }
    const disk = diskRepo(root, { repoURLs: ['https://github.com/org/gitops'], chartCaches: ['vendor'] });
    const listed = listedRepo({ files, read: (f) => text[f] }, ['https://github.com/org/gitops'], ['vendor']);
    for (const repo of [disk, listed]) {
      expect(repo.isThisRepo('git@github.com:org/gitops.git')).toBe(true);
      expect(repo.isThisRepo('git@github.com:org/gitops.git')).toBe(true);
      expect(repo.isThisRepo('https://github.com/org/other')).toBe(false);
      expect(['charts/web', 'charts/web/Chart.yaml', 'charts/nope', ''].map((p) => repo.kind(p))).toEqual(['dir', 'file', undefined, 'dir']);
      expect(repo.glob('charts/web')).toEqual(['charts/web/Chart.yaml', 'charts/web/templates/a.yaml', 'charts/web/values.yaml']);
      expect(repo.glob('/charts/*/Chart.yaml')).toEqual(['charts/web/Chart.yaml']);
      expect(repo.dirs()).toEqual(['argocd', 'charts', 'charts/web', 'charts/web/templates']);
      expect(repo.read('charts/web/values.yaml')).toBe('a: 1\n');
      expect(repo.chartCaches).toEqual(['vendor']);
      expect(() => repo.read('missing.yaml')).toThrow(expect.objectContaining({ code: 'ENOENT' }));
    }
  });

  it('finds the Applications of a listed repository, reading only files that name an Argo CD kind', () => {
    const read: string[] = [];
    const d = discoverListedApplications(files, (f) => (read.push(f), text[f]), 'https://github.com/org/gitops.git');
    expect(d.applications.map((a) => a.name)).toEqual(['web']);
    expect(d.plans.map((p) => p.chart)).toEqual([{ kind: 'local', dir: 'charts/web' }]);
    expect(d.files).toEqual(['argocd/web.yaml']);
    // Without the repository's URL its own sources are another repository's: not known to be charts.
    const unknown = discoverListedApplications(files, (f) => text[f]);
    expect(unknown.applications.map((a) => a.name)).toEqual(['web']);
    expect(unknown.plans).toEqual([]);
  });

  it('reads listed YAML and JSON files at any depth, the top level included, and no other file', () => {
    const app = (name: string) => `apiVersion: argoproj.io/v1alpha1\nkind: Application\nmetadata: {name: ${name}}\nspec:\n  source: {repoURL: x, path: charts/${name}}\n`;
    const listed: Record<string, string> = { 'top.yml': app('top'), 'argocd/web.json': JSON.stringify({ apiVersion: 'argoproj.io/v1alpha1', kind: 'Application', metadata: { name: 'web' }, spec: { source: { repoURL: 'x', path: 'charts/web' } } }), 'old/api.yaml.bak': app('api'), 'notes.txt': app('notes') };
    const d = discoverListedApplications(Object.keys(listed), (f) => listed[f]);
    expect(d.files).toEqual(['top.yml', 'argocd/web.json']);
    expect(d.applications.map((a) => a.name)).toEqual(['top', 'web']);
    expect(listedRepo({ files: Object.keys(listed), read: (f) => listed[f] }, []).glob('*')).toEqual(['argocd/web.json', 'notes.txt', 'old/api.yaml.bak', 'top.yml']);
  });
});
