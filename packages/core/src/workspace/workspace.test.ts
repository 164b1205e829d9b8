import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { GitopsConfig } from '../config';
import { UserError } from '../common';
import { applicationYaml } from '../test-support/application-yaml';
import { copyExampleWorkspace, EXAMPLE_ROOT } from '../test-support/example-workspace';
import { assertAppGlobsMatch, deploymentByApplication, deploymentOf, deploymentsIn, discoverApps, envChain, findWorkspaceRoot, getApp, getEnv, loadWorkspace } from './workspace';

/** What a refusal says, and where; fails when there is none. */
const refusal = (run: () => unknown) => {
  try {
    run();
  } catch (e) {
    const u = e as UserError;
    return { message: u.message, hint: u.hint, ...(u.file ? { file: u.file, line: u.line, column: u.column } : {}) };
  }
  throw new Error('no refusal');
};

function appFolders(dirs: string[]): string {
  const root = mkdtempSync(join(tmpdir(), 'hvm-apps-'));
  for (const d of dirs) {
    mkdirSync(join(root, d), { recursive: true });
    writeFileSync(join(root, d, 'values.yaml'), 'replicaCount: 1\n');
  }
  return root;
}

describe('app names', () => {
  it('are folder names, with as many parent folders as it takes to tell two apart', () => {
    const root = appFolders(['teams/a/api', 'teams/b/api', 'teams/a/web', 'x/a/db', 'y/a/db']);
    const config = { apps: ['teams/*/*', 'x/*/*', 'y/*/*'], layouts: [] } as unknown as GitopsConfig;
    expect(discoverApps(root, config).map((a) => `${a.name} <- ${a.dir}`)).toEqual([
      'a-api <- teams/a/api',
      'b-api <- teams/b/api',
      'web <- teams/a/web',
      'x-a-db <- x/a/db',
      'y-a-db <- y/a/db',
    ]);
  });

  it('two folders that would take one name are refused, at the apps globs of gitops.yaml', () => {
    const root = appFolders(['a-b/c', 'a/b/c', 'x/b/c']);
    writeFileSync(join(root, 'gitops.yaml'), 'environments:\n  - name: dev\napps:\n  - "*/c"\n  - "*/*/c"\n');
    const config = { apps: ['*/c', '*/*/c'], layouts: [] } as unknown as GitopsConfig;
    let error: UserError | undefined;
    try {
      discoverApps(root, config);
    } catch (e) {
      error = e as UserError;
    }
    expect(error).toBeInstanceOf(UserError);
    expect([error?.message, error?.file, error?.line, error?.column]).toEqual(['app folders a-b/c and a/b/c would both be named "a-b-c", and an app\'s name must be its own', 'gitops.yaml', 4, 3]);
    // without a readable gitops.yaml, the file is still named
    rmSync(join(root, 'gitops.yaml'));
    expect(() => discoverApps(root, config)).toThrow(expect.objectContaining({ file: 'gitops.yaml', line: undefined }));
  });

  it("are found in a generator's virtual tree as on disk: folders holding values.yaml, and the layouts' folders", () => {
    const tree: Record<string, string[]> = { '/v': ['apps', 'charts'], '/v/apps': ['a', 'b'], '/v/charts': ['c'] };
    const files = new Set(['/v/apps/a/values.yaml', '/v/charts/c/values.yaml']);
    const reader = { subdirs: (d: string) => tree[d] ?? [], isFile: (p: string) => files.has(p) };
    const config = { apps: ['apps/*'], layouts: [{ apps: ['charts/*'] }] } as unknown as GitopsConfig;
    expect(discoverApps('/v', config, reader)).toEqual([
      { name: 'a', dir: 'apps/a' },
      { name: 'c', dir: 'charts/c' },
    ]);
  });
});

