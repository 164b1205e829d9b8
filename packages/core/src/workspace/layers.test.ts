import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { clusterTargets, declaredLayers, isDeclared, layers, overlayFileName } from './layers';
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
