import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CORPUS } from '../../test-support/example-workspace';
import { formatPath, leaves } from '../../common';
import { parseValuesYaml } from '../../yaml';
import { hasUserinfo, isSecretKey, isSecretLike, redact, redactAny, REDACTED, redactText, secretTokenKind } from './secret-like';

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
    expect(secretTokenKind('AGE-SECRET-KEY-1QXRVEJH9S4NQU0FPD6V79ESZQ8S6PXH3L8V40EVPTHFH6KNKD4DQ7SKC4P')).toBe('an age secret key');
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

describe('the one redaction', () => {
  it('drops credentials in known formats and every URL userinfo from free text', () => {
    const ghp = `ghp_${'a'.repeat(36)}`;
    const text = `see https://user:pw@ghe.example.com/api and ${ghp}, AKIAIOSFODNN7EXAMPLE\n-----BEGIN RSA PRIVATE KEY-----\nMIIEabc\n-----END RSA PRIVATE KEY-----\nafter`;
    const out = redactText(text);
    for (const s of ['pw@', 'user:', ghp, 'AKIAIOSFODNN7EXAMPLE', 'MIIEabc']) expect(out).not.toContain(s);
    expect(out).toBe(`see https://${REDACTED}@ghe.example.com/api and ${REDACTED}, ${REDACTED}\n${REDACTED}\nafter`);
    expect(redactText('image 1.2.3 must match ^[0-9]+$')).toBe('image 1.2.3 must match ^[0-9]+$');
  });

  it('reads the value of an env item as secret when its name is', () => {
    const env = [{ name: 'DB_PASSWORD', value: 'Sup3rS3cretPw!' }, { name: 'LOG_LEVEL', value: 'debug' }, { name: 'API_TOKEN', valueFrom: { secretKeyRef: { name: 'api', key: 'token' } } }];
    expect(redactAny(['extraEnv'], env)).toEqual([{ name: 'DB_PASSWORD', value: REDACTED }, { name: 'LOG_LEVEL', value: 'debug' }, env[2]]);
    expect(isSecretLike(['env', 0, 'value'], 'Sup3rS3cretPw!', env[0])).toBe(true);
    expect(isSecretLike(['env', 1, 'value'], 'debug', env[1])).toBe(false);
  });

  it('tells a URL with userinfo', () => {
    expect(hasUserinfo('https://user:pw@host')).toBe(true);
    expect(hasUserinfo('https://host/path@x')).toBe(false);
  });
});
