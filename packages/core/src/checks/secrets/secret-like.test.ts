import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CORPUS } from '../../test-support/example-workspace';
import { formatPath, leaves } from '../../common';
import { parseValuesYaml } from '../../yaml';
import { isSecretKey, isSecretLike, redact, REDACTED, secretTokenKind } from './secret-like';

describe('secret-like keys and values', () => {
  it('tells keys that hold a secret from keys that name one', () => {
    for (const k of ['password', 'rootPassword', 'admin_password', 'apiToken', 'api-key', 'apiKey', 'clientSecret', 'secret', 'privateKey', 'secretKey', 'accessKey', 'credentials', 'dsn']) expect(isSecretKey(k), k).toBe(true);
    for (const k of ['secretName', 'existingSecret', 'secretStoreRef', 'passwordPolicy', 'tokenUrl', 'configFromSecret', 'secretKeyRef', 'passwordFile', 'useSecret', 'tokenTTL', 'createSecret']) expect(isSecretKey(k), k).toBe(false);
  });

  it('reads secretKey in an External Secrets data item as the name of a key, not a secret', () => {
    expect(isSecretLike(['externalSecrets', 'data', 0, 'secretKey'], 'database-url')).toBe(false);
    expect(isSecretLike(['minio', 'secretKey'], 'wJalrXUtnFEMI')).toBe(true);
  });

  it('recognises well-known token formats', () => {
    expect(secretTokenKind('-----BEGIN RSA PRIVATE KEY-----\nMIIE')).toBe('a PEM private key');
    expect(secretTokenKind('AKIAIOSFODNN7EXAMPLE')).toBe('an AWS access key id');
    expect(secretTokenKind(`ghp_${'x'.repeat(36)}`)).toBe('a GitHub token');
    expect(secretTokenKind('mongodb://admin:hunter2@db:27017')).toBe('a connection string with a password');
    expect(secretTokenKind('mongodb://admin:${MONGO_PASSWORD}@db:27017')).toBeUndefined();
    expect(secretTokenKind('https://auth.example.com')).toBeUndefined();
  });

  it('redacts secret-like leaves and keeps the rest', () => {
    const values = { db: { password: 'hunter2', host: 'db', existingSecret: 'db' }, urls: ['postgres://u:p4ss@h/db', 'https://x'], token: '' };
    expect(redact(values)).toEqual({ db: { password: REDACTED, host: 'db', existingSecret: 'db' }, urls: [REDACTED, 'https://x'], token: '' });
    expect(values.db.password).toBe('hunter2');
  });

  it('finds no token formats in the real charts of the corpus', () => {
    const hits: string[] = [];
    const walk = (dir: string) => {
      for (const name of readdirSync(dir)) {
        const p = join(dir, name);
        if (statSync(p).isDirectory()) walk(p);
        else if (/\.ya?ml$/.test(name)) {
          let values;
          try {
            values = parseValuesYaml(readFileSync(p, 'utf8'), p).values;
          } catch {
            continue;
          }
          for (const [path, v] of leaves(values)) if (isSecretLike(path, v)) hits.push(`${p.slice(CORPUS.length + 1)} ${formatPath(path)}`);
        }
      }
    };
    walk(CORPUS);
    // true positives only: CI values files that commit a test redis password and a test API key
    expect(hits).toEqual([
      'argo-helm/argo-cd/ci/external-redis-values.yaml externalRedis.password',
      'argo-helm/argo-rollouts/ci/enable-extra-objects-values.yaml extraObjects[0].data.api-key',
      'argo-helm/argocd-image-updater/ci/enable-extra-objects-values.yaml extraObjects[0].data.api-key',
    ]);
  });
});
