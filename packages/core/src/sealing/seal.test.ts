import { execFileSync } from 'node:child_process';
import { createPrivateKey, createPublicKey, generateKeyPairSync, X509Certificate, type KeyObject } from 'node:crypto';
import { createDecipheriv } from 'node:crypto';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { sealingKeyFromPem } from './certificate';
import { hybridDecrypt } from './hybrid';
import { sealValue } from './seal';
import { encryptionLabel, parseScope, SEALING_SCOPES } from './scope';

/** A controller key pair as the sealed-secrets controller makes one: RSA key, self-signed certificate. */
function controllerKeyPair(): { certPem: string; privateKey: KeyObject; keyFile: string } {
  const dir = mkdtempSync(join(tmpdir(), 'hvm-seal-'));
  execFileSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', join(dir, 'key.pem'), '-out', join(dir, 'cert.pem'), '-subj', '/O=sealed-secret', '-days', '1'], { stdio: 'ignore' });
  const keyFile = join(dir, 'key.pem');
  return { certPem: readFileSync(join(dir, 'cert.pem'), 'utf8'), privateKey: createPrivateKey(readFileSync(keyFile)), keyFile };
}

/**
 * Unseals as the controller does, with the openssl command line instead of our code: the RSA
 * block by RSA-OAEP(SHA-256) under the label the test names, the body by AES-256-CTR from GCM's
 * first counter block (an all-zero 96-bit nonce, counter 2), and the GCM tag checked with the
 * session key openssl recovered. Throws when openssl refuses the label.
 */
function opensslUnseal(keyFile: string, sealed: string, label: string): string {
  const bytes = Buffer.from(sealed, 'base64');
  const rsaLength = bytes.readUInt16BE(0);
  const dir = mkdtempSync(join(tmpdir(), 'hvm-unseal-'));
  writeFileSync(join(dir, 'rsa.bin'), bytes.subarray(2, 2 + rsaLength));
  const labelHex = Buffer.from(label, 'utf8').toString('hex');
  const sessionKey = execFileSync('openssl', [
    'pkeyutl', '-decrypt', '-inkey', keyFile, '-in', join(dir, 'rsa.bin'),
    '-pkeyopt', 'rsa_padding_mode:oaep', '-pkeyopt', 'rsa_oaep_md:sha256', '-pkeyopt', 'rsa_mgf1_md:sha256',
    ...(labelHex ? ['-pkeyopt', `rsa_oaep_label:${labelHex}`] : []),
  ], { stdio: ['ignore', 'pipe', 'ignore'] });
  const body = bytes.subarray(2 + rsaLength);
  const ciphertext = body.subarray(0, body.length - 16);
  writeFileSync(join(dir, 'body.bin'), ciphertext);
  const plaintext = execFileSync('openssl', [
    'enc', '-d', '-aes-256-ctr', '-K', sessionKey.toString('hex'), '-iv', `${'00'.repeat(12)}00000002`, '-in', join(dir, 'body.bin'),
  ]);
  const gcm = createDecipheriv('aes-256-gcm', sessionKey, Buffer.alloc(12));
  gcm.setAuthTag(body.subarray(body.length - 16));
  gcm.update(ciphertext);
  gcm.final();
  return plaintext.toString('utf8');
}

