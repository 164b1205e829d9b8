import { describe, expect, it } from 'vitest';
import { exampleTree, snapshot, written, yamlOf } from '../shared/test-tree';
import clusterGenerator from './generator';

const APP = 'deployment/helm/alpha-members';

describe('nx g cluster', () => {
  it('registers the cluster on the env and wires an overlay and an Application per app', async () => {
    const tree = exampleTree();
    const before = snapshot(tree);
    await clusterGenerator(tree, { name: 'prod-eu', env: 'prod', server: 'https://eu.example.com', description: 'EU region' });
    expect(written(before, snapshot(tree))).toEqual(['argocd/applications/alpha-members-prod-prod-eu.yaml', `${APP}/values-prod.prod-eu.yaml`, 'gitops.yaml']);

    const config = yamlOf(tree, 'gitops.yaml');
    expect(config.clusters.at(-1)).toEqual({ name: 'prod-eu', server: 'https://eu.example.com', description: 'EU region' });
    expect(config.environments[2].clusters).toEqual(['in-cluster', 'prod-eu']);

    const argo = yamlOf(tree, 'argocd/applications/alpha-members-prod-prod-eu.yaml');
    expect(argo.spec.source.helm.valueFiles).toEqual(['values.yaml', 'values-prod.yaml', 'values-prod.prod-eu.yaml']);
    expect(argo.spec.destination).toEqual({ server: 'https://eu.example.com', namespace: 'production' });
    // The env's own Application is untouched: it still targets its first cluster.
    expect(yamlOf(tree, 'argocd/applications/alpha-members-prod.yaml').spec.destination.server).toBe('https://kubernetes.default.svc');
    expect(tree.read(`${APP}/values-prod.prod-eu.yaml`, 'utf8')).toMatch(/^# alpha-members in prod on cluster prod-eu: layered after values-prod.yaml/);
    expect(yamlOf(tree, `${APP}/values-prod.prod-eu.yaml`)).toEqual({});
  });

  it('reuses a declared cluster for a second env', async () => {
    const tree = exampleTree();
    await clusterGenerator(tree, { name: 'shared', env: 'staging', server: 'https://shared.example.com' });
    await clusterGenerator(tree, { name: 'shared', env: 'dev' });
    const config = yamlOf(tree, 'gitops.yaml');
    expect(config.clusters.filter((c: any) => c.name === 'shared')).toHaveLength(1);
    expect(config.environments[0].clusters).toEqual(['in-cluster', 'shared']);
  });

  it('refuses bad names, unknown envs, a missing or bad server, a cluster the env has; writes nothing', async () => {
    const cases: [Parameters<typeof clusterGenerator>[1], RegExp][] = [
      [{ name: 'Prod_EU', env: 'prod', server: 'https://x' }, /cluster name "Prod_EU" is not allowed: it must be a DNS-1123 label/],
      [{ name: 'prod-eu', env: 'prd', server: 'https://x' }, /unknown environment "prd"; did you mean "prod"/],
      [{ name: 'prod-eu', env: 'prod' }, /needs --server/],
      [{ name: 'prod-eu', env: 'prod', server: 'eu.example.com' }, /is not an http\(s\) URL/],
      [{ name: 'in-cluster', env: 'prod' }, /env "prod" already deploys to cluster "in-cluster"/],
      [{ name: 'prod-eu', env: 'prod', server: 'https://admin:Sup3rS3cretPw!@eu.example.com' }, /^--server https:\/\/<redacted>@eu\.example\.com carries credentials; nothing was written\n {2}Pass the URL without user:password@/],
    ];
    for (const [options, message] of cases) {
      const tree = exampleTree();
      const before = snapshot(tree);
      await expect(clusterGenerator(tree, options)).rejects.toThrow(message);
      expect(written(before, snapshot(tree))).toEqual([]);
    }
  });
});
