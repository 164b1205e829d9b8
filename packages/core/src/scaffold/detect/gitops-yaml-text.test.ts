import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { helmBinary, HELM_MAJORS } from '../../../../../tools/test/helm';
import { appOfAppsRenderer } from '../../workspace';
import { detectLayout, type DetectedLayout } from './detect-layout';
import { gitopsYamlText, initSummary } from './gitops-yaml-text';
import { repoFiles, repoFileText } from './repo-files';

// Layouts of real public repositories, vendored with their origin and licence (README.md in each).
const FIXTURES = join(__dirname, '../../workspace/fixtures');

/** What init detects in a fixture, without the gitops.yaml the fixture already has. */
function detectFixture(name: string, originURL?: string): DetectedLayout {
  const root = join(FIXTURES, name);
  return detectLayout(repoFiles(root).filter((f) => f !== 'gitops.yaml'), repoFileText(root), { originURL });
}

const HEADER = [
  '# The GitOps workspace, as `gitops init` found it in this repository: check it, then commit it.',
  '# Schema: https://github.com/helm-values-manager/helm-values-manager/blob/main/docs/configuration.md',
  '',
  '# App folders: each holds values.yaml and its per-env overlays.',
];
const text = (...lines: string[]) => `${[...HEADER, ...lines].join('\n')}\n`;
/** The envs, cluster and promotion of a repository that deploys dev and prod to the cluster Argo CD runs in. */
const DEV_PROD_IN_CLUSTER = [
  '# In promotion order: check it.',
  'environments:',
  '  - name: dev',
  '    namespace: development',
  '    tier: development',
  '    project: default',
  '    cluster: in-cluster',
  '  - name: prod',
  '    namespace: production',
  '    tier: production',
  '    project: default',
  '    cluster: in-cluster',
  '',
  'clusters:',
  '  - name: in-cluster',
  '    server: https://kubernetes.default.svc',
  '',
  'promotion:',
  '  paths:',
  '    - from: dev',
  '      to: prod',
];

