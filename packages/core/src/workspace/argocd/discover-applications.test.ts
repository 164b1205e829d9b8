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

  it('reports what breaks an Application file, an Application or an ApplicationSet, and keeps reading', () => {
    const d = discover(
      {
        'argocd/broken.yaml': `${app('ok', `{repoURL: ${REPO}, path: charts/ok}`)}---\nkind: [\n`,
        'argocd/nosource.yaml': 'apiVersion: argoproj.io/v1alpha1\nkind: Application\nmetadata: {name: empty}\nspec:\n  destination: {namespace: x}\n',
        'argocd/prs.yaml': `apiVersion: argoproj.io/v1alpha1
kind: ApplicationSet
metadata:
  name: prs
spec:
  generators:
  - pullRequest:
      github: {owner: o, repo: r}
  template:
    metadata: {name: 'pr-{{number}}'}
    spec:
      project: default
      source: {repoURL: ${REPO}, path: app}
      destination: {server: https://kubernetes.default.svc, namespace: default}
`,
      },
      ['argocd'],
    );
    expect(d.applications.map((a) => a.name)).toEqual(['ok', 'empty']);
    expect(d.partial).toBe(true);
    expect(d.findings.map((f) => `${f.file}:${f.line}:${f.column} ${f.rule} ${f.severity} ${f.message}`)).toEqual([
      'argocd/broken.yaml:12:1 input error YAML syntax error: Flow sequence in block collection must be sufficiently indented and end with a ]',
      'argocd/nosource.yaml:5:3 argocd-application-unreadable error this Application has neither spec.source nor spec.sources',
      'argocd/prs.yaml:7:5 argocd-generator-unsupported warning the pullRequest generator needs a live service, so the Applications it generates are not known here',
    ]);
  });

  it('skips unread the files the caller says cannot matter', () => {
    const root = repo({ 'argocd/web.yaml': app('web', `{repoURL: ${REPO}, path: charts/web}`), 'argocd/api.yaml': app('api', `{repoURL: ${REPO}, path: charts/api}`) });
    const seen: string[] = [];
    const skip = (file: string, text: string) => {
      seen.push(`${file} ${text.includes('name: api')}`);
      return file.endsWith('api.yaml');
    };
    const d = discoverApplications({ repo: diskRepo(root, { repoURLs: [REPO], chartCaches: [] }), clusters: [], patterns: ['argocd'], patternsFile: 'gitops.yaml', skip });
    expect(seen).toEqual(['argocd/api.yaml true', 'argocd/web.yaml false']);
    expect(d.applications.map((a) => a.name)).toEqual(['web']);
    expect(d.files).toEqual(['argocd/web.yaml']);
  });

  it('reads the Applications an app-of-apps chart renders as rendered by it, in a file named after it', () => {
    const files = {
      'argocd/root.yaml': app('root', `{repoURL: ${REPO}, path: bootstrap}`),
      'bootstrap/Chart.yaml': 'apiVersion: v2\nname: bootstrap\nversion: 0.1.0\n',
      'bootstrap/templates/cm.yaml': 'kind: ConfigMap\n',
      'bootstrap/templates/apps.yaml': 'apiVersion: argoproj.io/v1alpha1\nkind: Application\n',
    };
    const rendered: string[] = [];
    const d = discover(files, ['argocd'], (plan) => {
      rendered.push(`${plan.app.name} ${plan.chart.kind === 'local' ? plan.chart.dir : ''}`);
      return app('web', `{repoURL: ${REPO}, path: charts/web}`);
    });
    expect(rendered).toEqual(['root bootstrap']);
    expect(d.findings).toEqual([]);
    expect(d.partial).toBe(false);
    expect(d.appOfApps.map((a) => a.name)).toEqual(['root']);
    expect(d.applications.map((a) => [a.name, a.file, a.renderedBy])).toEqual([
      ['root', 'argocd/root.yaml', undefined],
      ['web', 'bootstrap (rendered by root)', { application: 'root', chart: 'bootstrap' }],
    ]);
  });

  it('takes a chart for app-of-apps by its templates only, and skips a template it cannot read', () => {
    const root = repo({
      'argocd/plain.yaml': app('plain', `{repoURL: ${REPO}, path: plain}`),
      'plain/Chart.yaml': 'apiVersion: v2\nname: plain\nversion: 0.1.0\n',
      'plain/values.yaml': '# the chart deploys no\nkind: Application\n',
      'plain/templates/cm.yaml': 'kind: ConfigMap\n',
    });
    symlinkSync(join(root, 'nowhere.yaml'), join(root, 'plain/templates/gone.yaml'));
    const d = discoverApplications({ repo: diskRepo(root, { repoURLs: [REPO], chartCaches: [] }), clusters: [], patterns: ['argocd'], patternsFile: 'gitops.yaml' });
    expect(d.findings).toEqual([]);
    expect(d.appOfApps).toEqual([]);
    expect(d.plans.map((p) => p.app.name)).toEqual(['plain']);
  });

  it('follows directory paths with dots and sub-folders, never a source without a path, and never out of the repository', () => {
    const parent = mkdtempSync(join(tmpdir(), 'hvm-discover-up-'));
    mkdirSync(join(parent, 'outside'));
    writeFileSync(join(parent, 'outside/evil.yaml'), app('evil', `{repoURL: ${REPO}, path: charts/evil}`));
    const root = join(parent, 'repo');
    const files = {
      'argocd/root.yaml': app('root', `{repoURL: ${REPO}, path: team.apps/prod/}`),
      'argocd/bare.yaml': app('bare', `{repoURL: ${REPO}}`),
      'argocd/up.yaml': app('up', `{repoURL: ${REPO}, path: ../outside}`),
      'argocd/up-all.yaml': app('up-all', `{repoURL: ${REPO}, path: ../outside/, directory: {recurse: true}}`),
      'team.apps/prod/web.yaml': app('web', `{repoURL: ${REPO}, path: charts/web}`),
      'bare.yaml': app('stray', `{repoURL: ${REPO}, path: charts/stray}`),
      // what ../outside would read if it were taken for ./outside
      'outside/inner.yaml': app('inner', `{repoURL: ${REPO}, path: charts/inner}`),
    };
    for (const [f, text] of Object.entries(files)) {
      mkdirSync(dirname(join(root, f)), { recursive: true });
      writeFileSync(join(root, f), text);
    }
    const d = discoverApplications({ repo: diskRepo(root, { repoURLs: [REPO], chartCaches: [] }), clusters: [], patterns: ['argocd'], patternsFile: 'gitops.yaml' });
    expect(d.findings).toEqual([]);
    expect(d.applications.map((a) => a.name)).toEqual(['bare', 'root', 'up-all', 'up', 'web']);
  });

  it('applies the override files of a chart folder whose name has a dot', () => {
    const d = discover(
      {
        'argocd/web.yaml': app('web', `{repoURL: ${REPO}, path: ./charts/web.v2/}`),
        'charts/web.v2/Chart.yaml': 'apiVersion: v2\nname: web\nversion: 0.1.0\n',
        'charts/web.v2/.argocd-source.yaml': 'helm:\n  parameters:\n  - {name: image.tag, value: "2.0"}\n',
      },
      ['argocd'],
    );
    expect(d.findings).toEqual([]);
    expect(d.plans.map((p) => [p.chart, p.parameters.map((x) => `${x.name}=${x.value}`)])).toEqual([[{ kind: 'local', dir: 'charts/web.v2' }, ['image.tag=2.0']]]);
    expect(d.files).toEqual(['argocd/web.yaml', 'charts/web.v2/.argocd-source.yaml']);
  });
});
