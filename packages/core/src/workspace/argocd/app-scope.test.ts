import { mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { appScopeFilter } from './app-scope';
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
  const skip = appScopeFilter(r, [{ name: 'web', folders: ['apps/web'] }]);

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
    'plain/cm.yaml': 'apiVersion: v1\nkind: ConfigMap\n',
    'plain/notes.txt': 'apiVersion: argoproj.io/v1alpha1\nkind: Application\n',
    'deep/nested/app.yaml': 'apiVersion: argoproj.io/v1alpha1\nkind: Application\n',
    'escaped/app.yaml': 'apiVersion: "argo\\x70roj.io/v1alpha1"\n',
    'overridden/.argocd-source.yaml': 'path: deep/nested\n',
    // what ../plain would read if it were taken for ./plain
    'plain.d/app.yaml': 'apiVersion: argoproj.io/v1alpha1\nkind: Application\n',
    'top.yaml': 'apiVersion: argoproj.io/v1alpha1\nkind: Application\n',
  });
  const skip = appScopeFilter(r, [{ name: 'frontend-shop', folders: ['apps/web'] }]);
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
    expect(inner('argocd/a.yaml', other('  source:\n    path: ..'))).toBe(true);
    expect(skip('argocd/a.yaml', other('  source:\n    path: overridden\n    helm: {}'))).toBe(false);
    expect(skip('argocd/a.yaml', other('  spec: text'))).toBe(true);
  });

  it('reads a folder source only when the folder holds Argo CD documents', () => {
    expect(skip('argocd/a.yaml', other('  source:\n    path: plain'))).toBe(true);
    expect(skip('argocd/a.yaml', other('  source:\n    path: plain\n    directory: {recurse: true}'))).toBe(true);
    expect(skip('argocd/a.yaml', other('  source:\n    path: deep\n    directory: {recurse: true}'))).toBe(false);
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

