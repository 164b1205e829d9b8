import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { clusterTargets, declaredLayers, isDeclared, layers, overlayFileName } from './layers';
import { copyExampleWorkspace, editFile } from '../test-support/example-workspace';
import { getApp, loadWorkspace } from './workspace';

// The layers gitops.yaml declares for a repository without Applications: the convention, or a
// layout's patterns with env attributes, each layer's role, env and cluster.
function workspace(gitops: string, files: string[]) {
  const root = mkdtempSync(join(tmpdir(), 'hvm-layers-'));
  for (const [f, text] of [['gitops.yaml', gitops], ...files.map((f) => [f, 'a: 1\n'])]) {
    mkdirSync(dirname(join(root, f)), { recursive: true });
    writeFileSync(join(root, f), text);
  }
  return loadWorkspace(root);
}
const ENVS = `environments:
  - name: base
    namespace: base
  - name: prod
    namespace: production
    parent: base
    clusters: [in-cluster, eu]
    attributes: {region: emea}
clusters:
  - name: in-cluster
    server: https://kubernetes.default.svc
  - name: eu
    server: https://eu.example.com
`;
const shown = (ls: ReturnType<typeof layers>) => ls.map((l) => `${l.role} ${l.file} ${l.valueFile}${l.env ? ` env=${l.env}` : ''}${l.cluster ? ` cluster=${l.cluster}` : ''}${l.exists ? '' : ' (missing)'}`);

describe('declared layers', () => {
  it('follow the convention: values.yaml, each ancestor env overlay, the env own, the cluster own', () => {
    const ws = workspace(`apps: deployment/*\n${ENVS}`, ['deployment/web/values.yaml', 'deployment/web/values-prod.yaml', 'deployment/web/values-prod.eu.yaml']);
    expect(shown(layers(ws, 'web', 'prod', 'eu'))).toEqual([
      'base deployment/web/values.yaml values.yaml',
      'env deployment/web/values-base.yaml values-base.yaml env=base (missing)',
      'env deployment/web/values-prod.yaml values-prod.yaml env=prod',
      'cluster deployment/web/values-prod.eu.yaml values-prod.eu.yaml env=prod cluster=eu',
    ]);
    expect(layers(ws, 'web', 'base').map((l) => l.absPath)).toEqual([join(ws.root, 'deployment/web/values.yaml'), join(ws.root, 'deployment/web/values-base.yaml')]);
    expect(() => declaredLayers(ws, 'web', 'base', 'eu')).toThrow('env "base" does not deploy to cluster "eu"');
    expect(overlayFileName('prod')).toBe('values-prod.yaml');
    expect(isDeclared(ws, getApp(ws, 'web'))).toBe(true);
    expect(clusterTargets(ws, 'deployment/web', 'prod')).toEqual(['eu']);
    expect(clusterTargets(ws, 'deployment/web', 'base')).toEqual([undefined]);
  });

  it("follow a layout's patterns, with env attributes, skipping a layer that names what the env lacks", () => {
    const ws = workspace(
      `apps: none/*\nlayouts:\n  - apps: [charts/*]\n    layers: ['{appDir}/values.yaml', 'regions/{region}/{app}.yaml', 'envs/{env}/{app}.yaml', 'envs/{env}/{cluster}/{app}.yaml']\n${ENVS}`,
      ['charts/web/values.yaml', 'regions/emea/web.yaml', 'envs/prod/eu/web.yaml'],
    );
    const web = getApp(ws, 'web');
    expect(isDeclared(ws, web)).toBe(true);
    expect(shown(layers(ws, web, 'prod', 'eu'))).toEqual([
      'base charts/web/values.yaml values.yaml',
      'env regions/emea/web.yaml ../../regions/emea/web.yaml env=prod',
      'env envs/prod/web.yaml ../../envs/prod/web.yaml env=prod (missing)',
      'cluster envs/prod/eu/web.yaml ../../envs/prod/eu/web.yaml env=prod cluster=eu',
    ]);
    expect(shown(declaredLayers(ws, 'web', 'base'))).toEqual(['base charts/web/values.yaml values.yaml', 'env envs/base/web.yaml ../../envs/base/web.yaml env=base (missing)']);
  });
});

