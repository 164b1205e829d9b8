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