describe('the gitops.yaml init writes for a detected layout', () => {
  it('app-of-apps: the chart that makes the Applications is no app and its destination no env; the apps and envs come from the values files', () => {
    const layout = detectFixture('app-of-apps', 'https://github.com/example/gitops.git');
    expect(gitopsYamlText(layout)).toBe(text(
      'apps: guestbook',
      '',
      "# The apps' Applications are made by app-of-apps chart bootstrap: helm renders it (helm.binary, else helm on PATH).",
      'argocd:',
      '  applications: argocd',
      '  namespace: argocd',
      '  repoURL: https://github.com/example/gitops.git',
      '  targetRevision: HEAD',
      '',
      '# In promotion order: check it.',
      'environments:',
      '  - name: dev',
      '    tier: development',
      '  - name: prod',
      '    tier: production',
      '',
      'promotion:',
      '  paths:',
      '    - from: dev',
      '      to: prod',
    ));
    expect(initSummary(layout, 'written')).toBe([
      'Detected:',
      '  apps: guestbook',
      '  envs, in promotion order: dev -> prod (from values file names; check the order)',
      '  values files named values-{env}.yaml',
      '  Argo CD Applications in argocd/',
      '  app-of-apps: root (argocd/root.yaml) renders bootstrap; the Applications it creates deploy the apps',
      'Could not detect:',
      '  argocd/root.yaml:11: Application "root" renders chart bootstrap, which creates Applications (app-of-apps), but no helm is available to render it: the Applications it creates are not read, so their values, validate, lint, diff and promotion are not checked, and the envs they deploy may look undeployed',
      '  clusters: no Argo CD Application says where the apps deploy; the default is the cluster Argo CD runs in',
      'Wrote gitops.yaml from the above: check the env order and tiers, then commit it.',
      '',
    ].join('\n'));
  });

  it('one folder of Applications per env: envs, namespaces, projects and the in-cluster cluster from the Applications', () => {
    const layout = detectFixture('per-env-folders');
    expect(gitopsYamlText(layout)).toBe(text(
      'apps: guestbook',
      '',
      'argocd:',
      '  applications: envs',
      '  namespace: argocd-dev',
      '  repoURL: https://github.com/example/gitops',
      '  targetRevision: HEAD',
      '',
      ...DEV_PROD_IN_CLUSTER,
    ));
    expect(initSummary(layout, 'written')).toBe([
      'Detected:',
      '  apps: guestbook',
      '  envs, in promotion order: dev -> prod (from 2 Argo CD Application(s) and ApplicationSet element(s); check the order)',
      '  clusters: in-cluster (https://kubernetes.default.svc)',
      '  values files named values_{env}.yaml',
      '  Argo CD Applications in envs/',
      'Wrote gitops.yaml from the above: check the env order and tiers, then commit it.',
      '',
    ].join('\n'));
  });

  it('multi-source Applications: the env is the values file the Application is named after, not a file layered on top of it', () => {
    const layout = detectFixture('multi-source-values', 'git@github.com:example/gitops.git');
    expect(layout.environments).toEqual([
      { name: 'staging', namespace: 'staging', project: 'guestbook', clusters: ['in-cluster'], tier: 'staging' },
      // guestbook-prod layers values-production.yaml, environments/prod/values.yaml and .../values-override.yaml
      { name: 'prod', namespace: 'production', project: 'guestbook', clusters: ['in-cluster'], tier: 'production' },
    ]);
    expect(layout.overlayPatterns).toEqual(['{env}/values.yaml']);
    // an Application names the URL, so the origin is not used
    expect(layout.argocd).toEqual({ applications: 'argocd', namespace: 'argocd', repoURL: 'https://github.com/example/gitops.git', targetRevision: 'main' });
    expect(layout.detected).toEqual([
      'apps: charts/guestbook',
      'envs, in promotion order: staging -> prod (from 2 Argo CD Application(s) and ApplicationSet element(s); check the order)',
      'clusters: in-cluster (https://kubernetes.default.svc)',
      'values files named {env}/values.yaml',
      'Argo CD Applications in argocd/',
    ]);
    expect(layout.notDetected).toEqual([]);
  });

  it('a shared chart without values.yaml: the Applications are named as unusable, envs come from values file names, and the missing-Application check is off per tier', () => {
    const layout = detectFixture('shared-chart');
    expect(gitopsYamlText(layout)).toBe(text(
      'apps: services/*',
      '',
      'argocd:',
      '  namespace: argocd',
      '  repoURL: https://github.com/example/gitops.git',
      '  targetRevision: HEAD',
      '',
      '# In promotion order: check it.',
      'environments:',
      '  - name: staging',
      '    tier: staging',
      '  - name: prod',
      '    tier: production',
      '',
      'promotion:',
      '  paths:',
      '    - from: staging',
      '      to: prod',
      '',
      '# No Argo CD Application was found, so argocd-application-missing is off: turn it back on once',
      '# the Applications exist (`nx g env` and `nx g app` write them).',
      'policy:',
      '  tiers:',
      '    staging:',
      '      rules:',
      '        argocd-application-missing: off',
      '    production:',
      '      rules:',
      '        argocd-application-missing: off',
    ));
    expect(initSummary(layout, 'kept')).toBe([
      'Detected:',
      '  apps: services/api, services/web',
      '  envs, in promotion order: staging -> prod (from values file names; check the order)',
      '  values files named values-{env}.yaml',
      'Could not detect:',
      '  argocd/api.yaml (api-staging): its source path charts/microservice is not a folder of this repository with a values.yaml',
      '  argocd/api.yaml (api-prod): its source path charts/microservice is not a folder of this repository with a values.yaml',
      '  argocd/web.yaml (web-staging): its source path charts/microservice is not a folder of this repository with a values.yaml',
      '  argocd/web.yaml (web-prod): its source path charts/microservice is not a folder of this repository with a values.yaml',
      '  clusters: no Argo CD Application says where the apps deploy; the default is the cluster Argo CD runs in',
      '  Argo CD Applications: none found, so gitops.yaml turns the argocd-application-missing check off until they exist',
      'gitops.yaml exists: kept as it is (remove it to detect again).',
      '',
    ].join('\n'));
  });

  it('ApplicationSets over another repository: says which generators it cannot expand and takes the URL from the git remote origin', () => {
    const layout = detectFixture('appset-matrix', 'https://github.com/example/deploy.git');
    expect(layout.notDetected.slice(0, 2)).toEqual([
      'appsets/apps.yaml:13: this git generator reads another repository (https://github.com/example/gitops.git), so the Applications it generates are not known here',
      'appsets/images.yaml:9: this git generator reads another repository (https://github.com/example/gitops.git), so the Applications it generates are not known here',
    ]);
    expect(layout.detected).toContain('argocd.repoURL: https://github.com/example/deploy.git (the git remote origin; no Application names one)');
    expect(gitopsYamlText(layout)).toContain('\nargocd:\n  repoURL: https://github.com/example/deploy.git\n\n');
  });

  it('declares how overlays are named when no Application says so and they are not values-<env>.yaml, listing several apps', () => {
    const files: Record<string, string> = {
      'deploy/web/values.yaml': '', 'deploy/web/values.dev.yaml': '', 'deploy/web/values.prod.yaml': '',
      'deploy/api/values.yaml': '', 'deploy/api/values.dev.yaml': '',
      'deploy/legacy/values.yaml': '',
    };
    const layout = detectLayout(Object.keys(files), (p) => files[p]);
    expect(gitopsYamlText(layout)).toBe(text(
      'apps:',
      '  - deploy/api',
      '  - deploy/web',
      '',
      "# How the values files are named: base first, then the env's overlay.",
      'layouts:',
      '  - apps: [deploy/api, deploy/web]',
      '    layers: ["{appDir}/values.yaml", "{appDir}/values.{env}.yaml"]',
      '',
      '# In promotion order: check it.',
      'environments:',
      '  - name: dev',
      '    tier: development',
      '  - name: prod',
      '    tier: production',
      '',
      'promotion:',
      '  paths:',
      '    - from: dev',
      '      to: prod',
      '',
      '# No Argo CD Application was found, so argocd-application-missing is off: turn it back on once',
      '# the Applications exist (`nx g env` and `nx g app` write them).',
      'policy:',
      '  tiers:',
      '    development:',
      '      rules:',
      '        argocd-application-missing: off',
      '    production:',
      '      rules:',
      '        argocd-application-missing: off',
    ));
  });

  it('an empty repository: a gitops.yaml with placeholders that say what to fill in, and a summary that found nothing', () => {
    const layout = detectLayout([], () => undefined);
    expect(gitopsYamlText(layout)).toBe(text(
      "# No app folder found: set the folders of your charts' values here.",
      'apps: deployment/helm/*',
      '',
      '# In promotion order: check it.',
      '# No env found: add yours, e.g. - name: dev',
      'environments: []',
    ));
    expect(initSummary(layout, 'written')).toBe([
      'Detected:',
      '  nothing',
      'Could not detect:',
      '  apps: no folder with a values.yaml that an Application deploys or that has per-env values files',
      '  envs: no Argo CD Application and no values file named after an env (values-<env>.yaml, values_<env>.yaml, <env>/values.yaml)',
      '  clusters: no Argo CD Application says where the apps deploy; the default is the cluster Argo CD runs in',
      '  argocd.repoURL: no Application and no git remote origin names the Git URL of this repository; set it before generating Applications',
      'Wrote gitops.yaml from the above: check the env order and tiers, then commit it.',
      '',
    ].join('\n'));
  });

  it('an env on several clusters lists them; three envs chain their promotion paths; values YAML would misread are quoted', () => {
    const layout: DetectedLayout = {
      source: 'argocd',
      appDirs: ['charts/on'],
      apps: ['charts/on'],
      environments: [
        { name: 'dev', clusters: [], tier: 'development' },
        { name: 'qa', namespace: 'yes', clusters: ['eu'], tier: 'staging' },
        { name: 'prod', project: 'shop', clusters: ['eu', 'us'], tier: 'production' },
      ],
      clusters: [{ name: 'eu', server: 'https://eu.example.com:6443' }, { name: 'us', server: 'https://us.example.com' }],
      argocd: { targetRevision: '1.10' },
      overlayPatterns: ['values_{env}.yaml'],
      appOfApps: [],
      detected: [],
      notDetected: [],
    };
    expect(gitopsYamlText(layout)).toBe(text(
      'apps: charts/on',
      '',
      'argocd:',
      '  targetRevision: "1.10"',
      '',
      '# In promotion order: check it.',
      'environments:',
      '  - name: dev',
      '    tier: development',
      '  - name: qa',
      '    namespace: "yes"',
      '    tier: staging',
      '    cluster: eu',
      '  - name: prod',
      '    tier: production',
      '    project: shop',
      '    clusters:',
      '      - eu',
      '      - us',
      '',
      'clusters:',
      '  - name: eu',
      '    server: https://eu.example.com:6443',
      '  - name: us',
      '    server: https://us.example.com',
      '',
      'promotion:',
      '  paths:',
      '    - from: dev',
      '      to: qa',
      '    - from: qa',
      '      to: prod',
    ));
  });
});

