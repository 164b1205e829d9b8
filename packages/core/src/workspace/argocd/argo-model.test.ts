import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../config';
import { appOfAppsRenderer, emptyArgoModel, loadArgoModel, type HelmRunner } from './argo-model';
import { planHelmSource } from './helm-source-plan';
import type { ApplicationSpec } from './application-spec';

// What Argo CD deploys from a repository, as the workspace loads it: Applications, their
// deployments, and each finding filed under the app and env it is about.
const REPO = 'https://github.com/example/gitops.git';
const CONFIG = `apps: charts/*
argocd:
  repoURL: ${REPO}
  repoURLs: [git@github.com:example/gitops-mirror.git]
environments:
  - name: dev
    namespace: development
  - name: prod
    namespace: production
clusters:
  - name: in-cluster
    server: https://kubernetes.default.svc
  - name: eu
    server: https://eu.example.com
    labels: {region: eu}
`;
const CHART = 'apiVersion: v2\nname: web\nversion: 1.0.0\n';
const app = (name: string, namespace: string, source: string) =>
  `apiVersion: argoproj.io/v1alpha1\nkind: Application\nmetadata: {name: ${name}, namespace: argocd}\nspec:\n  project: default\n  source: ${source}\n  destination: {server: https://kubernetes.default.svc, namespace: ${namespace}}\n`;

function repo(files: Record<string, string>) {
  const root = mkdtempSync(join(tmpdir(), 'hvm-argo-model-'));
  for (const [f, text] of Object.entries(files)) {
    mkdirSync(dirname(join(root, f)), { recursive: true });
    writeFileSync(join(root, f), text);
  }
  return root;
}

describe('the Argo CD model of a workspace', () => {
  it('files each finding of an Application under the app and env it deploys, and reads the aliases of the repository URL', () => {
    const root = repo({
      'gitops.yaml': CONFIG,
      'charts/web/Chart.yaml': CHART,
      'argocd/applications/web-prod.yaml': app('web-prod', 'production', `{repoURL: ${REPO}, path: charts/web, helm: {valueFiles: [values-prod.yaml]}}`),
      'argocd/applications/web-dev.yaml': app('web-dev', 'development', `{repoURL: 'https://github.com/example/gitops-mirror', path: charts/web}`),
      'argocd/applications/odd.yaml': app('odd', 'elsewhere', `{repoURL: ${REPO}, path: charts/web, helm: {valueFiles: [gone.yaml]}}`),
    });
    const model = loadArgoModel(root, loadConfig(root).config);
    expect(model.deployments.map((d) => `${d.application}: ${d.app} ${d.env ?? '-'} ${d.plan.chart.kind}`)).toEqual(['odd: odd - local', 'web-dev: web dev local', 'web-prod: web prod local']);
    expect(model.findings.map((f) => `${f.file}:${f.line}:${f.column} ${f.rule} app=${f.app} env=${f.env ?? '-'}`)).toEqual([
      'argocd/applications/odd.yaml:6:98 argocd-value-file-missing app=odd env=-',
      'argocd/applications/web-prod.yaml:6:98 argocd-value-file-missing app=web env=prod',
      'argocd/applications/odd.yaml:3:18 argocd-env-unknown app=odd env=-',
    ]);
  });

  it('reads the default Applications folder only when it exists, and reports a declared pattern that matches nothing', () => {
    const root = repo({ 'gitops.yaml': CONFIG, 'charts/web/Chart.yaml': CHART });
    const quiet = loadArgoModel(root, loadConfig(root).config);
    expect(quiet.findings).toEqual([]);
    expect(quiet.deployments).toEqual([]);
    writeFileSync(join(root, 'gitops.yaml'), CONFIG.replace('argocd:\n', 'argocd:\n  applications: [deploy/apps]\n'));
    const declared = loadArgoModel(root, loadConfig(root).config);
    expect(declared.findings).toEqual([
      { rule: 'argocd-applications-none', severity: 'error', message: 'argocd.applications "deploy/apps" matches no file', file: 'gitops.yaml', line: 0, column: 0, hint: 'Fix the glob (folders are read recursively; ** spans folders), or remove it.' },
    ]);
  });

  it('hands the cluster generator the declared clusters with their labels, and skips the files of other apps in a scoped run', () => {
    const root = repo({
      'gitops.yaml': CONFIG,
      'charts/web/Chart.yaml': CHART,
      'charts/api/Chart.yaml': CHART.replace('web', 'api'),
      'argocd/applications/api-prod.yaml': app('api-prod', 'production', `{repoURL: ${REPO}, path: charts/api}`),
      'argocd/applications/set.yaml': `apiVersion: argoproj.io/v1alpha1
kind: ApplicationSet
metadata: {name: web}
spec:
  generators:
  - clusters: {selector: {matchLabels: {region: eu}}}
  template:
    metadata: {name: 'web-{{name}}'}
    spec:
      project: default
      source: {repoURL: ${REPO}, path: charts/web}
      destination: {server: '{{server}}', namespace: production}
`,
    });
    const config = loadConfig(root).config;
    const all = loadArgoModel(root, config);
    expect(all.deployments.map((d) => `${d.application} ${d.plan.app.destination.server} ${d.app}/${d.env}`)).toEqual(['api-prod https://kubernetes.default.svc api/prod', 'web-eu https://eu.example.com web-eu/prod']);
    const scoped = loadArgoModel(root, config, undefined, undefined, [{ name: 'web', folders: ['charts/web'] }]);
    expect(scoped.discovery.files).toEqual(['argocd/applications/set.yaml']);
    expect(scoped.deployments.map((d) => d.application)).toEqual(['web-eu']);
  });

  it('is empty for a generator tree', () => {
    expect(emptyArgoModel()).toEqual({ discovery: { applications: [], plans: [], files: [], documents: [], findings: [], partial: false, appOfApps: [] }, deployments: [], findings: [] });
  });
});

