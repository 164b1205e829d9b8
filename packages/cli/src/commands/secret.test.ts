import { execFileSync } from 'node:child_process';
import { createPrivateKey } from 'node:crypto';
import { readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { encryptionLabel, hybridDecrypt, SEALED_WITH_ANNOTATION } from '@helm-values-manager/core';
import { decryptSops } from 'sops-age';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { copyExampleWorkspace, EXAMPLE_AGE_KEY_FILE } from '../../../core/src/test-support/example-workspace';
import { gitopsWith } from '../test-support/fake-io';

const APP = 'deployment/helm/alpha-members';
const DEV_FILE = `${APP}/secrets/secrets-dev.yaml.enc`;
const KEY_ENV = { SOPS_AGE_KEY_FILE: EXAMPLE_AGE_KEY_FILE };
const TEST_KEY = readFileSync(EXAMPLE_AGE_KEY_FILE, 'utf8').split('\n').find((l) => l.startsWith('AGE-SECRET-KEY-')) as string;

function workspace(): string {
  const dir = copyExampleWorkspace();
  return dir;
}

const opened = async (dir: string, file = DEV_FILE) => (await decryptSops(readFileSync(join(dir, file), 'utf8'), { secretKey: TEST_KEY, fileType: 'yaml' })) as { stringData: Record<string, string> };

describe('gitops secret set', () => {
  it('rotates a key of a SOPS file with its own recipients: an independent decoder opens it, the MAC verifies', async () => {
    const dir = workspace();
    const before = await opened(dir);
    const r = await gitopsWith(dir, { env: KEY_ENV, stdin: 'rotated-Redis-pw-7' }, 'secret', 'set', 'alpha-members', 'dev', 'redis-password');
    expect([r.code, r.stderr]).toEqual([0, '']);
    expect(r.stdout).toBe(`${DEV_FILE}: redis-password set, encrypted with the file's data key for its 1 age recipient; MAC updated\n`);
    const after = await opened(dir);
    expect(after.stringData).toEqual({ ...before.stringData, 'redis-password': 'rotated-Redis-pw-7' });
    const v = await gitopsWith(dir, { env: KEY_ENV }, 'validate', '--format', 'json');
    expect(JSON.parse(v.stdout).findings.filter((f: { rule: string }) => f.rule.startsWith('sops') || f.rule.startsWith('secret-'))).toEqual([]);
  });

  it('adds a new key, and creates a missing file for the recipients of .sops.yaml', async () => {
    const dir = workspace();
    expect((await gitopsWith(dir, { env: KEY_ENV, stdin: 'smtp-pw-value' }, 'secret', 'set', 'alpha-members', 'dev', 'smtp-password')).code).toBe(0);
    expect((await opened(dir)).stringData['smtp-password']).toBe('smtp-pw-value');
    rmSync(join(dir, DEV_FILE));
    const created = await gitopsWith(dir, { stdin: 'first-value' }, 'secret', 'set', 'alpha-members', 'dev', 'redis-password');
    expect(created.stdout).toBe(`${DEV_FILE}: created with redis-password, encrypted for 1 age recipient from .sops.yaml\n`);
    expect((await opened(dir)).stringData).toEqual({ 'redis-password': 'first-value' });
  });

  it('refuses without a key, or with a file that does not verify, and leaves the file as it was', async () => {
    const dir = workspace();
    const original = readFileSync(join(dir, DEV_FILE), 'utf8');
    const noKey = await gitopsWith(dir, { stdin: 'x-value' }, 'secret', 'set', 'alpha-members', 'dev', 'redis-password');
    expect([noKey.code, noKey.stderr]).toEqual([2, expect.stringMatching(/secrets-dev.yaml.enc: .*is encrypted: setting a key needs the age identity of one of its recipients\n {2}Set SOPS_AGE_KEY_FILE/)]);
    writeFileSync(join(dir, DEV_FILE), original.replace(/(redis-password: ENC\[AES256_GCM,data:)(.)/, (_, p: string, c: string) => p + (c === 'A' ? 'B' : 'A')));
    const tampered = await gitopsWith(dir, { env: KEY_ENV, stdin: 'x-value' }, 'secret', 'set', 'alpha-members', 'dev', 'redis-password');
    expect([tampered.code, tampered.stderr]).toEqual([2, expect.stringMatching(/secrets-dev.yaml.enc:9:\d+: the file does not verify/)]);
    expect(readdirSync(join(dir, APP, 'secrets')).sort()).toEqual(['README.md', 'secrets-dev.yaml.enc']);
    const bad = await gitopsWith(dir, { env: KEY_ENV, stdin: 'x' }, 'secret', 'set', 'alpha-members', 'dev', 'bad key!');
    expect([bad.code, bad.stderr]).toEqual([2, expect.stringMatching(/secret key "bad key!" is not allowed/)]);
  });

  it('for an External Secrets env, prints the remote key to set and reads no value', async () => {
    const dir = workspace();
    const r = await gitopsWith(dir, {}, 'secret', 'set', 'alpha-members', 'prod', 'redis-password');
    expect(r.code).toBe(0);
    expect(r.stdout).toBe('prod reads redis-password through External Secrets: set it in the ClusterSecretStore "vault-production" at\n  alpha-members/production/redis (property password)\nThe value was not read; nothing was written.\n');
  });

  it('for a SealedSecret env, seals the value for the env\'s namespace and records the certificate', async () => {
    const dir = workspace();
    execFileSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', join(dir, 'key.pem'), '-out', join(dir, 'cert.pem'), '-subj', '/O=sealed-secret', '-days', '1'], { stdio: 'ignore' });
    const config = join(dir, 'gitops.yaml');
    writeFileSync(config, readFileSync(config, 'utf8').replace('    secrets: external-secrets\n    secretStore:\n      name: vault-production\n      kind: ClusterSecretStore\n', '    secrets: sealed-secrets\n'));
    const r = await gitopsWith(dir, { stdin: 'sealed-pw-value' }, 'secret', 'set', 'alpha-members', 'prod', 'redis-password', '--cert', 'cert.pem');
    expect([r.code, r.stderr]).toEqual([0, '']);
    const sealed = parse(readFileSync(join(dir, APP, 'secrets/sealed-secrets-prod.yaml'), 'utf8'));
    expect(sealed.metadata.annotations[SEALED_WITH_ANNOTATION]).toMatch(/^([0-9A-F]{2}:){31}[0-9A-F]{2}$/);
    const value = hybridDecrypt(createPrivateKey(readFileSync(join(dir, 'key.pem'))), Buffer.from(sealed.spec.encryptedData['redis-password'], 'base64'), encryptionLabel('strict', 'production', 'alpha-members-secrets'));
    expect(value.toString()).toBe('sealed-pw-value');
  });
});

describe('no plaintext secret in any output', () => {
  it('secret set, validate, diff, render and a promotion PR body with the key never write or print a known secret value', async () => {
    const dir = workspace();
    const known = ['Known-Secret-Value-41', 'Known-Secret-Value-42'];
    const printed: string[] = [];
    const go = async (stdin: string | undefined, ...argv: string[]) => {
      const r = await gitopsWith(dir, { env: KEY_ENV, stdin }, ...argv);
      printed.push(r.stdout, r.stderr);
      return r;
    };
    expect((await go(known[0], 'secret', 'set', 'alpha-members', 'dev', 'redis-password')).code).toBe(0);
    // prod reuses a dev value: the reuse check must say so without the value
    const config = join(dir, 'gitops.yaml');
    writeFileSync(config, readFileSync(config, 'utf8').replace('    secrets: external-secrets\n    secretStore:\n      name: vault-production\n      kind: ClusterSecretStore\n', '    secrets: sops\n'));
    writeFileSync(join(dir, '.sops.yaml'), readFileSync(join(dir, '.sops.yaml'), 'utf8').replace('secrets-dev\\.yaml', 'secrets-(dev|prod)\\.yaml'));
    expect((await go(known[0], 'secret', 'set', 'alpha-members', 'prod', 'redis-password')).code).toBe(0);
    expect((await go(known[1], 'secret', 'set', 'alpha-members', 'prod', 'database-url')).code).toBe(0);
    for (const format of ['text', 'json', 'sarif', 'junit']) await go(undefined, 'validate', '--format', format);
    const reuse = await go(undefined, 'validate', '--format', 'json', '--env', 'prod');
    expect(JSON.parse(reuse.stdout).findings).toEqual(expect.arrayContaining([expect.objectContaining({ rule: 'secret-reused-across-tiers', path: 'redis-password' })]));
    const diff = await go(undefined, 'diff', 'alpha-members', 'dev', 'prod');
    expect(diff.stdout).toContain('= redis-password: the same value in dev and prod');
    await go(undefined, 'diff', 'alpha-members', 'dev', 'prod', '--format', 'json');
    await go(undefined, 'render');
    // the promotion PR body, as --pr would post it
    const body = await go(undefined, 'promote', '--from', 'dev', '--to', 'staging', '--dry-run', '--format', 'markdown');
    expect(body.code).toBe(0);
    // Everything the run wrote (the workspace, dist/, any temporary file) and printed.
    const files: string[] = [];
    const walk = (d: string) => {
      for (const name of readdirSync(d)) {
        const p = join(d, name);
        if (statSync(p).isDirectory()) walk(p);
        else files.push(p);
      }
    };
    walk(dir);
    expect(files.some((f) => f.includes(join('dist', 'rendered')))).toBe(true);
    for (const value of known) {
      for (const f of files) expect(readFileSync(f).includes(value), f).toBe(false);
      for (const text of printed) expect(text.includes(value)).toBe(false);
    }
    expect(files.filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });
});
