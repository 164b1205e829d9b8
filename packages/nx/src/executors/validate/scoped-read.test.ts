import { appendFileSync, cpSync, mkdirSync, mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { applicationYaml } from '../../../../core/src/test-support/application-yaml';
import { EXAMPLE_ROOT } from '../../../../core/src/test-support/example-workspace';
import { helmBinary } from '../../../../../tools/test/helm';
import { synthesize } from '../../../../../tools/bench/synth';
import { inferProjects } from '../../plugins/infer-projects';
import type { ProjectFolders } from '../../utils/finding-owner';
import { loadNxWorkspace } from '../../utils/nx-workspace';
import { validateTask } from './executor';

const FIXTURES = join(__dirname, '../../../../core/src/workspace/fixtures');
const HELM = helmBinary(4);

function write(root: string, files: Record<string, string>): void {
  for (const [rel, text] of Object.entries(files)) {
    mkdirSync(dirname(join(root, rel)), { recursive: true });
    writeFileSync(join(root, rel), text);
  }
}

const application = applicationYaml;

const helmSource = (path: string, valueFiles: string[]) => `  source:
    repoURL: https://github.com/example/gitops.git
    path: ${path}
    helm:
      valueFiles:
${valueFiles.map((f) => `        - ${f}`).join('\n')}`;

/**
 * What a scoped read could get wrong, side by side: apps whose names contain one another, a chart
 * path written `./apps/x/`, a multi-source Application whose values sit in another app's folder
 * (its name is `{app}-{chart}`), an Application created by a plain folder of Applications
 * (app-of-apps), an ApplicationSet whose text names no app, an Application kept in an app's
 * folder that deploys to no env (a finding of that app), a values file nothing layers.
 */
function edgeCases(root: string): void {
  const values = (extra = '') => `replicaCount: 1\nimage:\n  repository: example/app\n  tag: "1.0"\n${extra}`;
  write(root, {
    'gitops.yaml': `apps: [apps/*, services/*]
argocd:
  applications: [argocd, apps/api-gateway/deploy]
  repoURL: https://github.com/example/gitops.git
environments:
  - name: dev
    namespace: development
    tier: development
  - name: prod
    namespace: production
    tier: production
promotion:
  paths:
    - from: dev
      to: prod
  promotable: [image.tag]
`,
    'apps/api/values.yaml': values(),
    'apps/api/values-prod.yaml': values('replicaCount: 3\n'),
    'apps/api/values-stale.yaml': values(),
    'apps/api-gateway/values.yaml': values(),
    'apps/api-gateway/values-prod.yaml': values(),
    'apps/web/values.yaml': values(),
    'apps/web/values-prod.yaml': values('password: hunter2hunter2\n'),
    'apps/worker/values.yaml': values(),
    'apps/worker/values-dev.yaml': values(),
    'apps/shared/values.yaml': values(),
    'apps/shared/values-web.yaml': values(),
    'argocd/api-prod.yaml': application('api-prod', 'production', helmSource('./apps/api/', ['values.yaml', 'values-prod.yaml'])),
    'argocd/api-dev.yaml': application('api-dev', 'development', helmSource('apps/api', ['values.yaml'])),
    'argocd/api-gateway-prod.yaml': application('api-gateway-prod', 'production', helmSource('apps/api-gateway', ['values.yaml', 'values-prod.yaml', 'values-missing.yaml'])),
    'argocd/web-prod.yaml': application(
      'web-prod',
      'production',
      `  sources:
    - repoURL: https://github.com/example/gitops.git
      path: apps/web
      helm:
        valueFiles: [values.yaml, values-prod.yaml, $values/apps/shared/values-web.yaml]
    - repoURL: https://github.com/example/gitops.git
      ref: values`,
    ),
    'argocd/root.yaml': application('root', 'argocd', `  source:\n    repoURL: https://github.com/example/gitops.git\n    path: bootstrap`),
    'bootstrap/worker-dev.yaml': application('worker-dev', 'development', helmSource('apps/worker', ['values.yaml', 'values-dev.yaml'])),
    // alpha and beta share a chart folder; beta's dev deploys another chart, so nothing layers values-dev.yaml there
    'apps/shared2/values.yaml': values(),
    'apps/shared2/values-prod.yaml': values(),
    'apps/shared2/values-dev.yaml': values(),
    'charts/other/values.yaml': values(),
    'argocd/alpha-prod.yaml': application('alpha-prod', 'production', helmSource('apps/shared2', ['values.yaml', 'values-prod.yaml'])),
    'argocd/alpha-dev.yaml': application('alpha-dev', 'development', helmSource('apps/shared2', ['values.yaml'])),
    'argocd/beta-prod.yaml': application('beta-prod', 'production', helmSource('apps/shared2', ['values.yaml', 'values-prod.yaml'])),
    'argocd/z-beta-dev.yaml': application('beta-dev', 'development', helmSource('charts/other', ['values.yaml'])),
    'apps/api-gateway/deploy/stray.yaml': application('stray', 'elsewhere', helmSource('charts/stray', ['values.yaml'])),
    'services/cache/values.yaml': values(),
    'services/queue/values.yaml': values(),
    'services/cache/service.json': '{"service": "cache"}\n',
    'services/queue/service.json': '{"service": "queue"}\n',
    'argocd/services.yaml': `apiVersion: argoproj.io/v1alpha1
kind: ApplicationSet
metadata:
  name: services
  namespace: argocd
spec:
  goTemplate: true
  generators:
    - git:
        repoURL: https://github.com/example/gitops.git
        revision: HEAD
        files:
          - path: services/*/service.json
  template:
    metadata:
      name: '{{ .service }}-dev'
    spec:
      project: default
      source:
        repoURL: https://github.com/example/gitops.git
        path: 'services/{{ .service }}'
        helm:
          valueFiles: [values.yaml]
      destination:
        server: https://kubernetes.default.svc
        namespace: development
`,
  });
}

/** Each app's validate output read for it alone, and read from the whole workspace. */
async function compare(root: string): Promise<{ apps: number; scoped: string[] }> {
  appendFileSync(join(root, 'gitops.yaml'), `helm:\n  binary: ${HELM}\n`);
  const { projects } = inferProjects(root, {}, 'test');
  const folders: ProjectFolders = Object.fromEntries(Object.values(projects).map((p) => [p.name as string, { root: p.root as string, tags: p.tags }]));
  const apps = Object.entries(folders).filter(([, p]) => p.tags?.includes('gitops:app'));
  const names = apps.map(([name]) => name);
  const whole = loadNxWorkspace(root);
  const scoped: string[] = [];
  for (const [name, p] of apps) {
    for (const format of ['json', 'text'] as const) {
      const expected = await validateTask(whole, name, { format }, folders);
      const ws = loadNxWorkspace(root, { apps: [{ name, root: p.root }], names });
      if (format === 'json' && ws.scope) scoped.push(name);
      // no app a whole read does not find (a folder deployed under another name is none)
      expect(ws.apps.filter((a) => !names.includes(a.name))).toEqual([]);
      expect(await validateTask(ws, name, { format }, folders), `${name} (${format}) in ${root}`).toEqual(expected);
    }
  }
  // Two apps read together give each the same output too.
  if (apps.length >= 2) {
    const pair = apps.slice(0, 2);
    const ws = loadNxWorkspace(root, { apps: pair.map(([name, p]) => ({ name, root: p.root })), names });
    for (const [name] of pair) expect(await validateTask(ws, name, { format: 'json' }, folders)).toEqual(await validateTask(whole, name, { format: 'json' }, folders));
  }
  return { apps: apps.length, scoped };
}

function copyOf(source: string): string {
  const root = join(mkdtempSync(join(tmpdir(), 'hvm-scoped-')), 'ws');
  cpSync(source, root, { recursive: true });
  return root;
}

describe("an app's validate read for that app alone reports what a whole read does", () => {
  it.each(readdirSync(FIXTURES))('fixture %s', async (name) => {
    const { apps } = await compare(copyOf(join(FIXTURES, name)));
    expect(apps).toBeGreaterThan(0);
  });

  it('the example workspace', async () => {
    expect((await compare(copyOf(EXAMPLE_ROOT))).apps).toBeGreaterThan(0);
  });

  it('a synthetic workspace, each app read alone', async () => {
    const root = join(mkdtempSync(join(tmpdir(), 'hvm-scoped-')), 'ws');
    synthesize({ root, apps: 12, envs: 3, nx: false });
    const { apps, scoped } = await compare(root);
    expect(scoped.length).toBe(apps);
  });

  it('apps named inside one another, ./apps/x/ paths, values from another app folder, a folder of Applications', async () => {
    const root = join(mkdtempSync(join(tmpdir(), 'hvm-scoped-')), 'ws');
    edgeCases(root);
    const { apps, scoped } = await compare(root);
    expect(apps).toBe(9);
    // each read alone but alpha, whose folder beta shares (a whole read knows every env of beta)
    expect(scoped.sort()).toEqual(['api', 'api-gateway', 'beta', 'cache', 'queue', 'shared', 'web', 'worker']);
  });
});
