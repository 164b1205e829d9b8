import { describe, expect, it } from 'vitest';
import { detectLayout } from './detect-layout';
import { gitopsYamlText } from './gitops-yaml-text';
import { parseConfig } from '../../config';
import { parseValuesYaml } from '../../yaml';

const repo = (files: Record<string, string>) => detectLayout(Object.keys(files), (p) => files[p]);

const application = (name: string, path: string, valueFiles: string[], ns: string, server = 'https://kubernetes.default.svc') => `
apiVersion: argoproj.io/v1alpha1
kind: Application
metadata: { name: ${name}, namespace: gitops }
spec:
  project: web
  source:
    repoURL: https://git.example.com/platform.git
    targetRevision: HEAD
    path: ${path}
    helm:
      valueFiles: [${valueFiles.join(', ')}]
  destination: { server: '${server}', namespace: ${ns} }
`;

describe('init detects the layout of a repository', () => {
  it('takes apps, envs, clusters and Argo CD settings from the Applications, whatever their file names', () => {
    const layout = repo({
      'charts/shop/values.yaml': 'a: 1\n',
      'charts/shop/values-prod.yaml': 'a: 2\n',
      'charts/shop/values-dev.yaml': 'a: 3\n',
      'charts/cart/values.yaml': 'a: 1\n',
      'apps/all.yaml': [
        application('shop-prod', 'charts/shop', ['values.yaml', 'values-prod.yaml'], 'shop', 'https://prod.k8s.example.com'),
        application('shop-dev', 'charts/shop', ['values.yaml', 'values-dev.yaml'], 'shop-dev'),
        application('cart-dev', './charts/cart/', ['values.yaml'], 'cart-dev'),
      ].join('---'),
    });
    expect(layout.source).toBe('argocd');
    expect(layout.apps).toEqual(['charts/*']);
    expect(layout.environments).toEqual([
      { name: 'dev', namespace: 'shop-dev', project: 'web', clusters: ['in-cluster'], tier: 'development' },
      { name: 'prod', namespace: 'shop', project: 'web', clusters: ['prod'], tier: 'production' },
    ]);
    expect(layout.clusters).toEqual([
      { name: 'in-cluster', server: 'https://kubernetes.default.svc' },
      { name: 'prod', server: 'https://prod.k8s.example.com' },
    ]);
    expect(layout.argocd).toEqual({ applications: 'apps', namespace: 'gitops', repoURL: 'https://git.example.com/platform.git', targetRevision: 'HEAD' });
  });

  it('expands an ApplicationSet list generator and says which generators it cannot expand', () => {
    const layout = repo({
      'helm/api/values.yaml': 'a: 1\n',
      'helm/api/values_staging.yaml': 'a: 1\n',
      'appsets/api.yaml': `apiVersion: argoproj.io/v1alpha1
kind: ApplicationSet
metadata: { name: api, namespace: argocd }
spec:
  generators:
    - list:
        elements:
          - { env: staging, url: https://kubernetes.default.svc }
          - { env: production, url: https://kubernetes.default.svc }
    - git: { repoURL: https://git.example.com/x.git, files: [{ path: x.json }] }
  template:
    metadata: { name: 'api-{{env}}' }
    spec:
      project: default
      source: { repoURL: https://git.example.com/x.git, path: helm/api, helm: { valueFiles: [values.yaml, 'values_{{env}}.yaml'] } }
      destination: { server: '{{url}}', namespace: 'api-{{env}}' }
`,
    });
    expect(layout.environments.map((e) => [e.name, e.namespace])).toEqual([['staging', 'api-staging'], ['production', 'api-production']]);
    expect(layout.overlayPatterns).toEqual(['values_{env}.yaml']);
    expect(layout.notDetected.join('\n')).toMatch(/appsets\/api\.yaml:10: this git generator reads another repository \(https:\/\/git\.example\.com\/x\.git\), so the Applications it generates are not known here/);
  });

  it('evaluates git generators over this repository (its remote origin), goTemplate included, as the workspace does', () => {
    const files: Record<string, string> = {
      'services/Billing-API/values.yaml': 'a: 1\n',
      'services/Billing-API/values-prod.yaml': 'a: 2\n',
      'services/cart/values.yaml': 'a: 1\n',
      'services/cart/values-prod.yaml': 'a: 2\n',
      'appsets/services.yaml': `apiVersion: argoproj.io/v1alpha1
kind: ApplicationSet
metadata: { name: services, namespace: argocd }
spec:
  goTemplate: true
  generators:
    - git: { repoURL: 'git@git.example.com:shop/deploy.git', revision: HEAD, directories: [{ path: 'services/*' }] }
  template:
    metadata: { name: '{{ .path.basenameNormalized }}-prod' }
    spec:
      project: default
      source: { repoURL: 'git@git.example.com:shop/deploy.git', path: '{{ .path.path }}', helm: { valueFiles: [values.yaml, values-prod.yaml] } }
      destination: { server: https://kubernetes.default.svc, namespace: '{{ .path.basenameNormalized }}' }
`,
    };
    const layout = detectLayout(Object.keys(files), (p) => files[p], { originURL: 'https://git.example.com/shop/deploy' });
    expect(layout.source).toBe('argocd');
    expect(layout.appDirs).toEqual(['services/Billing-API', 'services/cart']);
    expect(layout.environments.map((e) => e.name)).toEqual(['prod']);
    expect(layout.notDetected.join('\n')).not.toMatch(/git generator/);
  });

  it('with no Applications, reads envs from values file names and orders them dev first, prod last', () => {
    const layout = repo({
      'deploy/web/values.yaml': 'a: 1\n',
      'deploy/web/values-prod.yaml': '',
      'deploy/web/values-dev.yaml': '',
      'deploy/web/values-qa.yaml': '',
      'deploy/worker/values.yaml': 'a: 1\n',
      'deploy/worker/prod/values.yaml': '',
      'docs/values.yaml': 'not: an app\n',
    });
    expect(layout.source).toBe('none');
    expect(layout.appDirs).toEqual(['deploy/web', 'deploy/worker']);
    expect(layout.apps).toEqual(['deploy/*']);
    expect(layout.environments.map((e) => `${e.name}:${e.tier}`)).toEqual(['dev:development', 'qa:staging', 'prod:production']);
    expect(layout.notDetected.join('\n')).toMatch(/argocd\.repoURL: no Application and no git remote origin/);
    const withOrigin = detectLayout(['deploy/web/values.yaml', 'deploy/web/values-dev.yaml'], () => '', { originURL: 'git@git.example.com:shop/deploy.git' });
    expect(withOrigin.argocd.repoURL).toBe('git@git.example.com:shop/deploy.git');
  });

  it('declares the layout when the overlays are not named values-<env>.yaml', () => {
    const layout = repo({ 'charts/shop/values.yaml': 'a: 1\n', 'charts/shop/values_dev.yaml': '', 'charts/shop/values_prod.yaml': '' });
    const config = parseConfig(parseValuesYaml(gitopsYamlText(layout), 'gitops.yaml'));
    expect(config.environments.map((e) => e.name)).toEqual(['dev', 'prod']);
    expect(config.layouts).toEqual([expect.objectContaining({ apps: ['charts/*'], layers: ['{appDir}/values.yaml', '{appDir}/values_{env}.yaml'] })]);
  });

  it('says what it could not find in a repository without apps', () => {
    const layout = repo({ 'README.yaml': 'x: 1\n' });
    expect(layout.detected).toEqual([]);
    expect(layout.notDetected.join('\n')).toMatch(/apps: no folder with a values\.yaml/);
    expect(layout.notDetected.join('\n')).toMatch(/envs: no Argo CD Application and no values file named after an env/);
  });

  it('writes a gitops.yaml that loads as the detected workspace', () => {
    const layout = repo({
      'charts/shop/values.yaml': 'a: 1\n',
      'argocd/shop-dev.yaml': application('shop-dev', 'charts/shop', ['values.yaml', 'values-dev.yaml'], 'dev'),
      'argocd/shop-prod.yaml': application('shop-prod', 'charts/shop', ['values.yaml', 'values-prod.yaml'], 'prod', 'https://prod.example.com'),
    });
    const config = parseConfig(parseValuesYaml(gitopsYamlText(layout), 'gitops.yaml'));
    expect(config.apps).toEqual(['charts/*']);
    expect(config.environments.map((e) => [e.name, e.clusters, e.tier])).toEqual([['dev', ['in-cluster'], 'development'], ['prod', ['prod'], 'production']]);
    expect(config.promotion.paths).toEqual([{ from: 'dev', to: ['prod'] }]);
    expect(config.argocd.applications).toEqual(['argocd']);
  });

  it('turns off the missing-Application check, and says so, when the repository has no Applications', () => {
    const layout = repo({ 'charts/shop/values.yaml': 'a: 1\n', 'charts/shop/values-dev.yaml': '', 'charts/shop/values-prod.yaml': '' });
    const config = parseConfig(parseValuesYaml(gitopsYamlText(layout), 'gitops.yaml'));
    expect(config.policy.tiers.development?.rules['argocd-application-missing']).toBe('off');
    expect(config.policy.tiers.production?.rules['argocd-application-missing']).toBe('off');
    expect(layout.notDetected.join('\n')).toMatch(/Argo CD Applications: none found, so gitops.yaml turns the argocd-application-missing check off/);
  });
});