describe('workspace lookups', () => {

  it('names the apps, envs and Applications there are when one is unknown, with a guess', () => {
    const ws = loadWorkspace(EXAMPLE_ROOT);
    expect(getApp(ws, 'alpha-members').dir).toBe('deployment/helm/alpha-members');
    expect(refusal(() => getApp(ws, 'alpha-member'))).toEqual({ message: 'unknown app "alpha-member"; did you mean "alpha-members"?', hint: 'Apps are what the Argo CD Applications deploy and the folders matching deployment/helm/* that hold a values.yaml: alpha-members.' });
    expect(refusal(() => getEnv(ws, 'zzz'))).toEqual({ message: 'unknown environment "zzz"', hint: 'Environments declared in gitops.yaml: dev, staging, prod.' });
    expect(refusal(() => getEnv(ws, 'prd')).message).toBe('unknown environment "prd"; did you mean "prod"?');
    expect(deploymentByApplication(ws, 'alpha-members-dev').env).toBe('dev');
    expect(refusal(() => deploymentByApplication(ws, 'alpha-members-dve'))).toEqual({
      message: 'no Argo CD Application named "alpha-members-dve"; did you mean "alpha-members-dev"?',
      hint: 'Applications found under argocd/applications: alpha-members-dev, alpha-members-prod, alpha-members-staging.',
    });
  });

  it('layers an env after its ancestors, outermost first, and finds the workspace root above a folder', () => {
    const root = copyExampleWorkspace();
    writeFileSync(join(root, 'gitops.yaml'), readFileSync(join(root, 'gitops.yaml'), 'utf8').replace('  - name: prod\n', '  - name: prod\n    parent: staging\n'));
    const ws = loadWorkspace(root);
    expect(envChain(ws, 'prod').map((e) => e.name)).toEqual(['staging', 'prod']);
    expect(envChain(ws, 'dev').map((e) => e.name)).toEqual(['dev']);
    expect(findWorkspaceRoot(join(root, 'deployment/helm/alpha-members'))).toBe(root);
    const nowhere = mkdtempSync(join(tmpdir(), 'hvm-nowhere-'));
    expect(refusal(() => findWorkspaceRoot(nowhere))).toEqual({ message: `no gitops.yaml found in ${nowhere} or any folder above it`, hint: 'Run this inside a workspace, or create gitops.yaml at its root (see README.md).' });
  });

  it('refuses an apps glob that matches no app folder, at its line in gitops.yaml', () => {
    const root = copyExampleWorkspace();
    const text = readFileSync(join(root, 'gitops.yaml'), 'utf8').replace('apps: deployment/helm/*\n', 'apps:\n  - deployment/helm/*\n  - charts/*\n  - other/*\n');
    writeFileSync(join(root, 'gitops.yaml'), text);
    expect(refusal(() => assertAppGlobsMatch(loadWorkspace(root)))).toEqual({
      message: 'the apps glob "charts/*" (and "other/*") matches no app folder (a folder holding values.yaml), so nothing would be checked',
      hint: 'Fix the glob or remove it from apps in gitops.yaml.',
      file: 'gitops.yaml',
      line: text.split('\n').indexOf('  - charts/*') + 1,
      column: 5,
    });
    expect(() => assertAppGlobsMatch(loadWorkspace(EXAMPLE_ROOT))).not.toThrow();
  });
});

/** The shared-chart fixture with `apps: services/*`: web and api deployed by Applications, db a folder only. */
function sharedChart(): string {
  const root = mkdtempSync(join(tmpdir(), 'hvm-scope-'));
  cpSync(join(__dirname, 'fixtures/shared-chart'), root, { recursive: true });
  writeFileSync(join(root, 'gitops.yaml'), `apps: services/*\n${readFileSync(join(root, 'gitops.yaml'), 'utf8')}`);
  mkdirSync(join(root, 'services/db'));
  writeFileSync(join(root, 'services/db/values.yaml'), 'replicaCount: 1\n');
  return root;
}

