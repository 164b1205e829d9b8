import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generateIdentity, identityToRecipient } from 'age-encryption';
import { beforeAll, describe, expect, it } from 'vitest';
import { encryptSopsYaml } from '../../sops';
import { copyExampleWorkspace, EXAMPLE_ROOT } from '../../test-support/example-workspace';
import { validateApp } from '../validate';
import { loadWorkspace } from '../../workspace';
import { certificateFingerprint, SEALED_WITH_ANNOTATION } from './sealed-secret-check';
import { unlockSopsFiles } from './sops-keyring';

const APP = 'deployment/helm/alpha-members';
const NOW = new Date('2026-01-02T03:04:05Z');
const SECRET_RULES = /^(sops-|secret-|external-secret|sealed-secret|plaintext-secret|secret-token)/;

function edit(dir: string, file: string, from: string | RegExp, to: string): void {
  const p = join(dir, file);
  const text = readFileSync(p, 'utf8');
  if (!(typeof from === 'string' ? text.includes(from) : from.test(text))) throw new Error(`${String(from)} not in ${file}`);
  writeFileSync(p, text.replace(from, to));
}

/** Change the first ciphertext character after `prefix` (to another character, whatever it was). */
function flip(dir: string, file: string, prefix: string): void {
  const p = join(dir, file);
  const text = readFileSync(p, 'utf8');
  const at = text.indexOf(prefix) + prefix.length;
  if (at < prefix.length) throw new Error(`${prefix} not in ${file}`);
  writeFileSync(p, text.slice(0, at) + (text[at] === 'A' ? 'B' : 'A') + text.slice(at + 1));
  // Same size, maybe the same millisecond: move the mtime on, as a later edit would, so no reader's cache sees the old bytes.
  const later = new Date(Date.now() + 2000);
  utimesSync(p, later, later);
}

/** The example workspace (with its templates), every env keeping its secrets in SOPS. */
function sopsEverywhere(): string {
  const dir = copyExampleWorkspace();
  for (const store of ['vault-staging', 'vault-production']) edit(dir, 'gitops.yaml', `    secrets: external-secrets\n    secretStore:\n      name: ${store}\n      kind: ClusterSecretStore\n`, '    secrets: sops\n');
  return dir;
}

const secretFile = (env: string) => `${APP}/secrets/secrets-${env}.yaml.enc`;
const manifest = (data: Record<string, string>) => ({ apiVersion: 'v1', kind: 'Secret', metadata: { name: 'alpha-members-secrets' }, type: 'Opaque', stringData: data });

async function validate(dir: string, identities: string[]) {
  const ws = loadWorkspace(dir);
  const findings = validateApp(ws, 'alpha-members', { sopsKeys: await unlockSopsFiles(ws, ws.apps, identities) });
  return findings.filter((f) => SECRET_RULES.test(f.rule) && !['plaintext-secret'].includes(f.rule));
}

