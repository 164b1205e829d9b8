import { checkSchema, compileSchemaText, mergeMaps } from '@helm-values-manager/core';
import { describe, expect, it } from 'vitest';
import { exampleTree, snapshot, written, yamlOf } from '../shared/test-tree';
import appGenerator from './generator';

const DIR = 'deployment/helm/billing';

describe('nx g app', () => {
  it('writes documented base values, a schema, an overlay per env and an Application per env', async () => {
    const tree = exampleTree();
    const before = snapshot(tree);
    await appGenerator(tree, { name: 'billing', image: 'org/billing', port: 9090 });
    expect(written(before, snapshot(tree))).toEqual([
      'argocd/applications/billing-dev.yaml',
      'argocd/applications/billing-prod.yaml',
      'argocd/applications/billing-staging.yaml',
      `${DIR}/values-dev.yaml`,
      `${DIR}/values-prod.yaml`,
      `${DIR}/values-staging.yaml`,
      `${DIR}/values.schema.json`,
      `${DIR}/values.yaml`,
    ]);
    const base = yamlOf(tree, `${DIR}/values.yaml`);
    expect(base).toMatchObject({ replicaCount: 1, image: { repository: 'org/billing', pullPolicy: 'IfNotPresent' }, service: { port: 9090 } });
    // Every key carries a comment on the line above it, as the spec asks of values files.
    const lines = (tree.read(`${DIR}/values.yaml`, 'utf8') as string).split('\n');
    lines.forEach((line, i) => {
      if (/^\s*[A-Za-z]+:/.test(line)) expect(lines[i - 1], `line ${i + 1}: ${line}`).toMatch(/^\s*#/);
    });

    const schema = compileSchemaText(tree.read(`${DIR}/values.schema.json`, 'utf8') as string, 'values.schema.json');
    for (const env of ['dev', 'staging', 'prod']) {
      const merged = mergeMaps(base, yamlOf(tree, `${DIR}/values-${env}.yaml`));
      expect(checkSchema(schema, merged), env).toEqual([]);
      expect(yamlOf(tree, `argocd/applications/billing-${env}.yaml`).spec.source).toMatchObject({ path: DIR, helm: { valueFiles: ['values.yaml', `values-${env}.yaml`] } });
    }
    expect(yamlOf(tree, `${DIR}/values-prod.yaml`).externalSecrets.secretStoreRef.name).toBe('vault-production');
    expect(yamlOf(tree, `${DIR}/values-dev.yaml`)).toEqual({});
  });

  it('writes SealedSecret stubs and per-cluster files where the envs call for them', async () => {
    const tree = exampleTree();
    tree.write('gitops.yaml', (tree.read('gitops.yaml', 'utf8') as string).replace('    secrets: sops\n', '    secrets: sealed-secrets\n    clusters: [in-cluster, dev-2]\n').replace('clusters:\n  - name: in-cluster', 'clusters:\n  - name: dev-2\n    server: https://dev-2.example.com\n  - name: in-cluster'));
    await appGenerator(tree, { name: 'billing' });
    expect(yamlOf(tree, `${DIR}/secrets/sealed-secrets-dev.yaml`)).toMatchObject({ kind: 'SealedSecret', metadata: { name: 'billing-secrets', namespace: 'development' }, spec: { encryptedData: {} } });
    expect(yamlOf(tree, 'argocd/applications/billing-dev-dev-2.yaml').spec.source.helm.valueFiles).toEqual(['values.yaml', 'values-dev.yaml', 'values-dev.dev-2.yaml']);
    expect(tree.exists(`${DIR}/values-dev.dev-2.yaml`)).toBe(true);
    expect(yamlOf(tree, `${DIR}/values.yaml`).image.repository).toBe('billing');
  });

  it('refuses bad names, an app that exists, a bad image or port, a folder outside the apps globs; writes nothing', async () => {
    const cases: [Parameters<typeof appGenerator>[1], RegExp][] = [
      [{ name: '../x' }, /app name "..\/x" is not allowed: it must be a DNS-1123 label/],
      [{ name: 'alpha-members' }, /app "alpha-members" already exists/],
      [{ name: 'billing', image: 'Org/Billing:1' }, /--image "Org\/Billing:1" is not an image repository/],
      [{ name: 'billing', port: 70000 }, /--port 70000 is not a port/],
      [{ name: 'billing', directory: 'elsewhere/billing' }, /elsewhere\/billing does not match the apps globs of gitops.yaml \(deployment\/helm\/\*\)/],
    ];
    for (const [options, message] of cases) {
      const tree = exampleTree();
      const before = snapshot(tree);
      await expect(appGenerator(tree, options)).rejects.toThrow(message);
      expect(written(before, snapshot(tree))).toEqual([]);
    }
  });
});