describe('a workspace read for some apps', () => {
  const NAMES = ['api', 'db', 'web'];
  const read = (root: string, apps: { name: string; root: string }[], names = NAMES) => {
    const ws = loadWorkspace(root, { scope: { apps, names } });
    return { scope: ws.scope, apps: ws.apps.map((a) => `${a.name} ${a.dir}${a.deployed ? ' deployed' : ''}`), applications: ws.argo.deployments.map((d) => d.application) };
  };

  it("reads only the scoped apps' Applications, and names the other apps as folders", () => {
    const root = sharedChart();
    expect(read(root, [{ name: 'web', root: 'services/web' }])).toEqual({ scope: ['web'], apps: ['api services/api', 'db services/db', 'web services/web deployed'], applications: ['web-staging', 'web-prod'] });
    expect(read(root, [{ name: 'db', root: 'services/db' }])).toEqual({ scope: ['db'], apps: ['api services/api', 'db services/db', 'web services/web'], applications: [] });
    // a project root elsewhere: the app's own folder counts too
    expect(read(root, [{ name: 'web', root: 'projects/web' }])).toEqual({ scope: ['web'], apps: ['api services/api', 'db services/db', 'web services/web deployed'], applications: ['web-staging', 'web-prod'] });
    // an app the whole workspace does not have is left out
    expect(read(root, [{ name: 'web', root: 'services/web' }], ['web'])).toEqual({ scope: ['web'], apps: ['web services/web deployed'], applications: ['web-staging', 'web-prod'] });
    const helm = () => undefined;
    expect(loadWorkspace(root, { scope: { apps: [{ name: 'web', root: 'services/web' }], names: NAMES }, helm }).argoHelm).toBe(helm);
    expect(loadWorkspace(root, { helm }).argoHelm).toBe(helm);
    expect(loadWorkspace(root).argoHelm).toBeUndefined();
  });

  it('reads the whole workspace when another app lives in a scoped folder, or a scoped app is not found', () => {
    const root = sharedChart();
    const whole = { scope: undefined, apps: ['api services/api deployed', 'db services/db', 'web services/web deployed'], applications: ['api-staging', 'api-prod', 'web-staging', 'web-prod'] };
    for (const folder of ['.', '', 'services', 'services/api']) expect(read(root, [{ name: 'web', root: folder }]), folder).toEqual(whole);
    expect(read(root, [{ name: 'nope', root: 'services/nope' }])).toEqual(whole);
    // any scoped app's folder that holds another app
    expect(read(root, [{ name: 'web', root: 'services' }, { name: 'db', root: 'services/db' }])).toEqual(whole);
    expect(read(root, [{ name: 'web', root: 'services/web' }, { name: 'db', root: 'services/db' }])).toMatchObject({ scope: ['web', 'db'] });
    expect(read(root, [{ name: 'web', root: 'services/web' }, { name: 'nope', root: 'services/nope' }])).toEqual(whole);
  });
});

describe('the apps of a workspace', () => {
  const REPO = 'https://github.com/example/gitops.git';
  const app = applicationYaml;
  const local = (path: string, valueFiles: string[] = []) => `  source:\n    repoURL: ${REPO}\n    targetRevision: HEAD\n    path: ${path}\n${valueFiles.length ? `    helm:\n      valueFiles: [${valueFiles.join(', ')}]\n` : ''}`;
  const remote = (chart: string, valueFiles: string[] = []) => `  sources:\n    - repoURL: https://charts.example.com\n      chart: ${chart}\n      targetRevision: 1.2.3\n${valueFiles.length ? `      helm:\n        valueFiles: [${valueFiles.join(', ')}]\n` : ''}    - repoURL: ${REPO}\n      targetRevision: HEAD\n      ref: values\n`;

  it('are named by the Applications that deploy them, in the folder of their chart or values, then the folders no Application deploys', () => {
    const root = mkdtempSync(join(tmpdir(), 'hvm-apps-'));
    const files: Record<string, string> = {
      'gitops.yaml': `apps: [charts/*, services/*]\nargocd:\n  applications: argocd\n  repoURL: ${REPO}\nenvironments:\n  - name: staging\n    namespace: staging\n  - name: prod\n    namespace: production\n`,
      'argocd/apps.yaml': [
        app('web-prod', 'production', local('charts/microservice', ['../../services/web/values.yaml'])),
        app('redis-prod', 'production', remote('redis')),
        app('frontend-prod', 'production', local('charts/front')),
        app('cache-prod', 'production', remote('memcached', ['$values/values/cache/values-prod.yaml'])),
        app('tools', 'tools', local('charts/tools')),
        app('bare-prod', 'production', remote('nginx')),
      ].join('---\n'),
      'charts/microservice/Chart.yaml': 'apiVersion: v2\nname: microservice\nversion: 0.1.0\n',
      'charts/redis/Chart.yaml': 'apiVersion: v2\nname: redis\nversion: 1.2.3\n',
      'charts/front/Chart.yaml': 'apiVersion: v2\nname: front\nversion: 0.1.0\n',
      'charts/front/values.yaml': 'a: 1\n',
      'charts/tools/Chart.yaml': 'apiVersion: v2\nname: tools\nversion: 0.1.0\n',
      'charts/tools/values.yaml': 'a: 1\n',
      'charts/empty/Chart.yaml': 'apiVersion: v2\nname: empty\nversion: 0.1.0\n',
      'services/web/values.yaml': 'a: 1\n',
      'values/cache/values-prod.yaml': 'a: 1\n',
    };
    for (const [f, text] of Object.entries(files)) {
      mkdirSync(join(root, f, '..'), { recursive: true });
      writeFileSync(join(root, f), text);
    }
    const ws = loadWorkspace(root);
    expect(ws.apps.map((a) => `${a.name} ${a.dir}${a.deployed ? ' deployed' : ''}`)).toEqual([
      'bare . deployed',
      'cache values/cache deployed',
      'frontend charts/front deployed',
      'redis charts/redis deployed',
      'tools charts/tools',
      'web services/web deployed',
    ]);
  });
});