describe('an app-of-apps chart rendered by helm', () => {
  const root = repo({ 'bootstrap/Chart.yaml': CHART, 'bootstrap/values.yaml': '', 'bootstrap/values-prod.yaml': '' });
  const spec = (source: string): ApplicationSpec => ({
    name: 'root',
    project: 'default',
    destination: { namespace: 'argocd' },
    sources: [source === 'local' ? { repoURL: REPO, path: 'bootstrap', helm: { valueFiles: ['values-prod.yaml'], ignoreMissingValueFiles: false, values: 'a: 1\n', parameters: [], fileParameters: [] }, at: ['spec', 'source'] } : { repoURL: 'https://charts.example.com', chart: 'apps', at: ['spec', 'source'] }],
    file: 'argocd/root.yaml',
    at: () => ({ file: 'argocd/root.yaml', line: 1, column: 1 }),
  });
  const ctx = { isThisRepo: (u: string) => u === REPO, kind: (rel: string) => (existsSync(join(root, rel)) ? ('file' as const) : undefined), glob: () => [], chartCaches: [] };

  it('asks for helm once, on the first chart, and runs it with the values Argo CD gives, the inline values in a file removed after', () => {
    const calls: string[][] = [];
    let inline = '';
    let asked = 0;
    const helm: HelmRunner = (args, cwd) => {
      calls.push([...args, cwd]);
      const file = args[args.lastIndexOf('--values') + 1];
      inline ||= `${file} ${readFileSync(file, 'utf8')}`;
      return 'rendered';
    };
    const render = appOfAppsRenderer(root, () => {
      asked++;
      return helm;
    });
    const plan = planHelmSource(spec('local'), 0, { ...ctx, kind: (rel) => (rel === 'bootstrap' ? 'dir' : ctx.kind(rel)) });
    expect(render(plan)).toBe('rendered');
    expect(render(plan)).toBe('rendered');
    expect(asked).toBe(1);
    const file = calls[0][calls[0].length - 2];
    expect(calls[0]).toEqual(['template', 'root', join(root, 'bootstrap'), '--namespace', 'argocd', '--values', join(root, 'bootstrap/values-prod.yaml'), '--values', file, root]);
    expect(file.startsWith(join(tmpdir(), 'hvm-appofapps-'))).toBe(true);
    expect(inline).toBe(`${file} a: 1\n`);
    expect(existsSync(dirname(file))).toBe(false);
    expect(readdirSync(tmpdir()).includes(dirname(file).split('/').pop() as string)).toBe(false);
  });

  it('says null without helm, refuses a chart of another repository, and returns what helm throws', () => {
    expect(appOfAppsRenderer(root, () => undefined)(planHelmSource(spec('local'), 0, ctx))).toBeNull();
    const throwing = appOfAppsRenderer(root, () => () => {
      throw new Error('Error: template: bootstrap/templates/a.yaml:1: bad');
    });
    expect(throwing(planHelmSource(spec('repository'), 0, ctx))).toEqual(new Error('only charts of this repository are rendered'));
    expect(throwing(planHelmSource(spec('local'), 0, ctx))).toEqual(new Error('Error: template: bootstrap/templates/a.yaml:1: bad'));
    const odd = appOfAppsRenderer(root, () => () => {
      throw 'exit 1';
    });
    expect(odd(planHelmSource(spec('local'), 0, ctx))).toEqual(new Error('exit 1'));
  });
});
