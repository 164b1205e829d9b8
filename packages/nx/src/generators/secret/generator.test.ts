import { execFileSync } from 'node:child_process';
import { createPrivateKey } from 'node:crypto';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { encryptionLabel, hybridDecrypt } from '@helm-values-manager/core';
import { describe, expect, it } from 'vitest';
import { exampleTree, snapshot, written, yamlOf } from '../shared/test-tree';
import secretGenerator, { generateSecret } from './generator';

const APP = 'deployment/helm/alpha-members';

/** The example with qa on sealed-secrets. */
function treeWithSealedEnv() {
  const tree = exampleTree();
  tree.write('gitops.yaml', (tree.read('gitops.yaml', 'utf8') as string).replace('  - name: prod\n', '  - name: qa\n    namespace: quality\n    tier: staging\n    secrets: sealed-secrets\n  - name: prod\n'));
  return tree;
}

describe('nx g secret', () => {
  it('wires the key into External Secrets data of every env once, and says what to do for SOPS', async () => {
    const tree = exampleTree();
    const before = snapshot(tree);
    await secretGenerator(tree, { app: 'alpha-members', name: 'redis-password', remoteKey: 'redis', property: 'password' });
    expect(written(before, snapshot(tree))).toEqual([`${APP}/values-prod.yaml`, `${APP}/values-staging.yaml`]);
    expect(yamlOf(tree, `${APP}/values-prod.yaml`).externalSecrets).toEqual({
      enabled: true,
      secretStoreRef: { name: 'vault-production', kind: 'ClusterSecretStore' },
      refreshInterval: '1h',
      data: [{ secretKey: 'redis-password', remoteRef: { key: 'alpha-members/production/redis', property: 'password' } }],
    });
    // The rest of the overlay is as the user wrote it.
    expect(tree.read(`${APP}/values-prod.yaml`, 'utf8')).toContain('# Production ingress with WAF\ningress:');

    const once = snapshot(tree);
    await secretGenerator(tree, { app: 'alpha-members', name: 'redis-password', remoteKey: 'redis', property: 'password' });
    expect(written(once, snapshot(tree))).toEqual([]);
    expect(yamlOf(tree, `${APP}/values-staging.yaml`).externalSecrets.data).toHaveLength(1);
  });

  it('lists the key in SealedSecret stubs once, creating the stub when missing', async () => {
    const tree = treeWithSealedEnv();
    await secretGenerator(tree, { app: 'alpha-members', name: 'api-token', envs: 'qa' });
    await secretGenerator(tree, { app: 'alpha-members', name: 'api-token', envs: 'qa' });
    const stub = yamlOf(tree, `${APP}/secrets/sealed-secrets-qa.yaml`);
    expect(stub.metadata).toEqual({ name: 'alpha-members-secrets', namespace: 'quality' });
    expect(stub.spec.encryptedData).toEqual({ 'api-token': '' });
  });

  it('seals a value from a file or standard input into the stub, never writing it in plain text', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'hvm-secret-'));
    execFileSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', join(dir, 'key.pem'), '-out', join(dir, 'cert.pem'), '-subj', '/O=sealed-secret', '-days', '1'], { stdio: 'ignore' });
    const privateKey = createPrivateKey(readFileSync(join(dir, 'key.pem')));
    writeFileSync(join(dir, 'value.txt'), 'hunter2');

    const tree = treeWithSealedEnv();
    await secretGenerator(tree, { app: 'alpha-members', name: 'api-token', envs: 'qa', seal: true, cert: join(dir, 'cert.pem'), fromFile: join(dir, 'value.txt') });
    const text = tree.read(`${APP}/secrets/sealed-secrets-qa.yaml`, 'utf8') as string;
    expect(text).not.toContain('hunter2');
    const sealed = parseSealed(text);
    expect(hybridDecrypt(privateKey, Buffer.from(sealed, 'base64'), encryptionLabel('strict', 'quality', 'alpha-members-secrets')).toString()).toBe('hunter2');

    generateSecret(tree, { app: 'alpha-members', name: 'api-token', envs: 'qa', seal: true, cert: join(dir, 'cert.pem'), scope: 'namespace-wide' }, () => Buffer.from('rotated'));
    const resealed = parseSealed(tree.read(`${APP}/secrets/sealed-secrets-qa.yaml`, 'utf8') as string);
    expect(hybridDecrypt(privateKey, Buffer.from(resealed, 'base64'), encryptionLabel('namespace-wide', 'quality', '')).toString()).toBe('rotated');
    // The controller unseals with the scope the object is annotated with.
    expect(yamlOf(tree, `${APP}/secrets/sealed-secrets-qa.yaml`).metadata.annotations).toEqual({ 'sealedsecrets.bitnami.com/namespace-wide': 'true' });
  });

  it('refuses an unknown app or env, a bad key, --seal without a cert; writes nothing', async () => {
    const cases: [Parameters<typeof secretGenerator>[1], RegExp][] = [
      [{ app: 'alpha-member', name: 'k' }, /unknown app "alpha-member"; did you mean "alpha-members"/],
      [{ app: 'alpha-members', name: 'k', envs: 'qa' }, /unknown environment "qa"/],
      [{ app: 'alpha-members', name: '../k' }, /secret key "..\/k" is not allowed/],
      [{ app: 'alpha-members', name: 'k', seal: true }, /--seal needs --cert/],
    ];
    for (const [options, message] of cases) {
      const tree = exampleTree();
      const before = snapshot(tree);
      await expect(secretGenerator(tree, options)).rejects.toThrow(message);
      expect(written(before, snapshot(tree))).toEqual([]);
    }
  });
});

function parseSealed(text: string): string {
  const m = /api-token: (\S+)/.exec(text);
  if (!m) throw new Error('no api-token in the stub');
  return m[1];
}
