import { execFileSync } from 'node:child_process';
import { createPrivateKey } from 'node:crypto';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { encryptionLabel, hybridDecrypt, SEALING_SCOPES } from '@helm-values-manager/core';
import { describe, expect, it } from 'vitest';
import { gitops, gitopsWith } from '../test-support/fake-io';

describe('gitops seal --raw', () => {
  const dir = mkdtempSync(join(tmpdir(), 'hvm-seal-cli-'));
  execFileSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', join(dir, 'key.pem'), '-out', join(dir, 'cert.pem'), '-subj', '/O=sealed-secret', '-days', '1'], { stdio: 'ignore' });
  const privateKey = createPrivateKey(readFileSync(join(dir, 'key.pem')));
  writeFileSync(join(dir, 'password.txt'), 'hunter2');

  it('prints base64 ciphertext (no newline, no plaintext) that the controller key opens in every scope', async () => {
    for (const scope of SEALING_SCOPES) {
      const r = await gitops(dir, 'seal', '--raw', '--cert', 'cert.pem', '--namespace', 'qa', '--name', 'billing-secrets', '--scope', scope, '--from-file', 'password.txt');
      expect(r.code).toBe(0);
      expect(r.stdout).toMatch(/^[A-Za-z0-9+/]+=*$/);
      expect(r.stdout + r.stderr).not.toContain('hunter2');
      const opened = hybridDecrypt(privateKey, Buffer.from(r.stdout, 'base64'), encryptionLabel(scope, 'qa', 'billing-secrets'));
      expect(opened.toString()).toBe('hunter2');
    }
  });

  it('reads the value from standard input when no file is given', async () => {
    const r = await gitopsWith(dir, { stdin: 'piped' }, 'seal', '--raw', '--cert', 'cert.pem', '--scope', 'cluster-wide');
    expect(r.code).toBe(0);
    expect(hybridDecrypt(privateKey, Buffer.from(r.stdout, 'base64'), encryptionLabel('cluster-wide', '', '')).toString()).toBe('piped');
  });

  it('explains what is missing, exit 2', async () => {
    const noName = await gitops(dir, 'seal', '--raw', '--cert', 'cert.pem', '--namespace', 'qa', '--from-file', 'password.txt');
    expect([noName.code, noName.stderr]).toEqual([2, expect.stringMatching(/strict scope needs the Secret name\n {2}Pass --name NAME/)]);
    const badCert = await gitops(dir, 'seal', '--raw', '--cert', 'password.txt', '--scope', 'cluster-wide', '--from-file', 'password.txt');
    expect(badCert.stderr).toMatch(/^error: password.txt: not a PEM certificate/);
    const scope = await gitops(dir, 'seal', '--raw', '--cert', 'cert.pem', '--scope', 'global', '--from-file', 'password.txt');
    expect(scope.stderr).toMatch(/unknown sealing scope "global"/);
  });

  it('refuses an RSA-512 certificate as a user error (exit 2), not an internal error', async () => {
    execFileSync('openssl', ['req', '-x509', '-newkey', 'rsa:512', '-nodes', '-keyout', join(dir, 'weak-key.pem'), '-out', join(dir, 'weak.pem'), '-subj', '/O=sealed-secret', '-days', '1'], { stdio: 'ignore' });
    const r = await gitops(dir, 'seal', '--raw', '--cert', 'weak.pem', '--scope', 'cluster-wide', '--from-file', 'password.txt');
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^error: weak.pem: the RSA key has 512 bits; sealing needs at least 2048/);
    expect(r.stderr).not.toMatch(/internal error/);
  });
});