describe.each(HELM_MAJORS)('init on an app-of-apps repository with helm %i', (major) => {
  it('reads the Applications the chart makes, as Argo CD would: apps, envs, namespaces and the cluster from them', () => {
    const root = join(FIXTURES, 'app-of-apps');
    const helm = () => (args: string[], cwd: string) => execFileSync(helmBinary(major), args, { cwd, encoding: 'utf8' });
    const layout = detectLayout(repoFiles(root).filter((f) => f !== 'gitops.yaml'), repoFileText(root), { originURL: 'https://github.com/example/gitops.git' }, appOfAppsRenderer(root, helm));
    expect(gitopsYamlText(layout)).toBe(text(
      'apps: guestbook',
      '',
      "# The apps' Applications are made by app-of-apps chart bootstrap: helm renders it (helm.binary, else helm on PATH).",
      'argocd:',
      '  applications: argocd',
      '  namespace: argocd',
      '  repoURL: https://github.com/example/gitops.git',
      '  targetRevision: HEAD',
      '',
      ...DEV_PROD_IN_CLUSTER,
    ));
    expect(layout.notDetected).toEqual([]);
    expect(layout.detected).toContain('envs, in promotion order: dev -> prod (from 2 Argo CD Application(s) and ApplicationSet element(s); check the order)');
  });
});