describe('secrets across envs', () => {
  let id: string;
  let recipient: string;
  beforeAll(async () => {
    id = await generateIdentity();
    recipient = await identityToRecipient(id);
  });
  const write = async (dir: string, env: string, data: Record<string, string>) => writeFileSync(join(dir, secretFile(env)), await encryptSopsYaml(manifest(data), [recipient], NOW));

  it('the example workspace: key names match dev -> staging -> prod, and its dev file verifies with the test key', async () => {
    const key = readFileSync(join(EXAMPLE_ROOT, 'age-key.TEST-ONLY-example-workspace.txt'), 'utf8').split('\n').filter((l) => l.startsWith('AGE-SECRET-KEY-'));
    expect(await validate(EXAMPLE_ROOT, key)).toEqual([]);
    expect(await validate(EXAMPLE_ROOT, [])).toEqual([expect.objectContaining({ rule: 'sops-not-decrypted', severity: 'info', file: secretFile('dev'), env: 'dev' })]);
  });

  it('finds a key missing in the next env by its name alone, without any key', async () => {
    const dir = sopsEverywhere();
    await write(dir, 'dev', { 'database-url': 'mongodb://dev', 'redis-password': 'dev-redis-pw' });
    await write(dir, 'staging', { 'database-url': 'mongodb://staging' });
    await write(dir, 'prod', { 'database-url': 'mongodb://prod', 'redis-password': 'prod-redis-pw' });
    const findings = (await validate(dir, [])).filter((f) => f.rule === 'secret-key-missing');
    // the same with a key: names come from the file either way
    expect((await validate(dir, [id])).filter((f) => f.rule === 'secret-key-missing')).toEqual(findings);
    expect(findings).toEqual([
      expect.objectContaining({ severity: 'error', env: 'staging', file: secretFile('staging'), line: 1, path: 'redis-password', message: expect.stringMatching(/^"redis-password" is a secret key of dev \(.*secrets-dev.yaml.enc:\d+\) but not of staging's SOPS file/) }),
    ]);
  });

  it('with a key: a production value shared with a lower tier, placeholders, never the values themselves', async () => {
    const dir = sopsEverywhere();
    await write(dir, 'dev', { 'database-url': 'mongodb://dev', 'redis-password': 'shared-Redis-pw-1' });
    await write(dir, 'staging', { 'database-url': 'changeme', 'redis-password': 'staging-redis-pw' });
    await write(dir, 'prod', { 'database-url': 'mongodb://prod', 'redis-password': 'shared-Redis-pw-1' });
    const findings = await validate(dir, [id]);
    expect(findings.map((f) => [f.rule, f.env, f.path, f.file, f.line])).toEqual(
      expect.arrayContaining([
        ['secret-placeholder', 'staging', 'database-url', secretFile('staging'), 7],
        ['secret-reused-across-tiers', 'prod', 'redis-password', secretFile('prod'), 8],
      ]),
    );
    expect(findings.find((f) => f.rule === 'secret-reused-across-tiers')?.message).toMatch(/same value as "redis-password" in dev \(development tier/);
    expect(findings.filter((f) => f.rule === 'sops-mac' || f.rule === 'sops-not-decrypted')).toEqual([]);
    expect(JSON.stringify(findings)).not.toMatch(/shared-Redis-pw-1|changeme|mongodb:\/\//);
    // without a key, none of this is known, and validate says so per file
    const keyless = await validate(dir, []);
    expect(keyless.filter((f) => f.rule === 'secret-reused-across-tiers' || f.rule === 'secret-placeholder')).toEqual([]);
    expect(keyless.filter((f) => f.rule === 'sops-not-decrypted').map((f) => f.env).sort()).toEqual(['dev', 'prod', 'staging']);
    // a key that is not a recipient is a warning, not silence
    expect((await validate(dir, [await generateIdentity()])).filter((f) => f.rule === 'sops-not-decrypted').map((f) => f.severity)).toEqual(['warning', 'warning', 'warning']);
  });

  it('tampering: a flipped byte at its line, a removed key and an edited MAC at the MAC', async () => {
    const dir = sopsEverywhere();
    await write(dir, 'dev', { 'database-url': 'mongodb://dev', 'redis-password': 'dev-redis-pw' });
    await write(dir, 'staging', { 'database-url': 'mongodb://staging', 'redis-password': 'staging-redis-pw' });
    await write(dir, 'prod', { 'database-url': 'mongodb://prod', 'redis-password': 'prod-redis-pw', extra: 'x-value' });
    flip(dir, secretFile('dev'), 'redis-password: ENC[AES256_GCM,data:');
    edit(dir, secretFile('staging'), /^ {4}database-url: .*\n/m, '');
    flip(dir, secretFile('prod'), 'mac: ENC[AES256_GCM,data:');
    const mac = (await validate(dir, [id])).filter((f) => f.rule === 'sops-mac');
    expect(mac.map((f) => [f.env, f.file, f.line])).toEqual([
      ['dev', secretFile('dev'), 8],
      ['prod', secretFile('prod'), expect.any(Number)],
      ['staging', secretFile('staging'), expect.any(Number)],
    ]);
    expect(mac[0].message).toMatch(/"stringData.redis-password" does not decrypt/);
    for (const f of mac.slice(1)) {
      expect(f.message).toMatch(/MAC does not match/);
      expect(readFileSync(join(dir, f.file), 'utf8').split('\n')[f.line - 1]).toMatch(/^ {4}mac: ENC/);
    }
  });
});

describe('SOPS-encrypted values files in the layers (helm-secrets style)', () => {
  it('compares their value paths along the promotion path and verifies them with a key', async () => {
    const id = await generateIdentity();
    const recipient = await identityToRecipient(id);
    const dir = copyExampleWorkspace();
      const layer = (env: string) => `${APP}/values-${env}.in-cluster.yaml`;
    writeFileSync(join(dir, layer('dev')), await encryptSopsYaml({ mongodb: { auth: { rootPassword: 'dev-root-pw' } }, redis: { auth: { password: 'dev-redis-pw' } } }, [recipient], NOW));
    writeFileSync(join(dir, layer('staging')), await encryptSopsYaml({ mongodb: { auth: { rootPassword: 'staging-root-pw' } } }, [recipient], NOW));
    const keyless = (await validate(dir, [])).filter((f) => f.rule === 'secret-key-missing');
    expect(keyless.map((f) => [f.env, f.file, f.path])).toEqual([['staging', layer('staging'), 'redis.auth.password']]);
    flip(dir, layer('dev'), 'rootPassword: ENC[AES256_GCM,data:');
    const withKey = await validate(dir, [id]);
    expect(withKey.filter((f) => f.rule === 'sops-mac').map((f) => [f.env, f.file, f.line, f.path])).toEqual([['dev', layer('dev'), 3, 'mongodb.auth.rootPassword']]);
  });
});

describe('External Secrets and SealedSecrets', () => {
  it('checks the store, the remote-key convention and production refreshInterval', () => {
    const dir = copyExampleWorkspace();
      edit(dir, `${APP}/values-prod.yaml`, '    name: vault-production', '    name: vault-staging');
    edit(dir, `${APP}/values-prod.yaml`, '  refreshInterval: 1h', '  data:\n    - secretKey: database-url\n      remoteRef:\n        key: alpha-members/staging/database\n        property: url');
    const findings = validateApp(loadWorkspace(dir), 'alpha-members', { envs: ['prod'] }).filter((f) => f.rule.startsWith('external-secret') || f.rule === 'secret-key-missing');
    expect(findings.map((f) => [f.rule, f.line, f.path])).toEqual(
      expect.arrayContaining([
        ['external-secret-store', 103, 'externalSecrets.secretStoreRef'],
        ['external-secret-remote-key', 108, 'externalSecrets.data[0].remoteRef.key'],
        // the base's empty default is what prod deploys once its overlay sets none
        ['external-secret-refresh-interval', 188, 'externalSecrets.refreshInterval'],
      ]),
    );
    // prod now lists one key where staging has the template's three
    expect(findings.filter((f) => f.rule === 'secret-key-missing').map((f) => f.path)).toEqual(['keycloak-client-secret', 'redis-password']);
  });

  describe('SealedSecret scopes', () => {
    const dir = copyExampleWorkspace();
    execFileSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', join(dir, 'key.pem'), '-out', join(dir, 'cert.pem'), '-subj', '/O=sealed-secret', '-days', '1'], { stdio: 'ignore' });
    const other = mkdtempSync(join(tmpdir(), 'hvm-cert-'));
    execFileSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', join(other, 'key.pem'), '-out', join(other, 'cert.pem'), '-subj', '/O=sealed-secret', '-days', '1'], { stdio: 'ignore' });
    edit(dir, 'gitops.yaml', /secrets: external-secrets\n {4}secretStore:\n {6}name: vault-staging\n {6}kind: ClusterSecretStore\n/, 'secrets: sealed-secrets\n');
    edit(dir, 'gitops.yaml', /secrets: external-secrets\n {4}secretStore:\n {6}name: vault-production\n {6}kind: ClusterSecretStore\n/, 'secrets: sealed-secrets\n');
    edit(dir, 'gitops.yaml', '    description: the cluster Argo CD runs in', '    description: the cluster Argo CD runs in\n    sealedSecretsCertificate: cert.pem');
    const sealed = (ns: string, data: string, annotations = '') => `apiVersion: bitnami.com/v1alpha1\nkind: SealedSecret\nmetadata:\n  name: alpha-members-secrets\n  namespace: ${ns}\n${annotations}spec:\n  encryptedData:\n${data}  template:\n    metadata:\n      name: alpha-members-secrets\n`;

    it('a strict value copied from staging never opens in prod, and a wrong namespace is caught', () => {
      writeFileSync(join(dir, APP, 'secrets/sealed-secrets-staging.yaml'), sealed('staging', '    redis-password: AgCopiedCiphertext==\n'));
      writeFileSync(join(dir, APP, 'secrets/sealed-secrets-prod.yaml'), sealed('production', '    redis-password: AgCopiedCiphertext==\n'));
      const findings = validateApp(loadWorkspace(dir), 'alpha-members').filter((f) => f.rule.startsWith('sealed-secret'));
      expect(findings).toEqual([expect.objectContaining({ rule: 'sealed-secret-scope', env: 'prod', line: 8, path: 'redis-password', message: expect.stringMatching(/same sealed value as in staging's .*: sealed for staging\/alpha-members-secrets, it never opens as production\/alpha-members-secrets/) })]);
      writeFileSync(join(dir, APP, 'secrets/sealed-secrets-prod.yaml'), sealed('staging', '    redis-password: AgOwn==\n'));
      expect(validateApp(loadWorkspace(dir), 'alpha-members', { envs: ['prod'] }).filter((f) => f.rule.startsWith('sealed-secret')).map((f) => f.message)).toEqual([
        'a strict SealedSecret for namespace "staging", but prod deploys to "production": it opens only in "staging"',
      ]);
      // cluster-wide values open anywhere: a copy is fine
      writeFileSync(join(dir, APP, 'secrets/sealed-secrets-prod.yaml'), sealed('production', '    redis-password: AgCopiedCiphertext==\n', '  annotations:\n    sealedsecrets.bitnami.com/cluster-wide: "true"\n'));
      expect(validateApp(loadWorkspace(dir), 'alpha-members', { envs: ['prod'] }).filter((f) => f.rule.startsWith('sealed-secret'))).toEqual([]);
    });

    it('namespace-wide values open under any name of their namespace; a strict one only under the name it was sealed for', () => {
      const nsWide = '  annotations:\n    sealedsecrets.bitnami.com/namespace-wide: "true"\n';
      writeFileSync(join(dir, APP, 'secrets/sealed-secrets-staging.yaml'), sealed('staging', '    redis-password: AgCopiedCiphertext==\n    empty: ""\n'));
      writeFileSync(join(dir, APP, 'secrets/sealed-secrets-prod.yaml'), sealed('production', '    redis-password: AgCopiedCiphertext==\n    empty: ""\n', nsWide));
      const scope = () => validateApp(loadWorkspace(dir), 'alpha-members').filter((f) => f.rule === 'sealed-secret-scope').map((f) => `${f.severity} ${f.env} ${f.file}:${f.line}:${f.column} ${f.path} | ${f.message}`);
      expect(scope()).toEqual([
        `error prod ${APP}/secrets/sealed-secrets-prod.yaml:10:5 redis-password | "redis-password" is the same sealed value as in staging's ${APP}/secrets/sealed-secrets-staging.yaml: sealed for namespace "staging", it never opens as production/alpha-members-secrets`,
      ]);
      // the same namespace-wide value in two envs of one namespace opens in both
      writeFileSync(join(dir, APP, 'secrets/sealed-secrets-staging.yaml'), sealed('production', '    redis-password: AgCopiedCiphertext==\n'));
      expect(scope().filter((f) => f.includes(' prod '))).toEqual([]);
      writeFileSync(join(dir, APP, 'secrets/sealed-secrets-prod.yaml'), sealed('production', '    redis-password: AgOwn==\n').replace('      name: alpha-members-secrets\n', '      name: renamed\n'));
      expect(scope().filter((f) => f.includes(' prod '))).toEqual([
        `error prod ${APP}/secrets/sealed-secrets-prod.yaml:1:1 undefined | a strict SealedSecret named "alpha-members-secrets" whose template names the Secret "renamed": strict values open only under the name they were sealed for`,
      ]);
    });

    it('compares the certificate a file records with its cluster certificate', () => {
      const mine = certificateFingerprint(readFileSync(join(dir, 'cert.pem'), 'utf8'));
      const theirs = certificateFingerprint(readFileSync(join(other, 'cert.pem'), 'utf8'));
      writeFileSync(join(dir, APP, 'secrets/sealed-secrets-prod.yaml'), sealed('production', '    redis-password: AgOwn==\n', `  annotations:\n    ${SEALED_WITH_ANNOTATION}: ${theirs}\n`));
      expect(validateApp(loadWorkspace(dir), 'alpha-members', { envs: ['prod'] }).filter((f) => f.rule === 'sealed-secret-certificate')).toEqual([expect.objectContaining({ line: 1, message: expect.stringMatching(/^sealed with the certificate .* but cluster "in-cluster" of prod has/) })]);
      writeFileSync(join(dir, APP, 'secrets/sealed-secrets-prod.yaml'), sealed('production', '    redis-password: AgOwn==\n', `  annotations:\n    ${SEALED_WITH_ANNOTATION}: ${mine}\n`));
      expect(validateApp(loadWorkspace(dir), 'alpha-members', { envs: ['prod'] }).filter((f) => f.rule === 'sealed-secret-certificate')).toEqual([]);
      // a recorded certificate that cannot be read is reported where gitops.yaml names it
      edit(dir, 'gitops.yaml', 'sealedSecretsCertificate: cert.pem', 'sealedSecretsCertificate: gone.pem');
      const config = readFileSync(join(dir, 'gitops.yaml'), 'utf8').split('\n');
      expect(validateApp(loadWorkspace(dir), 'alpha-members', { envs: ['prod'] }).filter((f) => f.rule === 'sealed-secret-certificate')).toEqual([
        expect.objectContaining({ file: 'gitops.yaml', line: config.findIndex((l) => l.includes('gone.pem')) + 1, column: 31, message: expect.stringMatching(/^sealedSecretsCertificate of cluster "in-cluster" \(gone.pem\) is not a readable PEM certificate/) }),
      ]);
    });
  });
});

describe('secrets in Argo CD Applications', () => {
  it('finds plaintext in helm.values, valuesObject, parameters and value files outside the app folder, at their lines', () => {
    const dir = copyExampleWorkspace();
    const app = 'argocd/applications/alpha-members-prod.yaml';
    edit(dir, app, '      valueFiles:\n        - values.yaml\n        - values-prod.yaml\n', '      valueFiles:\n        - values.yaml\n        - values-prod.yaml\n        - ../../shared/common.yaml\n');
    edit(dir, app, '          value: $ARGOCD_APP_REVISION\n', '          value: $ARGOCD_APP_REVISION\n        - name: redis.auth.password\n          value: hunter2-param\n      values: |\n        replicaCount: 3\n        mongodb:\n          auth:\n            rootPassword: hunter2-inline\n      valuesObject:\n        keycloak:\n          clientSecret: hunter2-object\n');
    execFileSync('mkdir', ['-p', join(dir, 'deployment/shared')]);
    writeFileSync(join(dir, 'deployment/shared/common.yaml'), 'smtp:\n  password: hunter2-shared\n');
    const findings = validateApp(loadWorkspace(dir), 'alpha-members', { envs: ['prod'] }).filter((f) => f.rule === 'plaintext-secret');
    expect(findings.map((f) => [f.file, f.line, f.column, f.path, f.message])).toEqual([
      ['argocd/applications/alpha-members-prod.yaml', 21, 18, 'redis.auth.password', 'holds a plaintext value (13 characters) in the Application\'s helm.parameters (redis.auth.password)'],
      ['argocd/applications/alpha-members-prod.yaml', 26, 27, 'mongodb.auth.rootPassword', 'holds a plaintext value (14 characters) in the Application\'s helm.values'],
      ['argocd/applications/alpha-members-prod.yaml', 29, 25, 'keycloak.clientSecret', 'holds a plaintext value (14 characters) in the Application\'s helm.valuesObject'],
      // A value file outside the app folder is one of the env's layers, scanned like the others.
      ['deployment/shared/common.yaml', 2, 13, 'smtp.password', 'holds a plaintext value (14 characters)'],
    ]);
  });
});
