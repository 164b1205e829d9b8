import { execFileSync } from 'node:child_process';
import { cpSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { applicationYaml } from '../../../core/src/test-support/application-yaml';
import { copyWorkspace } from '../../../core/src/test-support/e2e-workspace';

const EXAMPLE_APP = 'alpha-members';
const APPS_DIR = 'deployment/helm';
const ARGO_DIR = 'argocd/applications';

/**
 * The example workspace with more apps: each a copy of alpha-members under its own name,
 * with its own Argo CD Applications. Committed to git, so `nx affected` has a base.
 */
export function workspaceWithApps(names: string[]): string {
  const dir = copyWorkspace();
  for (const name of names) {
    cpSync(join(dir, APPS_DIR, EXAMPLE_APP), join(dir, APPS_DIR, name), { recursive: true });
    for (const file of readdirSync(join(dir, ARGO_DIR)).filter((f) => f.startsWith(`${EXAMPLE_APP}-`))) {
      // Its name and folder change; the repository it is deployed from stays this one.
      const text = readFileSync(join(dir, ARGO_DIR, file), 'utf8').replaceAll(EXAMPLE_APP, name).replaceAll(`org/${name}.git`, `org/${EXAMPLE_APP}.git`);
      writeFileSync(join(dir, ARGO_DIR, file.replace(EXAMPLE_APP, name)), text);
    }
  }
  commit(dir);
  return dir;
}

const application = (name: string, namespace: string, source: string) =>
  applicationYaml(name, namespace, `  source:\n    repoURL: https://github.com/org/alpha-members.git\n    targetRevision: main\n${source}`);

const CHART = (name: string) => `apiVersion: v2\nname: ${name}\nversion: 0.1.0\n`;

/**
 * The example workspace plus apps that no `apps` folder names, only what deploys them: an
 * ApplicationSet (git directories x a list of envs) over platform/Billing-API, an uppercase
 * folder; one chart, charts/microservice, shared by the Applications of api and web (their values
 * in deployments/<app>/); and two folders named worker (teams/a/worker, teams/b/worker).
 * Committed to git, so `nx affected` has a base.
 */
export function workspaceWithDeployments(): string {
  const dir = copyWorkspace();
  const write = (file: string, text: string) => {
    mkdirSync(join(dir, dirname(file)), { recursive: true });
    writeFileSync(join(dir, file), text);
  };
  write(
    'argocd/applications/platform.yaml',
    `apiVersion: argoproj.io/v1alpha1
kind: ApplicationSet
metadata:
  name: platform
  namespace: argocd
spec:
  goTemplate: true
  generators:
    - matrix:
        generators:
          - git:
              repoURL: https://github.com/org/alpha-members.git
              revision: main
              directories:
                - path: platform/*
          - list:
              elements:
                - env: dev
                  namespace: development
                - env: prod
                  namespace: production
  template:
    metadata:
      name: '{{ .path.basenameNormalized }}-{{ .env }}'
    spec:
      project: default
      source:
        repoURL: https://github.com/org/alpha-members.git
        targetRevision: main
        path: '{{ .path.path }}'
        helm:
          ignoreMissingValueFiles: true
          valueFiles:
            - 'values-{{ .env }}.yaml'
      destination:
        server: https://kubernetes.default.svc
        namespace: '{{ .namespace }}'
`,
  );
  write('platform/Billing-API/Chart.yaml', CHART('billing-api'));
  write('platform/Billing-API/values.yaml', '# Replicas.\nreplicaCount: 1\n');
  write('platform/Billing-API/values-prod.yaml', 'replicaCount: 3\n');
  write('charts/microservice/Chart.yaml', CHART('microservice'));
  write('charts/microservice/values.yaml', '# Replicas.\nreplicaCount: 1\n');
  for (const app of ['api', 'web']) {
    for (const [env, ns] of [['dev', 'development'], ['prod', 'production']]) {
      write(`deployments/${app}/values-${env}.yaml`, `replicaCount: ${env === 'prod' ? 2 : 1}\n`);
      write(`argocd/applications/${app}-${env}.yaml`, application(`${app}-${env}`, ns, `    path: charts/microservice\n    helm:\n      valueFiles:\n        - ../../deployments/${app}/values-${env}.yaml`));
    }
  }
  for (const team of ['a', 'b']) {
    write(`teams/${team}/worker/Chart.yaml`, CHART('worker'));
    write(`teams/${team}/worker/values.yaml`, '# Replicas.\nreplicaCount: 1\n');
    write(`argocd/applications/${team}-worker-dev.yaml`, application(`${team}-worker-dev`, 'development', `    path: teams/${team}/worker`));
  }
  commit(dir);
  return dir;
}

function commit(dir: string): void {
  writeFileSync(join(dir, '.gitignore'), 'node_modules\npackages\ndist\n.nx\n');
  const git = (...args: string[]) => execFileSync('git', args, { cwd: dir, stdio: 'ignore' });
  git('init', '-q', '-b', 'main');
  git('add', '-A');
  git('-c', 'user.name=test', '-c', 'user.email=test@example.com', 'commit', '-q', '-m', 'workspace');
}

/**
 * The example workspace plus an app-of-apps: argocd/applications/root.yaml deploys the chart
 * bootstrap/, whose templates create guestbook-dev and guestbook-prod (the app-of-apps fixture of
 * packages/core). Only helm can tell those two Applications exist.
 */
export function workspaceWithAppOfApps(): string {
  const dir = copyWorkspace();
  const fixture = join(__dirname, '../../../core/src/workspace/fixtures/app-of-apps');
  for (const p of ['bootstrap', 'guestbook']) cpSync(join(fixture, p), join(dir, p), { recursive: true });
  const url = 'https://github.com/org/alpha-members.git';
  const values = join(dir, 'bootstrap/values.yaml');
  writeFileSync(values, readFileSync(values, 'utf8').replace('https://github.com/example/gitops.git', url));
  const root = readFileSync(join(fixture, 'argocd/root.yaml'), 'utf8').replace('https://github.com/example/gitops.git', url);
  writeFileSync(join(dir, 'argocd/applications/root.yaml'), root);
  commit(dir);
  return dir;
}
