import { execFileSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { helmBinary } from '../../../../tools/test/helm';
import { copyExampleWorkspace, editFile, EXAMPLE_ROOT } from '../test-support/example-workspace';
import { appInputs, isAppInput, workspaceInputs } from './app-inputs';
import { getApp, loadWorkspace } from './workspace';
import { applicationYaml } from '../test-support/application-yaml';

// The files whose change reruns an app's checks (the Nx targets' inputs), and the workspace's.
const FIXTURES = join(__dirname, 'fixtures');
const APP = 'alpha-members';
const DIR = 'deployment/helm/alpha-members';

function copyFixture(name: string): string {
  const root = mkdtempSync(join(tmpdir(), 'hvm-inputs-'));
  cpSync(join(FIXTURES, name), root, { recursive: true });
  return root;
}

function write(root: string, file: string, text: string): void {
  mkdirSync(dirname(join(root, file)), { recursive: true });
  writeFileSync(join(root, file), text);
}

const application = (name: string, path: string, valueFiles: string[], namespace: string, repoURL = 'https://github.com/example/gitops.git') =>
  applicationYaml(name, namespace, `  source:\n    repoURL: ${repoURL}\n    targetRevision: HEAD\n    path: ${path}\n    helm:\n      valueFiles:\n${valueFiles.map((f) => `        - ${f}\n`).join('')}`);

describe('the inputs of an app', () => {
  it("are gitops.yaml, its Applications and its own folder, with every layer's values file", () => {
    const ws = loadWorkspace(EXAMPLE_ROOT);
    expect(appInputs(ws, getApp(ws, APP))).toEqual({
      include: ['argocd/applications/alpha-members-dev.yaml', 'argocd/applications/alpha-members-prod.yaml', 'argocd/applications/alpha-members-staging.yaml', `${DIR}/**`, 'gitops.yaml'],
      exclude: [],
      values: [`${DIR}/values-dev.yaml`, `${DIR}/values-prod.yaml`, `${DIR}/values-staging.yaml`, `${DIR}/values.yaml`],
    });
    expect(workspaceInputs(ws)).toEqual(['argocd/applications', 'argocd/applications/**', 'argocd/applications/alpha-members-dev.yaml', 'argocd/applications/alpha-members-prod.yaml', 'argocd/applications/alpha-members-staging.yaml', 'gitops.yaml']);
  });

  it('name the files of a chart other apps share, without the value files only other apps read', () => {
    const root = copyFixture('shared-chart');
    rmSync(join(root, 'argocd'), { recursive: true });
    write(root, 'charts/microservice/values.yaml', 'replicaCount: 1\n');
    write(root, 'charts/microservice/values-web-prod.yaml', 'replicaCount: 2\n');
    write(root, 'charts/microservice/values-api-prod.yaml', 'replicaCount: 3\n');
    write(root, 'argocd/web.yaml', application('web-prod', 'charts/microservice', ['values-web-prod.yaml', '../../services/web/values.yaml'], 'production'));
    write(root, 'argocd/api.yaml', application('api-prod', 'charts/microservice', ['values-api-prod.yaml'], 'production'));
    const ws = loadWorkspace(root);
    expect(ws.apps.map((a) => `${a.name} ${a.dir}`)).toEqual(['api charts/microservice', 'web charts/microservice']);
    const web = appInputs(ws, getApp(ws, 'web'));
    expect(web).toEqual({
      include: ['argocd/web.yaml', 'charts/microservice/**', 'gitops.yaml', 'services/web/values.yaml'],
      exclude: ['charts/microservice/values-api-prod.yaml'],
      // staging: no Application deploys web there, so its declared layers in its folder
      values: ['charts/microservice/values-staging.yaml', 'charts/microservice/values-web-prod.yaml', 'charts/microservice/values.yaml', 'services/web/values.yaml'],
    });
    expect(appInputs(ws, getApp(ws, 'api')).exclude).toEqual(['charts/microservice/values-web-prod.yaml']);
    // A change to the other app's overlay, or to a file of no app, reruns nothing of web's.
    expect(isAppInput(web, 'charts/microservice/values-api-prod.yaml')).toBe(false);
    expect(isAppInput(web, 'services/api/values.yaml')).toBe(false);
    expect(isAppInput(web, 'charts/microservice/values-web-prod.yaml')).toBe(true);
    expect(isAppInput(web, 'charts/microservice/templates/deployment.yaml')).toBe(true);
    expect(isAppInput(web, 'services/web/values.yaml')).toBe(true);
  });

  it('of an env no Application deploys are the layers gitops.yaml declares; of an undeployed app, its conventional Application files', () => {
    const root = copyExampleWorkspace();
    // prod deploys values-production.yaml: the declared values-prod.yaml is no input of prod
    editFile(root, 'argocd/applications/alpha-members-prod.yaml', '        - values-prod.yaml\n', '        - values-production.yaml\n');
    rmSync(join(root, 'argocd/applications/alpha-members-dev.yaml'));
    const ws = loadWorkspace(root);
    expect(appInputs(ws, getApp(ws, APP))).toEqual({
      include: ['argocd/applications/alpha-members-prod.yaml', 'argocd/applications/alpha-members-staging.yaml', `${DIR}/**`, 'gitops.yaml'],
      exclude: [],
      values: [`${DIR}/values-dev.yaml`, `${DIR}/values-production.yaml`, `${DIR}/values-staging.yaml`, `${DIR}/values.yaml`],
    });
    rmSync(join(root, 'argocd/applications'), { recursive: true });
    mkdirSync(join(root, 'argocd/applications'));
    const bare = loadWorkspace(root);
    expect(appInputs(bare, getApp(bare, APP))).toEqual({
      include: ['argocd/applications/alpha-members-*.yaml', `${DIR}/**`, 'gitops.yaml'],
      exclude: [],
      values: [`${DIR}/values-dev.yaml`, `${DIR}/values-prod.yaml`, `${DIR}/values-staging.yaml`, `${DIR}/values.yaml`],
    });
  });

  it('hold the file a git files generator read, and file parameters outside the chart', () => {
    const root = copyFixture('appset-matrix');
    const ws = loadWorkspace(root);
    expect(appInputs(ws, getApp(ws, 'guestbook-canary')).include).toEqual(['apps/guestbook/**', 'appsets/images.yaml', 'config/dev/config.json', 'config/prod/config.json', 'gitops.yaml']);
    expect(appInputs(ws, getApp(ws, 'billing-api')).include).toEqual(['apps/Billing-API/**', 'appsets/apps.yaml', 'gitops.yaml']);
    expect(workspaceInputs(ws)).toEqual(['apps/*/**', 'appsets', 'appsets/**', 'appsets/apps.yaml', 'appsets/images.yaml', 'config/*/config.json', 'gitops.yaml']);

    const example = copyExampleWorkspace();
    editFile(example, 'argocd/applications/alpha-members-prod.yaml', '      parameters:\n', '      fileParameters:\n        - name: config\n          path: ../../../shared/config.json\n        - name: local\n          path: files/local.json\n      parameters:\n');
    write(example, 'shared/config.json', '{}\n');
    write(example, `${DIR}/files/local.json`, '{}\n');
    const withFiles = loadWorkspace(example);
    expect(appInputs(withFiles, getApp(withFiles, APP)).include).toEqual([
      'argocd/applications/alpha-members-dev.yaml',
      'argocd/applications/alpha-members-prod.yaml',
      'argocd/applications/alpha-members-staging.yaml',
      `${DIR}/**`,
      'gitops.yaml',
      'shared/config.json',
    ]);
  });
});

describe('the inputs of the workspace', () => {
  it('hold the files of an Application that deploys no app to a declared env, and git generator folders without a trailing slash', () => {
    const root = copyExampleWorkspace();
    write(root, 'argocd/applications/alpha-members-qa.yaml', application('alpha-members-qa', 'charts/qa', ['values.yaml'], 'qa', 'https://github.com/org/alpha-members.git'));
    write(root, 'charts/qa/Chart.yaml', 'apiVersion: v2\nname: qa\nversion: 0.1.0\n');
    write(root, 'charts/qa/values.yaml', 'a: 1\n');
    write(root, 'argocd/applications/appset.yaml', `apiVersion: argoproj.io/v1alpha1
kind: ApplicationSet
metadata:
  name: tools
  namespace: argocd
spec:
  goTemplate: true
  generators:
    - merge:
        mergeKeys: [path]
        generators:
          - git:
              repoURL: https://github.com/org/alpha-members.git
              revision: main
              directories:
                - path: tools/*//
                - path: 7
                - tools/not-a-map
              files:
                - path: tools/list.json
                - path: [x]
                - tools/not-a-map.json
          - list:
              elements: []
  template:
    metadata:
      name: '{{ .path.basename }}'
    spec:
      project: default
      source:
        repoURL: https://github.com/org/alpha-members.git
        targetRevision: main
        path: '{{ .path.path }}'
      destination:
        server: https://kubernetes.default.svc
        namespace: tools
`);
    const ws = loadWorkspace(root);
    expect(ws.apps.map((a) => a.name)).toEqual([APP]);
    expect(workspaceInputs(ws)).toEqual([
      'argocd/applications',
      'argocd/applications/**',
      'argocd/applications/alpha-members-dev.yaml',
      'argocd/applications/alpha-members-prod.yaml',
      'argocd/applications/alpha-members-qa.yaml',
      'argocd/applications/alpha-members-staging.yaml',
      'argocd/applications/appset.yaml',
      'charts/qa/**',
      'gitops.yaml',
      'tools/*/**',
      'tools/list.json',
    ]);
    expect(appInputs(ws, getApp(ws, APP)).include).not.toContain('argocd/applications/alpha-members-qa.yaml');
  });

  it('hold the chart that renders Applications (app-of-apps)', () => {
    const helm = helmBinary(3);
    const ws = loadWorkspace(join(FIXTURES, 'app-of-apps'), { helm: () => (args, cwd) => execFileSync(helm, args, { cwd, encoding: 'utf8' }) });
    expect(workspaceInputs(ws)).toEqual(['argocd', 'argocd/**', 'argocd/root.yaml', 'bootstrap/**', 'gitops.yaml']);
    // its Application is rendered from bootstrap/ with the values of argocd/root.yaml: a change to either changes it
    expect(appInputs(ws, getApp(ws, 'guestbook')).include).toEqual(['argocd/root.yaml', 'bootstrap/**', 'gitops.yaml', 'guestbook/**']);
  });
});

describe('the inputs of apps deployed from chart repositories', () => {
  const REPO = 'https://github.com/example/gitops.git';
  const app = (name: string, source: string) => `apiVersion: argoproj.io/v1alpha1\nkind: Application\nmetadata:\n  name: ${name}\n  namespace: argocd\nspec:\n  project: default\n${source}  destination:\n    server: https://kubernetes.default.svc\n    namespace: production\n`;
  const local = (path: string, valueFiles: string[]) => `  source:\n    repoURL: ${REPO}\n    targetRevision: HEAD\n    path: ${path}\n    helm:\n      valueFiles: [${valueFiles.join(', ')}]\n`;
  const remote = (chart: string, valueFiles: string[] = []) => `  sources:\n    - repoURL: https://charts.example.com\n      chart: ${chart}\n      targetRevision: 1.2.3\n${valueFiles.length ? `      helm:\n        valueFiles: [${valueFiles.join(', ')}]\n` : ''}    - repoURL: ${REPO}\n      targetRevision: HEAD\n      ref: values\n`;

  it('hold the vendored chart, the value files of a folder apps share, and everything for an app at the root', () => {
    const root = mkdtempSync(join(tmpdir(), 'hvm-inputs-'));
    const files: Record<string, string> = {
      'gitops.yaml': `apps: [services/*]\nargocd:\n  applications: argocd\n  repoURL: ${REPO}\nenvironments:\n  - name: prod\n    namespace: production\n`,
      'argocd/apps.yaml': [
        app('web-prod', local('charts/microservice', ['../../services/web/values.yaml'])),
        app('api-prod', local('charts/microservice', ['values-api-prod.yaml'])),
        app('queue-prod', remote('rabbit', ['$values/values/shared/queue.yaml'])),
        app('cache-prod', remote('memcached', ['$values/values/shared/cache.yaml'])),
        app('redis-prod', remote('redis')),
        app('bare-prod', remote('nginx')),
      ].join('---\n'),
      'charts/microservice/Chart.yaml': 'apiVersion: v2\nname: microservice\nversion: 0.1.0\n',
      'charts/microservice/values-api-prod.yaml': 'a: 1\n',
      'charts/redis/Chart.yaml': 'apiVersion: v2\nname: redis\nversion: 1.2.3\n',
      'services/web/values.yaml': 'a: 1\n',
      'values/shared/cache.yaml': 'a: 1\n',
      'values/shared/queue.yaml': 'a: 1\n',
    };
    for (const [f, text] of Object.entries(files)) write(root, f, text);
    const ws = loadWorkspace(root);
    const of = (name: string) => appInputs(ws, getApp(ws, name));
    expect(ws.apps.map((a) => `${a.name} ${a.dir}`)).toEqual(['api charts/microservice', 'bare .', 'cache values/shared', 'queue values/shared', 'redis charts/redis', 'web services/web']);
    expect(Object.fromEntries(ws.apps.map((a) => [a.name, of(a.name)]))).toEqual({
      api: { include: ['argocd/apps.yaml', 'charts/microservice/**', 'gitops.yaml'], exclude: [], values: ['charts/microservice/values-api-prod.yaml'] },
      // at the root: every file but what only other apps read
      bare: { include: ['**'], exclude: ['charts/microservice/values-api-prod.yaml', 'services/web/values.yaml', 'values/shared/cache.yaml', 'values/shared/queue.yaml'], values: [] },
      // a folder two apps take their values from is no app's own: each has its file
      cache: { include: ['argocd/apps.yaml', 'gitops.yaml', 'values/shared/cache.yaml'], exclude: [], values: ['values/shared/cache.yaml'] },
      queue: { include: ['argocd/apps.yaml', 'gitops.yaml', 'values/shared/queue.yaml'], exclude: [], values: ['values/shared/queue.yaml'] },
      redis: { include: ['argocd/apps.yaml', 'charts/redis/**', 'gitops.yaml'], exclude: [], values: [] },
      web: { include: ['argocd/apps.yaml', 'charts/microservice/**', 'gitops.yaml', 'services/web/**'], exclude: ['charts/microservice/values-api-prod.yaml'], values: ['services/web/values.yaml'] },
    });
  });
});
