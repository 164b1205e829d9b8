import { mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { discoverApplications, type ChartRenderer } from './discover-applications';
import { diskRepo } from './repo-context';

const REPO = 'https://github.com/example/gitops.git';

function repo(files: Record<string, string>) {
  const root = mkdtempSync(join(tmpdir(), 'hvm-discover-'));
  for (const [f, text] of Object.entries(files)) {
    mkdirSync(dirname(join(root, f)), { recursive: true });
    writeFileSync(join(root, f), text);
  }
  return root;
}

function discover(files: Record<string, string>, patterns: string[], renderChart?: ChartRenderer) {
  const root = repo(files);
  return discoverApplications({ repo: diskRepo(root, { repoURLs: [REPO], chartCaches: [] }), clusters: [], patterns, patternsFile: 'gitops.yaml', ...(renderChart ? { renderChart } : {}) });
}

const app = (name: string, source: string, namespace = 'argocd') => `apiVersion: argoproj.io/v1alpha1
kind: Application
metadata:
  name: ${name}
  namespace: ${namespace}
spec:
  project: default
  source: ${source}
  destination: {server: https://kubernetes.default.svc, namespace: ${name}}
`;

describe('discoverApplications', () => {
  it('reads the files the patterns name, YAML and JSON, and says which pattern matches nothing', () => {
    const d = discover(
      {
        'argocd/web.yaml': app('web', `{repoURL: ${REPO}, path: charts/web}`),
        'argocd/api.yml': app('api', `{repoURL: ${REPO}, path: charts/api}`),
        'argocd/README.md': 'kind: Application\n',
        'argocd/db.json': JSON.stringify({ apiVersion: 'argoproj.io/v1alpha1', kind: 'Application', metadata: { name: 'db' }, spec: { source: { repoURL: REPO, path: 'charts/db' }, destination: {} } }),
        'extra/one.txt': app('one', `{repoURL: ${REPO}, path: charts/one}`),
      },
      ['argocd/*', 'extra/one.txt', 'missing/*.yaml'],
    );
    expect(d.applications.map((a) => a.name)).toEqual(['api', 'db', 'web', 'one']);
    expect(d.files).toEqual(['argocd/api.yml', 'argocd/db.json', 'argocd/web.yaml', 'extra/one.txt']);
    expect(d.documents.map((x) => `${x.kind} ${x.name} ${x.file}`)).toEqual(['Application api argocd/api.yml', 'Application db argocd/db.json', 'Application web argocd/web.yaml', 'Application one extra/one.txt']);
    expect(d.findings).toEqual([
      { rule: 'argocd-applications-none', severity: 'error', message: 'argocd.applications "missing/*.yaml" matches no file', file: 'gitops.yaml', line: 0, column: 0, hint: 'Fix the glob (folders are read recursively; ** spans folders), or remove it.' },
    ]);
    expect(d.partial).toBe(false);
  });

  it('reports a file it cannot read, and reads the others', () => {
    const root = repo({ 'argocd/web.yaml': app('web', `{repoURL: ${REPO}, path: charts/web}`) });
    symlinkSync(join(root, 'nowhere.yaml'), join(root, 'argocd/broken.yaml'));
    const d = discoverApplications({ repo: diskRepo(root, { repoURLs: [REPO], chartCaches: [] }), clusters: [], patterns: ['argocd'], patternsFile: 'gitops.yaml' });
    expect(d.applications.map((a) => a.name)).toEqual(['web']);
    expect(d.files).toEqual(['argocd/web.yaml']);
    expect(d.findings).toEqual([{ rule: 'input', severity: 'error', message: 'cannot read the file (ENOENT)', file: 'argocd/broken.yaml', line: 0, column: 0, hint: 'Check that it is readable.' }]);
  });

  it('reads a file named by two patterns once, and refuses a second Application of one name and namespace', () => {
    const d = discover(
      {
        'argocd/a.yaml': app('web', `{repoURL: ${REPO}, path: charts/web}`),
        'argocd/b.yaml': app('web', `{repoURL: ${REPO}, path: charts/other}`),
        'argocd/c.yaml': app('web', `{repoURL: ${REPO}, path: charts/team}`, 'team'),
      },
      ['argocd', 'argocd/a.yaml'],
    );
    expect(d.applications.map((a) => `${a.namespace}/${a.name} ${a.sources[0].path}`)).toEqual(['argocd/web charts/web', 'team/web charts/team']);
    expect(d.findings).toEqual([
      { rule: 'argocd-application-unreadable', severity: 'error', message: 'two Applications are named "web" (the other is in argocd/a.yaml)', file: 'argocd/b.yaml', line: 4, column: 9, hint: 'Argo CD keeps only one of them: rename one.' },
    ]);
  });

  it('follows a directory Application of this repository to the Applications it applies, recursing only with directory.recurse', () => {
    const files = {
      'argocd/root.yaml': app('root', `{repoURL: ${REPO}, path: ./apps/}`),
      'argocd/all.yaml': app('all', `{repoURL: ${REPO}, path: nested, directory: {recurse: true}}`),
      'argocd/other.yaml': app('other', `{repoURL: https://github.com/other/repo.git, path: foreign}`),
      'argocd/up.yaml': app('up', `{repoURL: ${REPO}, path: ../outside}`),
      'apps/web.yaml': app('web', `{repoURL: ${REPO}, path: charts/web}`),
      'apps/notes.txt': app('txt', `{repoURL: ${REPO}, path: charts/txt}`),
      'apps/sub/deep.yaml': app('deep', `{repoURL: ${REPO}, path: charts/deep}`),
      'nested/a/b.yaml': app('b', `{repoURL: ${REPO}, path: charts/b}`),
      'foreign/f.yaml': app('f', `{repoURL: ${REPO}, path: charts/f}`),
    };
    const d = discover(files, ['argocd']);
    expect(d.findings).toEqual([]);
    expect(d.applications.map((a) => a.name)).toEqual(['all', 'other', 'root', 'up', 'b', 'web']);
    expect(d.plans).toEqual([]);
  });

  it('follows a directory Application at the repository root with recurse', () => {
    const d = discover({ 'argocd/root.yaml': app('root', `{repoURL: ${REPO}, path: ., directory: {recurse: true}}`), 'x/y.yaml': app('deep', `{repoURL: ${REPO}, path: charts/y}`), 'top.yaml': app('top', `{repoURL: ${REPO}, path: charts/t}`) }, ['argocd/root.yaml']);
    expect(d.findings).toEqual([]);
    expect(d.applications.map((a) => a.name)).toEqual(['root', 'top', 'deep']);
    const flat = discover({ 'argocd/root.yaml': app('root', `{repoURL: ${REPO}, path: ./}`), 'x/y.yaml': app('deep', `{repoURL: ${REPO}, path: charts/y}`), 'top.yaml': app('top', `{repoURL: ${REPO}, path: charts/t}`) }, ['argocd/root.yaml']);
    expect(flat.applications.map((a) => a.name)).toEqual(['root', 'top']);
  });

  it('warns that the Applications an app-of-apps chart creates are unknown without helm, or when helm fails, at the source path', () => {
    const files = {
      'argocd/root.yaml': app('root', `\n    repoURL: ${REPO}\n    path: bootstrap`),
      'bootstrap/Chart.yaml': 'apiVersion: v2\nname: bootstrap\nversion: 0.1.0\n',
      'bootstrap/templates/apps.yaml': 'apiVersion: argoproj.io/v1alpha1\nkind: "Application"\nmetadata: {name: {{ .Values.name }}}\n',
      'plain/Chart.yaml': 'apiVersion: v2\nname: plain\nversion: 0.1.0\n',
      'plain/templates/cm.yaml': 'kind: ConfigMap\n# kind: Application is only mentioned\n',
      'argocd/plain.yaml': app('plain', `{repoURL: ${REPO}, path: plain}`),
    };
    const without = discover(files, ['argocd']);
    expect(without.partial).toBe(true);
    expect(without.appOfApps.map((a) => a.name)).toEqual(['root']);
    expect(without.plans.map((p) => `${p.app.name} ${p.chart.kind}`)).toEqual(['plain local', 'root local']);
    expect(without.findings).toEqual([
      {
        rule: 'argocd-application-unreadable',
        severity: 'warning',
        message:
          'Application "root" renders chart bootstrap, which creates Applications (app-of-apps), but no helm is available to render it: the Applications it creates are not read, so their values, validate, lint, diff and promotion are not checked, and the envs they deploy may look undeployed',
        file: 'argocd/root.yaml',
        line: 10,
        column: 11,
        app: 'root',
        hint: 'Install helm on PATH, name one with helm.binary in gitops.yaml (or --helm), or list the Applications it creates under argocd.applications.',
      },
    ]);
    const failing = discover(files, ['argocd'], () => new Error('template: bootstrap/templates/apps.yaml:3: bad\nmore detail'));
    expect(failing.partial).toBe(true);
    expect(failing.findings).toEqual([
      {
        rule: 'argocd-application-unreadable',
        severity: 'warning',
        message: 'Application "root" creates Applications from chart bootstrap, but helm cannot render it: template: bootstrap/templates/apps.yaml:3: bad',
        file: 'argocd/root.yaml',
        line: 10,
        column: 11,
        app: 'root',
        hint: 'Fix the chart or its values; until then the Applications it creates are not checked.',
      },
    ]);
  });
});