/** An Application from its spec fields, as YAML (flow style). */
const app = (name: string, spec: string, meta = 'namespace: argocd') => `apiVersion: argoproj.io/v1alpha1
kind: Application
metadata: { name: ${name}, ${meta} }
spec:
${spec}
`;

describe('what init reads from each Application', () => {
  it('names clusters: in-cluster by its URL or name, a named cluster as named, else after the host of its server', () => {
    const dest = (d: string) => `  project: default\n  source: { repoURL: https://git.example.com/p.git, path: charts/web }\n  destination: { ${d} }`;
    const layout = repo({
      'charts/web/values.yaml': '',
      'argocd/web.yaml': [
        app('web-local', dest('name: in-cluster, namespace: web')),
        app('web-dev', dest('server: http://Dev_Box.internal:6443, namespace: web')),
        app('web-qa', dest('name: qa-eu, server: https://10.0.0.7:6443, namespace: web')),
        app('web-prod', dest('name: prod-eu, namespace: web')),
        app('web-stage', dest('server: "https://:6443", namespace: web')),
      ].join('---\n'),
    });
    expect(layout.clusters).toEqual([
      { name: 'in-cluster', server: 'https://kubernetes.default.svc' },
      { name: 'dev-box', server: 'http://Dev_Box.internal:6443' },
      { name: 'qa-eu', server: 'https://10.0.0.7:6443' },
      { name: 'cluster', server: 'https://:6443' },
    ]);
    expect(layout.environments.map((e) => [e.name, e.clusters])).toEqual([['local', ['in-cluster']], ['dev', ['dev-box']], ['qa', ['qa-eu']], ['stage', ['cluster']], ['prod', []]]);
    expect(layout.notDetected).toEqual(['cluster prod-eu: the Applications name it but give no server; add it under clusters in gitops.yaml']);
    expect(layout.detected).toContain('clusters: in-cluster (https://kubernetes.default.svc), dev-box (http://Dev_Box.internal:6443), qa-eu (https://10.0.0.7:6443), cluster (https://:6443), prod-eu');
  });

  it('takes the env from the values file its name names, else its name after the app folder, else its namespace; says which it cannot place', () => {
    const spec = (path: string, ns: string, valueFiles = '[values.yaml]') =>
      `  project: default\n  source: { repoURL: https://git.example.com/p.git, path: ${path}, helm: { valueFiles: ${valueFiles} } }\n  destination: { server: https://kubernetes.default.svc, namespace: ${ns} }`;
    const layout = repo({
      'charts/web/values.yaml': '',
      'charts/api/values.yaml': '',
      'argocd/apps.yaml': [
        app('web-qa', spec('charts/web', 'web', '[values.yaml, values-eu.yaml, values-qa.yaml, values-extra.yaml]')),
        app('web-blue', spec('charts/web', 'prod', '[values-eu.yaml, values-prod.yaml, values-extra.yaml]')),
        app('web-dev', spec('charts/web', 'web-ns')),
        app('api-main', spec('charts/api', 'Team_A')),
        app('shop', spec('charts/api', 'shop_x')),
        app('cart', spec('charts/api', 'Shop')),
        app('billing', spec('charts/billing', 'billing')),
        // a name that does not start with the app's: the namespace says the env
        app('legacy', spec('charts/web', 'uat')),
        app('redis', '  project: default\n  source: { repoURL: https://charts.bitnami.com/bitnami, chart: redis, targetRevision: 18.0.0 }\n  destination: { server: https://kubernetes.default.svc, namespace: redis }'),
      ].join('---\n'),
    });
    expect(layout.environments.map((e) => e.name)).toEqual(['dev', 'qa', 'main', 'uat', 'prod']);
    expect(layout.notDetected).toEqual([
      'argocd/apps.yaml (shop): no env in its values files, name or namespace',
      'argocd/apps.yaml (cart): no env in its values files, name or namespace',
      'argocd/apps.yaml (billing): its source path charts/billing is not a folder of this repository with a values.yaml',
      'argocd/apps.yaml (redis): its source path (none) is not a folder of this repository with a values.yaml',
    ]);
  });

  it('reads the chart source of a multi-source Application, not its $values reference', () => {
    const layout = repo({
      'charts/web/values.yaml': '',
      'argocd/web.yaml': app('web-dev', `  project: default
  sources:
    - { repoURL: https://git.example.com/values.git, targetRevision: v2, ref: values }
    - { repoURL: https://git.example.com/p.git, targetRevision: main, path: charts/web, helm: { valueFiles: [values.yaml, $values/web/values-dev.yaml] } }
  destination: { server: https://kubernetes.default.svc, namespace: web }`),
    });
    expect(layout.appDirs).toEqual(['charts/web']);
    expect(layout.argocd).toEqual({ applications: 'argocd', namespace: 'argocd', repoURL: 'https://git.example.com/p.git', targetRevision: 'main' });
  });

  it('settles on what most Applications say, and fills in only what they say', () => {
    const spec = (path: string, extra: string) => `  source: { repoURL: https://git.example.com/p.git, path: ${path}${extra} }\n  destination: { server: https://kubernetes.default.svc }`;
    const layout = repo({
      'charts/web/values.yaml': '',
      'charts/api/values.yaml': '',
      'charts/db/values.yaml': '',
      'argocd/a.yaml': app('web-dev', spec('charts/web', ''), 'namespace: gitops'),
      'argocd/b.yaml': app('api-dev', `  project: team\n${spec('charts/api', ', targetRevision: main')}`, 'labels: {}'),
      'argocd/c.yaml': app('db-dev', `  project: team\n${spec('charts/db', '')}`.replace('destination: {', 'destination: { namespace: data,'), 'labels: {}'),
      'argocd/d.yaml': app('db-prod', `  project: ops\n${spec('charts/db', ', helm: { valueFiles: [values.yaml, values-prod.yaml] }')}`, 'namespace: argocd'),
      'argocd/e.yaml': app('web-prod', `  project: web\n${spec('charts/web', ', helm: { valueFiles: [values-prod.yaml] }')}`, 'namespace: argocd'),
    });
    expect(layout.appDirs).toEqual(['charts/api', 'charts/db', 'charts/web']);
    expect(layout.environments).toEqual([
      // the one Application of dev that names a namespace, though two name none
      { name: 'dev', namespace: 'data', project: 'team', clusters: ['in-cluster'], tier: 'development' },
      { name: 'prod', namespace: undefined, project: 'ops', clusters: ['in-cluster'], tier: 'production' },
    ]);
    expect(layout.argocd).toEqual({ applications: 'argocd', namespace: 'argocd', repoURL: 'https://git.example.com/p.git', targetRevision: 'main' });
    expect(layout.overlayPatterns).toEqual(['values-{env}.yaml']);
  });

  it('names the folder of the Applications it used, not of ApplicationSets or of Applications it could not use', () => {
    const spec = (path: string, ns: string) => `  project: default\n  source: { repoURL: https://git.example.com/p.git, path: ${path} }\n  destination: { server: https://kubernetes.default.svc, namespace: ${ns} }`;
    const layout = repo({
      'charts/web/values.yaml': '',
      'charts/api/values.yaml': '',
      'argocd/apps/dev/web.yaml': app('web-dev', spec('charts/web', 'web')),
      'argocd/apps/prod/web.yaml': app('web-prod', spec('charts/web', 'web')),
      'argocd/other/redis.yaml': app('redis-prod', spec('vendor/redis', 'redis')),
      'appsets/api.yaml': `apiVersion: argoproj.io/v1alpha1
kind: ApplicationSet
metadata: { name: api, namespace: argocd }
spec:
  generators: [{ list: { elements: [{ env: dev }] } }]
  template:
    metadata: { name: 'api-{{env}}' }
    spec:
      project: default
      source: { repoURL: https://git.example.com/p.git, path: charts/api }
      destination: { server: https://kubernetes.default.svc, namespace: api }
`,
    });
    expect(layout.argocd.applications).toBe('argocd/apps');
    expect(layout.detected).toContain('Argo CD Applications in argocd/apps/');
    const onlyAppSet = repo({ 'charts/api/values.yaml': '', 'appsets/api.yaml': `apiVersion: argoproj.io/v1alpha1
kind: ApplicationSet
metadata: { name: api }
spec:
  generators: [{ list: { elements: [{ env: dev }] } }]
  template:
    metadata: { name: 'api-{{env}}' }
    spec: { project: default, source: { repoURL: https://git.example.com/p.git, path: charts/api }, destination: { server: https://kubernetes.default.svc, namespace: api } }
` });
    expect(onlyAppSet.argocd.applications).toBeUndefined();
    expect(onlyAppSet.detected).toEqual([
      'apps: charts/api',
      'envs, in promotion order: dev (from 1 Argo CD Application(s) and ApplicationSet element(s); check the order)',
      'clusters: in-cluster (https://kubernetes.default.svc)',
    ]);
    // one env: nothing to promote to
    expect(gitopsYamlText(onlyAppSet)).not.toContain('promotion:');
  });

  it('keeps what it can of half-written Applications and says what is missing', () => {
    const layout = detectLayout(['charts/web/values.yaml', 'charts/web/prod/values.yaml', 'argocd/a.yaml'], (p) => (p === 'argocd/a.yaml' ? [
      app('web-dev', '  source: { path: charts/web, targetRevision: "" }\n  destination: { namespace: "" }'),
      app('web-qa', '  destination: { server: https://kubernetes.default.svc, namespace: web }'),
      app('web-prod', '  source: { repoURL: https://git.example.com/p.git, path: charts/web/prod }\n  destination: { server: https://kubernetes.default.svc, namespace: web }'),
    ].join('---\n') : ''), { originURL: 'git@git.example.com:shop/deploy.git' });
    expect(layout.environments).toEqual([{ name: 'dev', namespace: undefined, project: 'default', clusters: [], tier: 'development' }]);
    // of three Applications, one gave the env: the other two are said below
    expect(layout.detected).toContain('envs, in promotion order: dev (from 1 Argo CD Application(s) and ApplicationSet element(s); check the order)');
    // the URL an Application names wins over the origin, though two name none; an empty targetRevision is none
    expect(layout.argocd).toEqual({ applications: 'argocd', namespace: 'argocd', repoURL: 'https://git.example.com/p.git', targetRevision: undefined });
    expect(layout.notDetected).toEqual([
      'argocd/a.yaml:5: this source has no repoURL',
      'argocd/a.yaml:12: this Application has neither spec.source nor spec.sources',
      'argocd/a.yaml (web-qa): its source path (none) is not a folder of this repository with a values.yaml',
      // an env's values folder is no chart
      'argocd/a.yaml (web-prod): its source path charts/web/prod is not a folder of this repository with a values.yaml',
      'clusters: no Argo CD Application says where the apps deploy; the default is the cluster Argo CD runs in',
    ]);
  });

  it('names the root as the folder of Applications spread over several', () => {
    const spec = `  project: default\n  source: { repoURL: https://git.example.com/p.git, path: charts/web }\n  destination: { server: https://kubernetes.default.svc, namespace: web }`;
    const layout = repo({ 'charts/web/values.yaml': '', 'argocd/dev.yaml': app('web-dev', spec), 'deploy/prod.yaml': app('web-prod', spec) });
    expect(layout.argocd.applications).toBe('.');
    expect(gitopsYamlText(layout)).toContain('\nargocd:\n  applications: "."\n');
  });

  it('says which manifest it could not read, with its line', () => {
    const layout = repo({ 'charts/web/values.yaml': '', 'argocd/web.yaml': 'apiVersion: argoproj.io/v1alpha1\nkind: Application\nmetadata:\n  namespace: argocd\nspec: {}\n' });
    expect(layout.notDetected[0]).toBe('argocd/web.yaml:4: this Application has no metadata.name');
  });
});

