import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEFAULT_NAME_PATTERNS } from '../../config';
import { deploymentsOf, findByApplication } from './deployments';
import { discoverApplications } from './discover-applications';
import type { IdentityContext } from './identity';
import { diskRepo } from './repo-context';

const REPO = 'https://github.com/example/gitops.git';
const ctx: IdentityContext = {
  envs: [
    { name: 'dev', namespace: 'development', clusters: ['in-cluster'] },
    { name: 'prod', namespace: 'production', clusters: ['in-cluster', 'prod-eu'] },
  ],
  clusters: [
    { name: 'in-cluster', server: 'https://kubernetes.default.svc' },
    { name: 'prod-eu', server: 'https://eu.example.com' },
  ],
  names: DEFAULT_NAME_PATTERNS,
};

function deployments(files: Record<string, string>) {
  const root = mkdtempSync(join(tmpdir(), 'hvm-deployments-'));
  const all: Record<string, string> = {
    'charts/web/Chart.yaml': 'apiVersion: v2\nname: web\nversion: 1.0.0\n',
    'charts/api/Chart.yaml': 'apiVersion: v2\nname: api\nversion: 1.0.0\n',
    ...files,
  };
  for (const [f, text] of Object.entries(all)) {
    mkdirSync(dirname(join(root, f)), { recursive: true });
    writeFileSync(join(root, f), text);
  }
  const d = discoverApplications({ repo: diskRepo(root, { repoURLs: [REPO], chartCaches: [] }), clusters: [], patterns: ['argocd'], patternsFile: 'gitops.yaml' });
  return deploymentsOf(d, ctx);
}

const app = (name: string, spec: string, namespace?: string) => `apiVersion: argoproj.io/v1alpha1
kind: Application
metadata:
  name: ${name}
${namespace ? `  namespace: ${namespace}\n` : ''}spec:
${spec}`;
const web = (ns: string, server = 'https://kubernetes.default.svc') => `  destination: {server: ${server}, namespace: ${ns}}\n  source: {repoURL: ${REPO}, path: charts/web}\n`;