describe('looking up Applications and apps', () => {

  it('tells apart the Applications of one name, and lists at most 20 names, sorted', () => {
    const root = copyExampleWorkspace();
    const prod = readFileSync(join(root, 'argocd/applications/alpha-members-prod.yaml'), 'utf8');
    writeFileSync(join(root, 'argocd/applications/zz-other.yaml'), prod.replace('  namespace: argocd\n', '  namespace: other\n'));
    const ws = loadWorkspace(root);
    expect(refusal(() => deploymentByApplication(ws, 'alpha-members-prod'))).toEqual({ message: 'Application "alpha-members-prod" has 2 Helm sources or namespaces', hint: 'Name one as NAMESPACE/NAME or by app and env: alpha-members prod, alpha-members prod.' });
    expect(deploymentByApplication(ws, 'other/alpha-members-prod').application).toBe('other/alpha-members-prod');
    // the first of them is the app's deployment in prod
    expect(deploymentOf(ws, 'alpha-members', 'prod')?.application).toBe('argocd/alpha-members-prod');

    const many = copyExampleWorkspace();
    const names = Array.from({ length: 21 }, (_, i) => `x${String(i).padStart(2, '0')}-prod`).reverse();
    writeFileSync(join(many, 'argocd/applications/many.yaml'), names.map((n) => prod.replace('name: alpha-members-prod', `name: ${n}`)).join('---\n'));
    const sorted = [...names, 'alpha-members-dev', 'alpha-members-prod', 'alpha-members-staging'].sort();
    expect(refusal(() => deploymentByApplication(loadWorkspace(many), 'nothing-like-it'))).toEqual({
      message: 'no Argo CD Application named "nothing-like-it"',
      hint: `Applications found under argocd/applications: ${sorted.slice(0, 20).join(', ')}, ....`,
    });
    // exactly 20: all of them
    const twenty = copyExampleWorkspace();
    writeFileSync(join(twenty, 'argocd/applications/many.yaml'), names.slice(-17).map((n) => prod.replace('name: alpha-members-prod', `name: ${n}`)).join('---\n'));
    expect(refusal(() => deploymentByApplication(loadWorkspace(twenty), 'nothing-like-it')).hint).toBe(`Applications found under argocd/applications: ${[...names.slice(-17), 'alpha-members-dev', 'alpha-members-prod', 'alpha-members-staging'].sort().join(', ')}.`);
  });

  it('says when there is no Application, or when some could not be read', () => {
    const root = copyExampleWorkspace();
    rmSync(join(root, 'argocd/applications'), { recursive: true });
    mkdirSync(join(root, 'argocd/applications'));
    const ws = loadWorkspace(root);
    expect(refusal(() => deploymentByApplication(ws, 'alpha-members-dev'))).toEqual({ message: 'no Argo CD Application named "alpha-members-dev"', hint: 'No Application was found under argocd/applications (argocd.applications in gitops.yaml).' });
    const unread = loadWorkspace(join(__dirname, 'fixtures/app-of-apps'));
    expect(refusal(() => deploymentByApplication(unread, 'guestbook-dev'))).toEqual({
      message: 'no Argo CD Application named "guestbook-dev"',
      hint: `Applications found under argocd: root.\n  Not every Application could be read: argocd/root.yaml:11: ${unread.argo.findings[0].message}.`,
    });
  });

  it('finds the deployments of an app in an env, one per cluster', () => {
    const root = copyExampleWorkspace();
    writeFileSync(join(root, 'gitops.yaml'), readFileSync(join(root, 'gitops.yaml'), 'utf8').replace('  - name: prod\n    namespace: production\n', '  - name: prod\n    namespace: production\n    clusters: [in-cluster, eu]\n').replace('clusters:\n  - name: in-cluster\n', 'clusters:\n  - name: eu\n    server: https://eu.example.com\n  - name: in-cluster\n'));
    const prod = readFileSync(join(root, 'argocd/applications/alpha-members-prod.yaml'), 'utf8');
    writeFileSync(join(root, 'argocd/applications/alpha-members-prod-eu.yaml'), prod.replace('name: alpha-members-prod', 'name: alpha-members-prod-eu').replace('server: https://kubernetes.default.svc', 'server: https://eu.example.com'));
    const ws = loadWorkspace(root);
    expect(deploymentsIn(ws, 'alpha-members', 'prod').map((d) => `${d.application} ${d.cluster}`)).toEqual(['alpha-members-prod-eu eu', 'alpha-members-prod undefined']);
    expect(deploymentsIn(ws, 'alpha-members', 'dev').map((d) => d.application)).toEqual(['alpha-members-dev']);
    expect(deploymentsIn(ws, 'alpha-members', 'qa')).toEqual([]);
    expect(deploymentOf(ws, 'alpha-members', 'prod', 'eu')?.application).toBe('alpha-members-prod-eu');
    expect(deploymentOf(ws, 'alpha-members', 'prod')?.application).toBe('alpha-members-prod');
  });

  it('names every app when one is unknown, and refuses an apps glob that matches nothing at its line', () => {
    const root = copyExampleWorkspace();
    mkdirSync(join(root, 'deployment/helm/beta'));
    writeFileSync(join(root, 'deployment/helm/beta/values.yaml'), 'a: 1\n');
    expect(refusal(() => getApp(loadWorkspace(root), 'gamma')).hint).toBe('Apps are what the Argo CD Applications deploy and the folders matching deployment/helm/* that hold a values.yaml: alpha-members, beta.');
    // each glob matches an app of its own
    mkdirSync(join(root, 'other/x'), { recursive: true });
    writeFileSync(join(root, 'other/x/values.yaml'), 'a: 1\n');
    writeFileSync(join(root, 'gitops.yaml'), readFileSync(join(root, 'gitops.yaml'), 'utf8').replace('apps: deployment/helm/*\n', 'apps: [deployment/helm/*, other/*]\n'));
    expect(() => assertAppGlobsMatch(loadWorkspace(root))).not.toThrow();

    const none = copyExampleWorkspace();
    rmSync(join(none, 'deployment'), { recursive: true });
    rmSync(join(none, 'argocd/applications'), { recursive: true });
    mkdirSync(join(none, 'argocd/applications'));
    const empty = loadWorkspace(none);
    expect(refusal(() => getApp(empty, 'alpha-members')).hint).toBe('Apps are what the Argo CD Applications deploy and the folders matching deployment/helm/* that hold a values.yaml: (none).');
    expect(refusal(() => assertAppGlobsMatch(empty))).toEqual({
      message: 'the apps glob "deployment/helm/*" matches no app folder (a folder holding values.yaml), so nothing would be checked',
      hint: 'Fix the apps glob in gitops.yaml, or add an app with `npx nx g app --name=NAME`.',
      file: 'gitops.yaml',
      line: readFileSync(join(none, 'gitops.yaml'), 'utf8').split('\n').indexOf('apps: deployment/helm/*') + 1,
      column: 7,
    });
    // without an apps glob of its own, the default is no promise
    writeFileSync(join(none, 'gitops.yaml'), readFileSync(join(none, 'gitops.yaml'), 'utf8').replace('apps: deployment/helm/*\n', ''));
    expect(() => assertAppGlobsMatch(loadWorkspace(none))).not.toThrow();
  });
});

