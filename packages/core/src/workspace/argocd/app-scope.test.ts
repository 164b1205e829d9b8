import { mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../config';
import { appScopeFilter, type ScopedApp } from './app-scope';
import { loadArgoModel, type ArgoModel } from './argo-model';
import { diskRepo } from './repo-context';

function repo(files: Record<string, string>) {
  const root = mkdtempSync(join(tmpdir(), 'hvm-app-scope-'));
  for (const [rel, text] of Object.entries(files)) {
    mkdirSync(dirname(join(root, rel)), { recursive: true });
    writeFileSync(join(root, rel), text);
  }
  return Object.assign(diskRepo(root, { repoURLs: [], chartCaches: [] }), { root });
}

const app = (name: string, source: string) => `apiVersion: argoproj.io/v1alpha1\nkind: Application\nmetadata:\n  name: ${name}\nspec:\n${source}\n`;

describe('which Application files a run for one app skips unread', () => {
  const r = repo({
    'apps/web/values.yaml': 'replicaCount: 1 # Application settings\n',
    'apps/db/values.yaml': 'replicaCount: 1\n',
    'bootstrap/db-prod.yaml': app('db-prod', '  source:\n    path: apps/db'),
    'charts/root/Chart.yaml': 'name: root\n',
    'charts/root/templates/apps.yaml': 'apiVersion: argoproj.io/v1alpha1\nkind: Application\n',
  });
  // made in each test, so that each test is known to reach the filter's own code
  const skip = (file: string, text: string) => appScopeFilter(r, [{ name: 'web', folders: ['apps/web'] }])(file, text);

  it('skips an Application of another app from a plain chart folder, however its path is written', () => {
    for (const path of ['apps/db', './apps/db/', '"apps/db"', "'apps/db'", 'apps/db # the chart']) expect(skip('argocd/db-prod.yaml', app('db-prod', `  source:\n    path: ${path}\n    helm: {}`)), path).toBe(true);
    expect(skip('argocd/db.json', `{"apiVersion": "argoproj.io/v1alpha1", "kind": "Application", "metadata": {"name": "db"}, "spec": {"source": {"path": "apps/db"}}}`)).toBe(true);
    expect(skip('argocd/db-prod.yaml', app('db-prod', '  sources:\n    - {repoURL: x, path: apps/db}'))).toBe(true);
  });

  it("reads what names the app or its folder, lies in it, or holds an ApplicationSet", () => {
    expect(skip('argocd/web-prod.yaml', app('web-prod', '  source:\n    path: charts/other'))).toBe(false);
    expect(skip('argocd/front-prod.yaml', app('front-prod', '  source:\n    path: apps/web'))).toBe(false);
    expect(skip('apps/web/argocd/db.yaml', app('db-prod', '  source:\n    path: apps/db'))).toBe(false);
    expect(skip('argocd/set.yaml', 'apiVersion: argoproj.io/v1alpha1\nkind: ApplicationSet\nmetadata:\n  name: all\n')).toBe(false);
  });

  it('reads what may deploy Applications: a chart that creates them, a folder of them however its path is written, a source with override files', () => {
    expect(skip('argocd/root.yaml', app('root', '  source:\n    path: charts/root'))).toBe(false);
    for (const path of ['bootstrap', './bootstrap/', '>-\n      bootstrap', '"boot\\x73trap"', '\n      bootstrap']) expect(skip('argocd/boot.yaml', app('boot', `  source:\n    path: ${path}`)), path).toBe(false);
    expect(skip('argocd/boot.yaml', app('boot', '  sources:\n    - repoURL: x\n      chart: nginx\n    - path: bootstrap'))).toBe(false);
    // a helm source of the folder creates nothing: its values files are no Applications
    expect(skip('argocd/boot.yaml', app('boot', '  source:\n    path: bootstrap\n    helm: {}'))).toBe(true);
    const withOverride = repo({ 'apps/db/values.yaml': '{}\n', 'apps/db/.argocd-source-db-prod.yaml': 'path: bootstrap\n' });
    expect(appScopeFilter(withOverride, [{ name: 'web', folders: ['apps/web'] }])('argocd/db-prod.yaml', app('db-prod', '  source:\n    path: apps/db\n    helm: {}'))).toBe(false);
  });
});

describe('which Application files a run skips, for an app named apart from its folder', () => {
  const r = repo({
    'apps/web/values.yaml': '{}\n',
    'plain/cm.yaml': 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  annotations: {argocd.argoproj.io/sync-wave: "1"}\n',
    'plain/settings.yaml': 'apiVersion: v1\nkind: ConfigMap\ndata: {role: Application settings}\n',
    'plain/notes.txt': 'apiVersion: argoproj.io/v1alpha1\nkind: Application\n',
    'deep/nested/app.yaml': 'apiVersion: argoproj.io/v1alpha1\nkind: Application\n',
    'escaped/app.yaml': 'apiVersion: "argo\\x70roj.io/v1alpha1"\n',
    'overridden/.argocd-source.yaml': 'path: deep/nested\n',
    // what ../plain would read if it were taken for ./plain
    'plain.d/app.yaml': 'apiVersion: argoproj.io/v1alpha1\nkind: Application\n',
    'top.yaml': 'apiVersion: argoproj.io/v1alpha1\nkind: Application\n',
    'boot./app.yaml': 'apiVersion: argoproj.io/v1alpha1\nkind: Application\n',
  });
  const skip = (file: string, text: string) => appScopeFilter(r, [{ name: 'frontend-shop', folders: ['apps/web'] }])(file, text);
  const other = (source: string) => app('db-prod', source);

  it('reads a file that names the folder, the app, or both halves of the app around a dash', () => {
    expect(skip('argocd/a.yaml', other('  source:\n    path: charts/db\n    helm: {valueFiles: [../../apps/web/values.yaml]}'))).toBe(false);
    expect(skip('argocd/b.yaml', app('frontend-shop-prod', '  source:\n    path: charts/db\n    helm: {}'))).toBe(false);
    expect(skip('argocd/c.yaml', app('frontend-prod', '  sources:\n  - {path: charts/shop, helm: {}}'))).toBe(false);
    expect(skip('argocd/d.yaml', app('frontend-prod', '  source:\n    path: charts/db\n    helm: {}'))).toBe(true);
    expect(skip('apps/webapp/x.yaml', other('  source:\n    path: charts/db\n    helm: {}'))).toBe(true);
  });

  it('reads every file for an app at the repository root', () => {
    for (const folder of ['.', '']) expect(appScopeFilter(r, [{ name: 'x', folders: [folder] }])('argocd/a.yaml', other('  source:\n    path: charts/db\n    helm: {}'))).toBe(false);
    // a text without a dot (an escaped apiVersion) is read too: the root folder holds every file
    const dotless = '{"apiVersion": "argoproj\\x2eio/v1alpha1", "kind": "Application", "metadata": {"name": "db-prod"}, "spec": {"source": {"path": "charts/db", "helm": {}}}}';
    expect(appScopeFilter(r, [{ name: 'q', folders: ['.'] }])('argocd/a.json', dotless)).toBe(false);
    expect(appScopeFilter(r, [{ name: 'q', folders: ['apps/q'] }])('argocd/a.json', dotless)).toBe(true);
  });

  it('reads a source it cannot judge, and skips one that deploys nothing of this repository', () => {
    expect(skip('argocd/a.yaml', other('  source: text'))).toBe(false);
    expect(skip('argocd/a.yaml', other('  source:\n    path: 7'))).toBe(false);
    expect(skip('argocd/a.yaml', other('  source:\n    repoURL: https://charts.example.com\n    chart: db'))).toBe(true);
    expect(skip('argocd/a.yaml', other('  source:\n    path: ../plain.d'))).toBe(true);
    // nor the folder of that name next to the repository
    const parent = mkdtempSync(join(tmpdir(), 'hvm-app-scope-up-'));
    mkdirSync(join(parent, 'apps/repo'), { recursive: true });
    writeFileSync(join(parent, 'apps/app.yaml'), 'apiVersion: argoproj.io/v1alpha1\nkind: Application\n');
    const inner = appScopeFilter(diskRepo(join(parent, 'apps/repo'), { repoURLs: [], chartCaches: [] }), [{ name: 'frontend', folders: ['charts/web'] }]);
    // an override file there overrides nothing of this repository either
    mkdirSync(join(parent, 'apps/other'), { recursive: true });
    writeFileSync(join(parent, 'apps/.argocd-source.yaml'), 'path: x\n');
    writeFileSync(join(parent, 'apps/other/.argocd-source.yaml'), 'path: x\n');
    expect(inner('argocd/a.yaml', other('  source:\n    path: ..'))).toBe(true);
    expect(inner('argocd/a.yaml', other('  source:\n    path: ../other'))).toBe(true);
    expect(skip('argocd/a.yaml', other('  source:\n    path: overridden\n    helm: {}'))).toBe(false);
    expect(skip('argocd/a.yaml', other('  spec: text'))).toBe(true);
    expect(skip('argocd/a.yaml', other('  source: null'))).toBe(true);
    for (const spec of ['spec: text\n', 'spec:\n', '']) expect(skip('argocd/a.yaml', `apiVersion: argoproj.io/v1alpha1\nkind: Application\nmetadata:\n  name: db-prod\n${spec}`), spec).toBe(true);
    // a chart from a Helm repository deploys that chart, whatever path it names
    expect(skip('argocd/a.yaml', other('  source:\n    repoURL: https://charts.example.com\n    chart: db\n    path: plain.d'))).toBe(true);
  });

  it('reads a folder source only when the folder holds Argo CD documents', () => {
    expect(skip('argocd/a.yaml', other('  source:\n    path: plain'))).toBe(true);
    expect(skip('argocd/a.yaml', other('  source:\n    path: plain\n    directory: {recurse: true}'))).toBe(true);
    expect(skip('argocd/a.yaml', other('  source:\n    path: deep\n    directory: {recurse: true}'))).toBe(false);
    // without recurse Argo CD applies the folder's own files only, and deep/ holds none
    expect(skip('argocd/a.yaml', other('  source:\n    path: deep'))).toBe(true);
    expect(skip('argocd/a.yaml', other('  source:\n    path: deep\n    directory: {recurse: false}'))).toBe(true);
    expect(skip('argocd/a.yaml', other('  source:\n    path: deep\n    directory: {jsonnet: {}}'))).toBe(true);
    expect(skip('argocd/a.yaml', other('  source:\n    path: .\n    directory: {recurse: true}'))).toBe(false);
    // a folder whose name ends in a dot is a folder like any other
    expect(skip('argocd/a.yaml', other('  source:\n    path: boot.'))).toBe(false);
    expect(skip('argocd/a.yaml', other('  source:\n    path: ./deep/nested/'))).toBe(false);
    expect(skip('argocd/a.yaml', other('  source:\n    path: escaped'))).toBe(false);
    expect(skip('argocd/a.yaml', other('  source:\n    path: .'))).toBe(false);
    expect(skip('argocd/a.yaml', other('  source:\n    path: plain/none'))).toBe(true);
  });

  it('reads a folder source holding a file it cannot read', () => {
    const broken = repo({ 'plain/cm.yaml': 'kind: ConfigMap\n' });
    symlinkSync(join(broken.root, 'nowhere.yaml'), join(broken.root, 'plain/gone.yaml'));
    const f = appScopeFilter(broken, [{ name: 'frontend', folders: ['apps/web'] }]);
    expect(f('argocd/a.yaml', other('  source:\n    path: plain'))).toBe(false);
    expect(appScopeFilter(repo({ 'plain/cm.yaml': 'kind: ConfigMap\n' }), [{ name: 'frontend', folders: ['apps/web'] }])('argocd/a.yaml', other('  source:\n    path: plain'))).toBe(true);
  });
});


const REPO_URL = 'https://github.com/example/gitops.git';
const BASE: Record<string, string> = {
  'gitops.yaml': `apps: apps/*\nargocd:\n  repoURL: ${REPO_URL}\n  applications: [argocd, apps/*/argocd]\nenvironments:\n  - name: prod\n    namespace: production\n`,
  ...Object.fromEntries(['web', 'cart', 'db'].flatMap((a) => [[`apps/${a}/Chart.yaml`, `apiVersion: v2\nname: ${a}\nversion: 1.0.0\n`], [`apps/${a}/values.yaml`, 'replicaCount: 1\n']])),
};
/** An Application of this repository in prod; `helm` adds a value file that is missing, so that it has a finding. */
const deploy = (name: string, path: string, more = '    helm:\n      valueFiles: [values-gone.yaml]\n') =>
  `apiVersion: argoproj.io/v1alpha1\nkind: Application\nmetadata:\n  name: ${name}\n  namespace: argocd\nspec:\n  project: default\n  source:\n    repoURL: ${REPO_URL}\n    path: ${path}\n${more}  destination:\n    server: https://kubernetes.default.svc\n    namespace: production\n`;
// apps named apart from their folders, so that a text naming the folder does not name the app too
const FRONTEND: ScopedApp = { name: 'frontend', folders: ['apps/web'] };
const CART: ScopedApp = { name: 'cart', folders: ['apps/cart'] };

/**
 * The files a run scoped to `scope` reads, and what a scoped and a whole read find for those apps:
 * the deployments of the apps, of their folders' charts or with value files there, and the
 * findings about them or in their folders.
 */
function scopedAndWhole(files: Record<string, string>, scope: ScopedApp[]) {
  const root = repo({ ...BASE, ...files }).root;
  const config = loadConfig(root).config;
  const folders = scope.flatMap((a) => a.folders.map((f) => `${f}/`));
  const inFolder = (f: string | undefined) => f !== undefined && folders.some((p) => f.startsWith(p));
  const about = (m: ArgoModel) => {
    const mine = m.deployments.filter((d) => scope.some((a) => a.name === d.app) || (d.plan.chart.kind === 'local' && inFolder(`${d.plan.chart.dir}/`)) || d.plan.valueFiles.some((v) => inFolder(v.file)));
    const apps = new Set([...scope.map((a) => a.name), ...mine.map((d) => d.app)]);
    return {
      deployments: mine.map((d) => `${d.application}: ${d.app}/${d.env ?? '-'}`),
      findings: m.findings.filter((f) => (f.app !== undefined && apps.has(f.app)) || inFolder(f.file)).map((f) => `${f.file}:${f.line}:${f.column} ${f.rule}`),
    };
  };
  const scoped = loadArgoModel(root, config, undefined, undefined, scope);
  return { read: scoped.discovery.files, scoped: about(scoped), whole: about(loadArgoModel(root, config)) };
}

describe('a scoped read finds for its apps what a whole read finds', () => {
  const missing = (file: string, line = 12) => `${file}:${line}:20 argocd-value-file-missing`;

  it('skips the Application of another app, read for nothing else', () => {
    const r = scopedAndWhole({ 'argocd/frontend-prod.yaml': deploy('frontend-prod', 'apps/web'), 'argocd/db-prod.yaml': deploy('db-prod', 'apps/db') }, [FRONTEND]);
    expect(r.read).toEqual(['argocd/frontend-prod.yaml']);
    expect(r.whole).toEqual({ deployments: ['frontend-prod: frontend/prod'], findings: [missing('argocd/frontend-prod.yaml')] });
    expect(r.scoped).toEqual(r.whole);
  });

  it('reads an ApplicationSet, whatever it names', () => {
    const set = `apiVersion: argoproj.io/v1alpha1\nkind: ApplicationSet\nmetadata:\n  name: apps\n  namespace: argocd\nspec:\n  generators:\n    - git:\n        repoURL: ${REPO_URL}\n        revision: HEAD\n        directories:\n          - path: apps/*\n  template:\n    metadata:\n      name: '{{path.basename}}-prod'\n    spec:\n      project: default\n      source:\n        repoURL: ${REPO_URL}\n        path: '{{path}}'\n        helm:\n          valueFiles: [values-gone.yaml]\n      destination:\n        server: https://kubernetes.default.svc\n        namespace: production\n`;
    const r = scopedAndWhole({ 'argocd/set.yaml': set, 'argocd/db-prod.yaml': deploy('db-prod', 'apps/db') }, [FRONTEND]);
    expect(r.read).toEqual(['argocd/set.yaml']);
    expect(r.whole.deployments).toEqual(['web-prod: web/prod']);
    expect(r.whole.findings).toHaveLength(1);
    expect(r.scoped).toEqual(r.whole);
  });

  it("reads a file in an app's folder, whatever it deploys", () => {
    const r = scopedAndWhole({ 'apps/web/argocd/db-prod.yaml': deploy('db-prod', 'apps/db'), 'argocd/shop-prod.yaml': deploy('shop-prod', 'apps/db') }, [CART, FRONTEND]);
    expect(r.read).toEqual(['apps/web/argocd/db-prod.yaml']);
    expect(r.whole).toEqual({ deployments: [], findings: [missing('apps/web/argocd/db-prod.yaml')] });
    expect(r.scoped).toEqual(r.whole);
  });

  it("reads a file that names one of the apps' folders", () => {
    const r = scopedAndWhole({ 'argocd/shop-prod.yaml': deploy('shop-prod', 'apps/web'), 'argocd/db-prod.yaml': deploy('db-prod', 'apps/db') }, [CART, FRONTEND]);
    expect(r.read).toEqual(['argocd/shop-prod.yaml']);
    expect(r.whole).toEqual({ deployments: ['shop-prod: shop/prod'], findings: [missing('argocd/shop-prod.yaml')] });
    expect(r.scoped).toEqual(r.whole);
  });

  it('reads a file that names one of the apps', () => {
    const r = scopedAndWhole({ 'argocd/frontend-prod.yaml': deploy('frontend-prod', 'apps/db'), 'argocd/db-prod.yaml': deploy('db-prod', 'apps/db') }, [CART, FRONTEND]);
    expect(r.read).toEqual(['argocd/frontend-prod.yaml']);
    expect(r.whole).toEqual({ deployments: ['frontend-prod: frontend/prod'], findings: [missing('argocd/frontend-prod.yaml')] });
    expect(r.scoped).toEqual(r.whole);
  });

  it('reads an Application of a folder of Applications, among other documents, and skips it where that folder applies none', () => {
    const boot = (more = '') => deploy('boot', 'bootstrap', more).replace('namespace: production', 'namespace: argocd');
    const apps = { 'argocd/frontend-prod.yaml': deploy('frontend-prod', 'apps/web') };
    // a folder of plain manifests, looked at first, applies no Application
    const manifests = { 'argocd/docs.yaml': deploy('docs', 'docs', ''), 'docs/cm.yaml': 'apiVersion: v1\nkind: ConfigMap\n' };
    const two = scopedAndWhole({ ...apps, ...manifests, 'argocd/platform.yaml': `${deploy('db-prod', 'apps/db')}---\n${boot()}`, 'bootstrap/store-canary.yaml': deploy('store-canary', 'apps/web') }, [FRONTEND]);
    expect(two.read).toEqual(['argocd/frontend-prod.yaml', 'argocd/platform.yaml', 'bootstrap/store-canary.yaml']);
    expect(two.whole.deployments).toEqual(['frontend-prod: frontend/prod', 'store-canary: store-canary/prod']);
    expect(two.scoped).toEqual(two.whole);
    // Applications one folder down: Argo CD applies them with recurse only
    const nested = { ...apps, 'bootstrap/canary/store-canary.yaml': deploy('store-canary', 'apps/web') };
    const flat = scopedAndWhole({ ...nested, 'argocd/boot.yaml': boot() }, [FRONTEND]);
    expect(flat.read).toEqual(['argocd/frontend-prod.yaml']);
    expect(flat.whole).toEqual({ deployments: ['frontend-prod: frontend/prod'], findings: [missing('argocd/frontend-prod.yaml')] });
    expect(flat.scoped).toEqual(flat.whole);
    const deep = scopedAndWhole({ ...nested, 'argocd/boot.yaml': boot('    directory:\n      recurse: true\n') }, [FRONTEND]);
    expect(deep.read).toEqual(['argocd/boot.yaml', 'argocd/frontend-prod.yaml', 'bootstrap/canary/store-canary.yaml']);
    expect(deep.whole.deployments).toEqual(['frontend-prod: frontend/prod', 'store-canary: store-canary/prod']);
    expect(deep.scoped).toEqual(deep.whole);
  });

  it('skips an Application of a chart whose files only mention Argo CD, and reads one of a chart that makes Applications', () => {
    const values = '# deployed by the Argo CD Application db-prod\npodAnnotations:\n  argocd.argoproj.io/sync-wave: "1"\n';
    // and reads one of a chart that makes Applications, looked at after it
    const root = { 'charts/root/Chart.yaml': 'apiVersion: v2\nname: root\nversion: 1.0.0\n', 'charts/root/templates/apps.yaml': 'apiVersion: argoproj.io/v1alpha1\nkind: Application\n', 'argocd/root.yaml': deploy('root', 'charts/root', '') };
    const r = scopedAndWhole({ ...root, 'apps/db/values.yaml': values, 'argocd/frontend-prod.yaml': deploy('frontend-prod', 'apps/web'), 'argocd/db-prod.yaml': deploy('db-prod', 'apps/db', '') }, [FRONTEND]);
    expect(r.read).toEqual(['argocd/frontend-prod.yaml', 'argocd/root.yaml']);
    expect(r.scoped).toEqual(r.whole);
  });
});