describe('deploymentsOf', () => {
  it('gives each Helm source of an Application its app, env and cluster', () => {
    const { deployments: d, findings } = deployments({
      'argocd/web-dev.yaml': app('web-dev', web('development')),
      'argocd/web-prod-prod-eu.yaml': app('web-prod-prod-eu', web('production', 'https://eu.example.com')),
      'argocd/both.yaml': app('both-dev', `  destination: {server: https://kubernetes.default.svc, namespace: development}\n  sources:\n  - {repoURL: ${REPO}, path: charts/web}\n  - {repoURL: ${REPO}, path: charts/api}\n  - {repoURL: https://charts.example.com, chart: redis}\n`),
    });
    expect(d.map((x) => [x.application, x.app, x.env, x.cluster, x.via, x.plan.sourceIndex])).toEqual([
      ['both-dev', 'both-web', 'dev', undefined, 'name', 0],
      ['both-dev', 'both-api', 'dev', undefined, 'name', 1],
      ['both-dev', 'both-redis', 'dev', undefined, 'name', 2],
      ['web-dev', 'web', 'dev', undefined, 'name', 0],
      ['web-prod-prod-eu', 'web', 'prod', 'prod-eu', 'name', 0],
    ]);
    expect(findings.filter((f) => f.rule !== 'argocd-values-unknown')).toEqual([]);
  });

  it('says which Application deploys to no env, and which two deploy one app to one env', () => {
    const { deployments: d, findings } = deployments({
      'argocd/a.yaml': app('web-dev', web('development')),
      'argocd/b.yaml': app('web-two', web('development')),
      'argocd/c.yaml': app('stray', `  project: ops\n${web('elsewhere')}`),
    });
    expect(d.map((x) => [x.application, x.app, x.env, x.via])).toEqual([
      ['web-dev', 'web', 'dev', 'name'],
      ['web-two', 'web-two', 'dev', 'namespace'],
      ['stray', 'stray', undefined, 'none'],
    ]);
    expect(findings).toEqual([
      {
        rule: 'argocd-env-unknown',
        severity: 'warning',
        message: 'Application "stray" deploys to no env of gitops.yaml (name, namespace "elsewhere", project "ops" and cluster match none)',
        file: 'argocd/c.yaml',
        line: 4,
        column: 9,
        app: 'stray',
        hint: 'Declare its env (with its namespace) in gitops.yaml, or name it with argocd.names patterns; it is still shown by --application.',
      },
    ]);
    const twice = deployments({ 'argocd/a.yaml': app('web-dev', web('development')), 'argocd/b.yaml': app('web', `  project: p\n${web('development')}`), 'argocd/c.yaml': app('web-prod-prod-eu', web('production', 'https://eu.example.com')), 'argocd/d.yaml': app('web-prod', web('production', 'https://eu.example.com')) });
    expect(twice.findings).toEqual([
      {
        rule: 'argocd-application-unreadable',
        severity: 'warning',
        message: 'Applications "web-dev" and "web" both deploy web to dev',
        file: 'argocd/b.yaml',
        line: 4,
        column: 9,
        app: 'web',
        env: 'dev',
        hint: 'Use --application NAME to pick one; rename one, or adjust argocd.names so each maps to its own app and env.',
      },
      expect.objectContaining({ message: 'Applications "web-prod-prod-eu" and "web-prod" both deploy web to prod on prod-eu', file: 'argocd/d.yaml', env: 'prod' }),
    ]);
  });

  it('refuses a name Kubernetes refuses, once, with a hint for a generated one', () => {
    const { findings } = deployments({
      'argocd/a.yaml': app('Web_Dev', `  destination: {server: https://kubernetes.default.svc, namespace: development}\n  sources:\n  - {repoURL: ${REPO}, path: charts/web}\n  - {repoURL: ${REPO}, path: charts/api}\n`),
      'argocd/set.yaml': `apiVersion: argoproj.io/v1alpha1
kind: ApplicationSet
metadata:
  name: set
spec:
  generators:
  - list: {elements: [{name: Api}]}
  template:
    metadata:
      name: '{{name}}-dev'
    spec:
      project: default
      source: {repoURL: ${REPO}, path: charts/api}
      destination: {server: https://kubernetes.default.svc, namespace: development}
`,
    });
    expect(findings).toEqual([
      { rule: 'argocd-application-unreadable', severity: 'error', message: '"Web_Dev" is not a valid Kubernetes name, so Argo CD cannot create this Application', file: 'argocd/a.yaml', line: 4, column: 9, hint: 'Use lowercase letters, digits, "-" and ".".' },
      {
        rule: 'argocd-application-unreadable',
        severity: 'error',
        message: '"Api-dev" is not a valid Kubernetes name, so Argo CD cannot create this Application',
        file: 'argocd/set.yaml',
        line: 10,
        column: 13,
        hint: 'Lowercase it in the template: `{{ .path.basenameNormalized }}` or `{{ normalize .x }}` (goTemplate), `{{path.basenameNormalized}}` (fasttemplate).',
      },
    ]);
  });

  it('names an Application by namespace/name when two Argo CD namespaces share its name, and finds it by either', () => {
    const { deployments: d } = deployments({ 'argocd/a.yaml': app('web-dev', web('development'), 'argocd'), 'argocd/b.yaml': app('web-dev', web('development'), 'team'), 'argocd/c.yaml': app('api-dev', web('development')) });
    expect(d.map((x) => x.application)).toEqual(['argocd/web-dev', 'team/web-dev', 'api-dev']);
    expect(findByApplication(d, 'team/web-dev').map((x) => x.application)).toEqual(['team/web-dev']);
    expect(findByApplication(d, 'web-dev').map((x) => x.application)).toEqual(['argocd/web-dev', 'team/web-dev']);
    expect(findByApplication(d, '/api-dev').map((x) => x.application)).toEqual(['api-dev']);
    expect(findByApplication(d, 'api-dev').map((x) => x.application)).toEqual(['api-dev']);
    expect(findByApplication(d, 'nope')).toEqual([]);
  });
});