describe('refusals that list several globs', () => {
  it('name every apps glob and every argocd.applications glob, comma-separated', () => {
    const root = copyExampleWorkspace();
    const gitops = readFileSync(join(root, 'gitops.yaml'), 'utf8');
    writeFileSync(join(root, 'gitops.yaml'), gitops.replace('apps: deployment/helm/*\n', 'apps: [deployment/helm/*, a/*, b/*, c/*]\n').replace('  applications: argocd/applications\n', '  applications: [argocd/applications, argocd/more]\n'));
    const ws = loadWorkspace(root);
    const error = (run: () => unknown) => {
      try {
        run();
      } catch (e) {
        return { message: (e as Error).message, hint: (e as { hint?: string }).hint };
      }
      throw new Error('no refusal');
    };
    expect(error(() => getApp(ws, 'zzz'))).toEqual({ message: 'unknown app "zzz"', hint: 'Apps are what the Argo CD Applications deploy and the folders matching deployment/helm/*, a/*, b/*, c/* that hold a values.yaml: alpha-members.' });
    expect(error(() => assertAppGlobsMatch(ws)).message).toBe('the apps glob "a/*" (and "b/*", "c/*") matches no app folder (a folder holding values.yaml), so nothing would be checked');
    expect(error(() => deploymentByApplication(ws, 'zzz')).hint).toBe('Applications found under argocd/applications, argocd/more: alpha-members-dev, alpha-members-prod, alpha-members-staging.');
    rmSync(join(root, 'argocd/applications'), { recursive: true });
    mkdirSync(join(root, 'argocd/applications'));
    expect(error(() => deploymentByApplication(loadWorkspace(root), 'zzz')).hint).toBe('No Application was found under argocd/applications, argocd/more (argocd.applications in gitops.yaml).');
  });
});