describe('sealing (kubeseal --raw format)', () => {
  let pair: ReturnType<typeof controllerKeyPair>;
  beforeAll(() => {
    pair = controllerKeyPair();
  });

  it('seals a value that the controller key opens in every scope, with that scope label', () => {
    const key = sealingKeyFromPem(pair.certPem, 'cert.pem');
    for (const scope of SEALING_SCOPES) {
      const sealed = sealValue(key, Buffer.from('s3cret value'), { scope, namespace: 'qa', name: 'billing-secrets' });
      expect(sealed).toMatch(/^[A-Za-z0-9+/]+=*$/);
      const bytes = Buffer.from(sealed, 'base64');
      // 2-byte length of the RSA block (2048-bit key: 256 bytes), then the block, then AES-GCM.
      expect(bytes.readUInt16BE(0)).toBe(256);
      const opened = hybridDecrypt(pair.privateKey, bytes, encryptionLabel(scope, 'qa', 'billing-secrets'));
      expect(opened.toString()).toBe('s3cret value');
    }
  });

  it('opens with openssl under exactly the label kubeseal uses for each scope', () => {
    const key = sealingKeyFromPem(pair.certPem, 'cert.pem');
    const target = { namespace: 'qa', name: 'billing-secrets' };
    const strict = sealValue(key, Buffer.from('s3cret value'), { scope: 'strict', ...target });
    const namespaceWide = sealValue(key, Buffer.from('s3cret value'), { scope: 'namespace-wide', ...target });
    const clusterWide = sealValue(key, Buffer.from('s3cret value'), { scope: 'cluster-wide', ...target });
    expect(opensslUnseal(pair.keyFile, strict, 'qa/billing-secrets')).toBe('s3cret value');
    expect(opensslUnseal(pair.keyFile, namespaceWide, 'qa')).toBe('s3cret value');
    expect(opensslUnseal(pair.keyFile, clusterWide, '')).toBe('s3cret value');
    expect(() => opensslUnseal(pair.keyFile, strict, 'qa')).toThrow();
    expect(() => opensslUnseal(pair.keyFile, namespaceWide, 'qa/billing-secrets')).toThrow();
    expect(() => opensslUnseal(pair.keyFile, clusterWide, 'qa')).toThrow();
  });

  it('binds a strict value to its namespace and name', () => {
    const key = sealingKeyFromPem(pair.certPem, 'cert.pem');
    const sealed = Buffer.from(sealValue(key, Buffer.from('x'), { scope: 'strict', namespace: 'qa', name: 'a' }), 'base64');
    expect(() => hybridDecrypt(pair.privateKey, sealed, encryptionLabel('strict', 'qa', 'b'))).toThrow();
    expect(() => hybridDecrypt(pair.privateKey, sealed, encryptionLabel('strict', 'prod', 'a'))).toThrow();
    expect(() => hybridDecrypt(pair.privateKey, sealed, encryptionLabel('cluster-wide', '', ''))).toThrow();
  });

  it('binds a namespace-wide value to its namespace only', () => {
    const key = sealingKeyFromPem(pair.certPem, 'cert.pem');
    const sealed = Buffer.from(sealValue(key, Buffer.from('x'), { scope: 'namespace-wide', namespace: 'qa' }), 'base64');
    expect(hybridDecrypt(pair.privateKey, sealed, encryptionLabel('namespace-wide', 'qa', 'any')).toString()).toBe('x');
    expect(() => hybridDecrypt(pair.privateKey, sealed, encryptionLabel('namespace-wide', 'prod', 'any'))).toThrow();
  });

  it('uses a fresh session key each time', () => {
    const key = sealingKeyFromPem(pair.certPem, 'cert.pem');
    const t = { scope: 'cluster-wide' as const };
    expect(sealValue(key, Buffer.from('same'), t)).not.toBe(sealValue(key, Buffer.from('same'), t));
  });

  it('asks for what a scope needs and refuses a file that is not a certificate', () => {
    const key = sealingKeyFromPem(pair.certPem, 'cert.pem');
    expect(() => sealValue(key, Buffer.from('x'), { scope: 'strict', namespace: 'qa' })).toThrow(/strict scope needs the Secret name/);
    expect(() => sealValue(key, Buffer.from('x'), { scope: 'namespace-wide' })).toThrow(/needs a namespace/);
    expect(() => sealingKeyFromPem('hello', 'cert.pem')).toThrow(/not a PEM certificate/);
  });

  it('refuses an expired certificate, as kubeseal does, and a weak RSA key, as user errors that say what to do', () => {
    const tomorrowPlusOne = new Date(Date.now() + 2 * 24 * 3600 * 1000);
    expect(() => sealingKeyFromPem(pair.certPem, 'cert.pem', tomorrowPlusOne)).toThrow(expect.objectContaining({ message: expect.stringMatching(/^the certificate expired on \d{4}-/), hint: expect.stringContaining('kubeseal --fetch-cert'), file: 'cert.pem', exitCode: 2 }));
    const dir = mkdtempSync(join(tmpdir(), 'hvm-seal-'));
    execFileSync('openssl', ['req', '-x509', '-newkey', 'rsa:512', '-nodes', '-keyout', join(dir, 'key.pem'), '-out', join(dir, 'cert.pem'), '-subj', '/O=sealed-secret', '-days', '1'], { stdio: 'ignore' });
    expect(() => sealingKeyFromPem(readFileSync(join(dir, 'cert.pem'), 'utf8'), 'cert.pem')).toThrow(expect.objectContaining({ message: 'the RSA key has 512 bits; sealing needs at least 2048 (the controller makes 4096-bit keys)', exitCode: 2 }));
  });

  it('says what each scope needs and what to pass instead, and reads a scope name as kubeseal does', () => {
    const key = sealingKeyFromPem(pair.certPem, 'cert.pem');
    expect(() => sealValue(key, Buffer.from('x'), { scope: 'strict', namespace: 'qa' })).toThrow(expect.objectContaining({ message: 'the strict scope needs the Secret name', hint: 'Pass --name NAME, or --scope namespace-wide or cluster-wide.' }));
    expect(() => sealValue(key, Buffer.from('x'), { scope: 'namespace-wide' })).toThrow(expect.objectContaining({ message: 'the namespace-wide scope needs a namespace', hint: 'Pass --namespace NS, or --scope cluster-wide.' }));
    expect([parseScope(undefined), parseScope('namespace-wide'), parseScope('cluster-wide')]).toEqual(['strict', 'namespace-wide', 'cluster-wide']);
    expect(() => parseScope('global')).toThrow(expect.objectContaining({ message: 'unknown sealing scope "global"', hint: 'Use one of: strict, namespace-wide, cluster-wide (default strict).', exitCode: 2 }));
  });

  it('takes a bare PEM public key as well as a certificate, and says what to do with anything else', () => {
    const bare = createPublicKey(pair.certPem).export({ type: 'spki', format: 'pem' }).toString();
    const opened = hybridDecrypt(pair.privateKey, Buffer.from(sealValue(sealingKeyFromPem(bare, 'key.pem'), Buffer.from('s3cr3t'), { scope: 'cluster-wide' }), 'base64'), Buffer.alloc(0));
    expect(opened.toString()).toBe('s3cr3t');
    expect(() => sealingKeyFromPem('hello', 'cert.pem')).toThrow(expect.objectContaining({ message: expect.stringMatching(/^not a PEM certificate or public key \(/), file: 'cert.pem', hint: 'Save the controller certificate with: kubeseal --fetch-cert > cert.pem', exitCode: 2 }));
    const ec = generateKeyPairSync('ec', { namedCurve: 'P-256' }).publicKey.export({ type: 'spki', format: 'pem' }).toString();
    expect(() => sealingKeyFromPem(ec, 'ec.pem')).toThrow(expect.objectContaining({ message: 'the key is ec, but sealed-secrets uses RSA', file: 'ec.pem', hint: 'Use the certificate of the sealed-secrets controller (kubeseal --fetch-cert).', exitCode: 2 }));
  });

  it('takes a certificate from its first to its last valid second, as X.509 counts them', () => {
    const cert = new X509Certificate(pair.certPem);
    const notBefore = new Date(cert.validFrom);
    const notAfter = new Date(cert.validTo);
    expect(sealingKeyFromPem(pair.certPem, 'cert.pem', notBefore).asymmetricKeyType).toBe('rsa');
    expect(sealingKeyFromPem(pair.certPem, 'cert.pem', notAfter).asymmetricKeyType).toBe('rsa');
    expect(() => sealingKeyFromPem(pair.certPem, 'cert.pem', new Date(notAfter.getTime() + 1000))).toThrow(`the certificate expired on ${notAfter.toISOString()}`);
    expect(() => sealingKeyFromPem(pair.certPem, 'cert.pem', new Date(notBefore.getTime() - 1000))).toThrow(
      expect.objectContaining({ message: `the certificate is not valid before ${notBefore.toISOString()}`, file: 'cert.pem', hint: "Check this machine's clock, or fetch the controller's current certificate with kubeseal --fetch-cert > cert.pem.", exitCode: 2 }),
    );
  });

  it('seals an empty value, and refuses a ciphertext cut short instead of misreading it', () => {
    const key = sealingKeyFromPem(pair.certPem, 'cert.pem');
    const sealed = Buffer.from(sealValue(key, Buffer.alloc(0), { scope: 'cluster-wide' }), 'base64');
    expect(sealed.length).toBe(2 + 256 + 16);
    expect(opensslUnseal(pair.keyFile, sealed.toString('base64'), '')).toBe('');
    expect(hybridDecrypt(pair.privateKey, sealed, Buffer.alloc(0)).toString()).toBe('');
    expect(() => hybridDecrypt(pair.privateKey, sealed.subarray(0, sealed.length - 1), Buffer.alloc(0))).toThrow('ciphertext too short');
    expect(() => hybridDecrypt(pair.privateKey, sealed.subarray(0, 1), Buffer.alloc(0))).toThrow('ciphertext too short');
  });

  it('refuses a weak RSA key with a hint that says where the real certificate comes from', () => {
    const dir = mkdtempSync(join(tmpdir(), 'hvm-seal-'));
    execFileSync('openssl', ['req', '-x509', '-newkey', 'rsa:1024', '-nodes', '-keyout', join(dir, 'key.pem'), '-out', join(dir, 'cert.pem'), '-subj', '/O=sealed-secret', '-days', '1'], { stdio: 'ignore' });
    expect(() => sealingKeyFromPem(readFileSync(join(dir, 'cert.pem'), 'utf8'), 'weak.pem')).toThrow(
      expect.objectContaining({
        message: 'the RSA key has 1024 bits; sealing needs at least 2048 (the controller makes 4096-bit keys)',
        file: 'weak.pem',
        hint: 'This is not the certificate of a sealed-secrets controller, or one set up with a weak key: fetch the real one with kubeseal --fetch-cert > cert.pem, or rotate the controller key.',
      }),
    );
  });
});