describe('the layers of an Application', () => {
  const PROD = 'argocd/applications/alpha-members-prod.yaml';
  function example(valueFiles: string, eu = false) {
    const root = copyExampleWorkspace();
    editFile(root, PROD, '        - values.yaml\n        - values-prod.yaml\n', valueFiles);
    if (eu) {
      editFile(root, 'gitops.yaml', '    tier: production\n', '    tier: production\n    clusters: [in-cluster, eu]\n');
      editFile(root, 'gitops.yaml', 'clusters:\n  - name: in-cluster\n', 'clusters:\n  - name: eu\n    server: https://eu.example.com\n  - name: in-cluster\n');
      const text = readFileSync(join(root, PROD), 'utf8');
      writeFileSync(join(root, 'argocd/applications/alpha-members-prod-eu.yaml'), text.replace('name: alpha-members-prod', 'name: alpha-members-prod-eu').replace('server: https://kubernetes.default.svc', 'server: https://eu.example.com'));
    }
    return loadWorkspace(root);
  }

  it("are its value files in its order, the chart's values.yaml first when not listed, each with its env and cluster", () => {
    const ws = example('        - values-prod.yaml\n        - https://example.com/values.yaml\n        - values-missing.yaml\n      ignoreMissingValueFiles: true\n', true);
    expect(shown(layers(ws, 'alpha-members', 'prod'))).toEqual([
      'base deployment/helm/alpha-members/values.yaml values.yaml env=prod',
      'env deployment/helm/alpha-members/values-prod.yaml values-prod.yaml env=prod',
      'env deployment/helm/alpha-members/values-missing.yaml values-missing.yaml env=prod (missing)',
    ]);
    expect(shown(layers(ws, getApp(ws, 'alpha-members'), 'prod', 'eu'))).toEqual([
      'base deployment/helm/alpha-members/values.yaml values.yaml env=prod cluster=eu',
      'cluster deployment/helm/alpha-members/values-prod.yaml values-prod.yaml env=prod cluster=eu',
      'cluster deployment/helm/alpha-members/values-missing.yaml values-missing.yaml env=prod cluster=eu (missing)',
    ]);
    expect(clusterTargets(ws, 'deployment/helm/alpha-members', 'prod', 'alpha-members')).toEqual(['eu', undefined]);
    // listed, values.yaml is the base where the list puts it
    expect(shown(layers(example('        - values-prod.yaml\n        - values.yaml\n'), 'alpha-members', 'prod'))).toEqual([
      'env deployment/helm/alpha-members/values-prod.yaml values-prod.yaml env=prod',
      'base deployment/helm/alpha-members/values.yaml values.yaml env=prod',
    ]);
  });
});

describe('declared apps', () => {
  it('are those a layout or an apps glob names, any of several', () => {
    const ws = workspace(`apps: [deployment/*, other/*]\nlayouts:\n  - apps: [charts/*, more/*]\n    layers: ['{appDir}/values.yaml']\n${ENVS}`, ['deployment/web/values.yaml', 'charts/api/values.yaml']);
    expect(isDeclared(ws, getApp(ws, 'web'))).toBe(true);
    expect(shown(layers(ws, 'api', 'prod'))).toEqual(['base charts/api/values.yaml values.yaml']);
    expect(isDeclared(ws, { name: 'loose', dir: 'elsewhere/loose' })).toBe(false);
    expect(() => declaredLayers(ws, 'web', 'prod', 'us')).toThrow(expect.objectContaining({ message: 'env "prod" does not deploy to cluster "us"', hint: 'Clusters of prod in gitops.yaml: in-cluster, eu.' }));
  });
});