describe('which folders init takes for apps', () => {
  it('a glob for a folder whose every chart is an app, the folders themselves when some chart is not deployed', () => {
    const spec = (path: string) => `  project: default\n  source: { repoURL: https://git.example.com/p.git, path: ${path} }\n  destination: { server: https://kubernetes.default.svc, namespace: x }`;
    const layout = repo({
      'charts/web/values.yaml': '',
      'charts/api/values.yaml': '',
      'charts/unused/values.yaml': '',
      'platform/values.yaml': '',
      'platform/redis/values.yaml': '',
      'platform/redis/Chart.yaml': '',
      'argocd/apps.yaml': [app('web-dev', spec('charts/web')), app('api-dev', spec('charts/api')), app('redis-dev', spec('platform/redis'))].join('---\n'),
    });
    expect(layout.appDirs).toEqual(['charts/api', 'charts/web', 'platform/redis']);
    expect(layout.apps).toEqual(['charts/api', 'charts/web', 'platform/*']);
  });

  it('from values files: env overlays one folder down belong to the app, deeper ones do not', () => {
    const layout = repo({
      'deploy/web/values.yaml': '',
      'deploy/web/values-dev.yaml': '',
      'deploy/web/prod/values.yaml': '',
      'deploy/web/old/eu/values-qa.yaml': '',
    });
    expect(layout.appDirs).toEqual(['deploy/web']);
    expect(layout.environments.map((e) => e.name)).toEqual(['dev', 'prod']);
    expect(layout.overlayPatterns).toEqual(['values-{env}.yaml', '{env}/values.yaml']);
    expect(layout.detected).toContain('values files named values-{env}.yaml, {env}/values.yaml');
  });

  it('lists nested app folders in order, and normalizes source paths as Argo CD does', () => {
    const spec = (path: string) => `  project: default\n  source: { repoURL: https://git.example.com/p.git, path: '${path}' }\n  destination: { server: https://kubernetes.default.svc, namespace: x }`;
    const layout = repo({
      'charts/api/values.yaml': '',
      'charts/web/values.yaml': '',
      'charts/worker/values.yaml': '',
      'charts/unused/values.yaml': '',
      'charts/web/sub/Chart.yaml': '',
      'charts/web/sub/values.yaml': '',
      'charts/web/other/Chart.yaml': '',
      'charts/web/other/values.yaml': '',
      'argocd/apps.yaml': [app('api-dev', spec('./charts/api/')), app('web-dev', spec('charts/./web')), app('worker-dev', spec('charts/worker')), app('sub-dev', spec('charts/web/sub'))].join('---\n'),
    });
    expect(layout.apps).toEqual(['charts/api', 'charts/web', 'charts/web/sub', 'charts/worker']);
  });
});

describe('init on a repository of several app-of-apps charts', () => {
  it('takes none of them for an app, names each, and reads the Applications from where their parents are', () => {
    const chart = (dir: string) => ({
      [`${dir}/Chart.yaml`]: 'apiVersion: v2\nname: x\nversion: 0.1.0\n',
      [`${dir}/values.yaml`]: 'envs: [dev]\n',
      [`${dir}/templates/apps.yaml`]: 'apiVersion: argoproj.io/v1alpha1\nkind: Application\nmetadata: { name: \'{{ .Release.Name }}\' }\n',
    });
    const parent = (name: string, path: string) => `apiVersion: argoproj.io/v1alpha1
kind: Application
metadata: { name: ${name}, namespace: argocd }
spec:
  project: default
  source: { repoURL: https://git.example.com/platform.git, targetRevision: main, path: ${path} }
  destination: { server: https://kubernetes.default.svc, namespace: argocd }
`;
    const layout = detectLayout(
      Object.keys({ ...chart('roots/web'), ...chart('roots/data'), 'charts/api/values.yaml': '', 'charts/api/values-dev.yaml': '', 'argocd/roots.yaml': '' }),
      (p) => ({ ...chart('roots/web'), ...chart('roots/data'), 'argocd/roots.yaml': [parent('web', 'roots/web'), parent('data', 'roots/data')].join('---\n') } as Record<string, string>)[p] ?? '',
      { originURL: 'https://git.example.com/platform.git' },
    );
    expect(layout.appDirs).toEqual(['charts/api']);
    expect(layout.appOfApps).toEqual(['roots/web', 'roots/data']);
    expect(layout.detected).toContain('app-of-apps: web (argocd/roots.yaml) renders roots/web, data (argocd/roots.yaml) renders roots/data; the Applications it creates deploy the apps');
    expect(gitopsYamlText(layout)).toContain("\n# The apps' Applications are made by app-of-apps charts roots/web, roots/data: helm renders them (helm.binary, else helm on PATH).\nargocd:\n  applications: argocd\n");
  });
});
