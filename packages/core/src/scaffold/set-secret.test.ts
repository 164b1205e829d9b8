import { execFileSync } from 'node:child_process';
import { createPrivateKey } from 'node:crypto';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { decryptSops } from 'sops-age';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { UserError } from '../common';
import { SEALED_WITH_ANNOTATION } from '../checks';
import { encryptionLabel, hybridDecrypt } from '../sealing';
import { encryptSopsYaml, parseAgeIdentities } from '../sops';
import { copyExampleWorkspace, EXAMPLE_AGE_KEY_FILE } from '../test-support/example-workspace';
import { loadWorkspace } from '../workspace';
import { setSecret, type SecretSetInput } from './set-secret';

const APP = 'deployment/helm/alpha-members';
const DEV_FILE = `${APP}/secrets/secrets-dev.yaml.enc`;
const IDS = parseAgeIdentities(readFileSync(EXAMPLE_AGE_KEY_FILE, 'utf8'));
const NOW = new Date('2026-02-03T04:05:06Z');
const PROD_STORE = '    secrets: external-secrets\n    secretStore:\n      name: vault-production\n      kind: ClusterSecretStore\n';

const input = (value: string, over: Partial<SecretSetInput> = {}): SecretSetInput => ({ value: async () => Buffer.from(value), identities: IDS, now: NOW, ...over });

function editConfig(dir: string, from: string, to: string): void {
  const file = join(dir, 'gitops.yaml');
  const text = readFileSync(file, 'utf8');
  if (!text.includes(from)) throw new Error(`gitops.yaml has no ${JSON.stringify(from)}`);
  writeFileSync(file, text.replace(from, to));
}

async function refusal(p: Promise<unknown>): Promise<UserError> {
  try {
    await p;
  } catch (e) {
    if (e instanceof UserError) return e;
    throw e;
  }
  throw new Error('expected a UserError');
}

const opened = async (text: string) => (await decryptSops(text, { secretKey: IDS[0], fileType: 'yaml' })) as { stringData: Record<string, string> };

describe('gitops secret set, in the core', () => {
  it('for an External Secrets env, says where the value goes and reads no value', async () => {
    const ws = loadWorkspace(copyExampleWorkspace());
    const never = input('', { value: () => Promise.reject(new Error('the value must not be read')) });
    expect(await setSecret(ws, 'alpha-members', 'prod', 'redis-password', never)).toEqual({
      kind: 'print',
      message: 'prod reads redis-password through External Secrets: set it in the ClusterSecretStore "vault-production" at\n  alpha-members/production/redis (property password)\nThe value was not read; nothing was written.\n',
    });
    expect(await setSecret(ws, 'alpha-members', 'prod', 'smtp-password', never)).toEqual({
      kind: 'print',
      message:
        'prod reads secrets through External Secrets, and its ExternalSecret has no smtp-password yet: set the value in the ClusterSecretStore "vault-production" at\n  alpha-members/production/smtp-password\nthen add it to the app (nx g secret --app=alpha-members --name=smtp-password).\nThe value was not read; nothing was written.\n',
    });
  });

  it('rotates a key of a SOPS file with the file\'s own data key, and adds a new one', async () => {
    const dir = copyExampleWorkspace();
    const ws = loadWorkspace(dir);
    const before = await opened(readFileSync(join(dir, DEV_FILE), 'utf8'));
    const r = await setSecret(ws, 'alpha-members', 'dev', 'redis-password', input('rotated-pw-7'));
    expect(r).toMatchObject({ kind: 'write', file: DEV_FILE, message: `${DEV_FILE}: redis-password set, encrypted with the file's data key for its 1 age recipient; MAC updated\n` });
    const text = (r as { text: string }).text;
    expect(text).not.toContain('rotated-pw-7');
    expect(text).toMatch(/^ {4}lastmodified: "2026-02-03T04:05:06Z"$/m);
    expect((await opened(text)).stringData).toEqual({ ...before.stringData, 'redis-password': 'rotated-pw-7' });
    writeFileSync(join(dir, DEV_FILE), text);
    const added = await setSecret(ws, 'alpha-members', 'dev', 'smtp-password', input('smtp-value'));
    expect((await opened((added as { text: string }).text)).stringData).toEqual({ ...before.stringData, 'redis-password': 'rotated-pw-7', 'smtp-password': 'smtp-value' });
  });

  it('creates a missing SOPS file as a Secret for the recipients .sops.yaml gives it', async () => {
    const dir = copyExampleWorkspace();
    rmSync(join(dir, DEV_FILE));
    const ws = loadWorkspace(dir);
    const r = await setSecret(ws, 'alpha-members', 'dev', 'redis-password', input('first-value', { identities: [] }));
    expect(r).toMatchObject({ kind: 'write', file: DEV_FILE, message: `${DEV_FILE}: created with redis-password, encrypted for 1 age recipient from .sops.yaml\n` });
    const text = (r as { text: string }).text;
    expect(await decryptSops(text, { secretKey: IDS[0], fileType: 'yaml' })).toEqual({ apiVersion: 'v1', kind: 'Secret', metadata: { name: 'alpha-members-secrets' }, type: 'Opaque', stringData: { 'redis-password': 'first-value' } });
    writeFileSync(join(dir, '.sops.yaml'), 'creation_rules:\n  - path_regex: nothing-matches\n    age: age1x\n');
    expect((await refusal(setSecret(ws, 'alpha-members', 'dev', 'redis-password', input('v')))).format()).toBe(
      `.sops.yaml: ${DEV_FILE} does not exist, and .sops.yaml gives it no age recipients\n  Add a creation rule for it (nx g env writes one) with your age public key, e.g. age: age1...`,
    );
    rmSync(join(dir, '.sops.yaml'));
    expect((await refusal(setSecret(ws, 'alpha-members', 'dev', 'redis-password', input('v')))).message).toBe(`${DEV_FILE} does not exist, and .sops.yaml gives it no age recipients`);
  });

  it('refuses an empty value, a SOPS file without an identity, and an identity that is no recipient, saying what to do', async () => {
    const ws = loadWorkspace(copyExampleWorkspace());
    expect((await refusal(setSecret(ws, 'alpha-members', 'dev', 'redis-password', input('')))).format()).toBe('the secret value is empty\n  Pipe it in (printf %s "$VALUE" | gitops secret set ...) or pass --from-file FILE.');
    expect((await refusal(setSecret(ws, 'alpha-members', 'dev', 'redis-password', input('v', { identities: [] })))).format()).toBe(
      `${DEV_FILE}: ${DEV_FILE} is encrypted: setting a key needs the age identity of one of its recipients\n  Set SOPS_AGE_KEY_FILE=path/to/keys.txt (or SOPS_AGE_KEY) as for sops, then run again.`,
    );
    const stranger = 'AGE-SECRET-KEY-1GFPYYSJZGFPYYSJZGFPYYSJZGFPYYSJZGFPYYSJZGFPYYSJZGFPQ4EGAEX';
    const e = await refusal(setSecret(ws, 'alpha-members', 'dev', 'redis-password', input('v', { identities: [stranger] })));
    expect(e.format()).toMatch(new RegExp(`^${DEV_FILE}:1:1: none of the given age identities is a recipient of ${DEV_FILE}\\n {2}Its recipients: age1\\w+\\. Use the identity of one of them\\.$`));
    await expect(setSecret(ws, 'alpha-members', 'dev', 'bad key!', input('v'))).rejects.toThrow(/secret key "bad key!" is not allowed/);
  });

  it('seals into the env\'s SealedSecret with the given certificate or the cluster\'s, and records which one', async () => {
    const dir = copyExampleWorkspace();
    execFileSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', join(dir, 'key.pem'), '-out', join(dir, 'cert.pem'), '-subj', '/O=sealed-secret', '-days', '1'], { stdio: 'ignore' });
    editConfig(dir, PROD_STORE, '    secrets: sealed-secrets\n');
    let ws = loadWorkspace(dir);
    expect((await refusal(setSecret(ws, 'alpha-members', 'prod', 'redis-password', input('v')))).format()).toBe(
      'prod uses SealedSecrets: sealing needs the controller\'s certificate\n  Pass --cert cert.pem (kubeseal --fetch-cert > cert.pem), or record it as clusters[].sealedSecretsCertificate in gitops.yaml.',
    );
    const pem = readFileSync(join(dir, 'cert.pem'), 'utf8');
    const r = await setSecret(ws, 'alpha-members', 'prod', 'redis-password', input('sealed-pw', { certificate: { pem, file: 'cert.pem' } }));
    const file = `${APP}/secrets/sealed-secrets-prod.yaml`;
    expect(r).toMatchObject({ kind: 'write', file, message: `${file}: redis-password sealed (strict) for production/alpha-members-secrets with cert.pem\n` });
    const sealed = parse((r as { text: string }).text);
    expect(sealed.metadata).toMatchObject({ name: 'alpha-members-secrets', namespace: 'production' });
    expect(sealed.metadata.annotations[SEALED_WITH_ANNOTATION]).toMatch(/^([0-9A-F]{2}:){31}[0-9A-F]{2}$/);
    const key = createPrivateKey(readFileSync(join(dir, 'key.pem')));
    const open = (v: string) => hybridDecrypt(key, Buffer.from(v, 'base64'), encryptionLabel('strict', 'production', 'alpha-members-secrets')).toString();
    expect(open(sealed.spec.encryptedData['redis-password'])).toBe('sealed-pw');

    // the cluster's recorded certificate, when none is given; the file written before is kept and extended
    writeFileSync(join(dir, file), (r as { text: string }).text);
    editConfig(dir, '    description: the cluster Argo CD runs in\n', '    description: the cluster Argo CD runs in\n    sealedSecretsCertificate: cert.pem\n');
    ws = loadWorkspace(dir);
    const again = await setSecret(ws, 'alpha-members', 'prod', 'api-key', input('api-value'));
    expect(again).toMatchObject({ message: `${file}: api-key sealed (strict) for production/alpha-members-secrets with cert.pem\n` });
    const both = parse((again as { text: string }).text).spec.encryptedData;
    expect([open(both['redis-password']), open(both['api-key'])]).toEqual(['sealed-pw', 'api-value']);

    rmSync(join(dir, 'cert.pem'));
    expect((await refusal(setSecret(ws, 'alpha-members', 'prod', 'api-key', input('v')))).format()).toBe(
      'cert.pem: cannot read sealedSecretsCertificate cert.pem of cluster "in-cluster" (ENOENT)\n  Save it with kubeseal --fetch-cert > FILE, or fix the path in gitops.yaml.',
    );
  });
});

describe('gitops secret set, what it says in each case', () => {
  it('for External Secrets, names the store gitops.yaml gives when the overlay renders no ExternalSecret, and "?" when neither names one', async () => {
    const dir = copyExampleWorkspace();
    const overlay = join(dir, APP, 'values-staging.yaml');
    writeFileSync(overlay, readFileSync(overlay, 'utf8').replace('externalSecrets:\n  enabled: true\n', 'externalSecrets:\n  enabled: false\n'));
    const never = input('', { value: () => Promise.reject(new Error('the value must not be read')) });
    const where = (store: string) => `staging reads secrets through External Secrets, and its ExternalSecret has no redis-password yet: set the value in the ${store} at\n  alpha-members/staging/redis-password\nthen add it to the app (nx g secret --app=alpha-members --name=redis-password).\nThe value was not read; nothing was written.\n`;
    expect(await setSecret(loadWorkspace(dir), 'alpha-members', 'staging', 'redis-password', never)).toEqual({ kind: 'print', message: where('ClusterSecretStore "vault-staging"') });
    editConfig(dir, '    secretStore:\n      name: vault-staging\n      kind: ClusterSecretStore\n', '');
    expect(await setSecret(loadWorkspace(dir), 'alpha-members', 'staging', 'redis-password', never)).toEqual({ kind: 'print', message: where('ClusterSecretStore "?"') });
  });

  it('for External Secrets, leaves out the property where the overlay names none', async () => {
    const dir = copyExampleWorkspace();
    const overlay = join(dir, APP, 'values-prod.yaml');
    writeFileSync(overlay, `${readFileSync(overlay, 'utf8')}  data:\n    - secretKey: token\n      remoteRef: { key: shared/platform/token }\n`);
    const never = input('', { value: () => Promise.reject(new Error('the value must not be read')) });
    expect(await setSecret(loadWorkspace(dir), 'alpha-members', 'prod', 'token', never)).toEqual({
      kind: 'print',
      message: 'prod reads token through External Secrets: set it in the ClusterSecretStore "vault-production" at\n  shared/platform/token\nThe value was not read; nothing was written.\n',
    });
  });

  it('creates a SOPS file for every recipient .sops.yaml gives, and refuses a rule with none', async () => {
    const dir = copyExampleWorkspace();
    rmSync(join(dir, DEV_FILE));
    const sopsConfig = join(dir, '.sops.yaml');
    const rules = readFileSync(sopsConfig, 'utf8');
    const [mine] = rules.match(/age1[0-9a-z]{58}/) as RegExpMatchArray;
    writeFileSync(sopsConfig, rules.replace(mine, `${mine},age1je6kjhzuhdjy3fqptpttxjh5k8q46vygzlgtpuq3030c947pc5tqz9dqvr`));
    const r = await setSecret(loadWorkspace(dir), 'alpha-members', 'dev', 'redis-password', input('v', { identities: [] }));
    expect(r).toMatchObject({ kind: 'write', file: DEV_FILE, message: `${DEV_FILE}: created with redis-password, encrypted for 2 age recipients from .sops.yaml\n` });
    expect((await opened((r as { text: string }).text)).stringData).toEqual({ 'redis-password': 'v' });
    // re-encrypted for both, with the file's own data key
    writeFileSync(join(dir, DEV_FILE), (r as { text: string }).text);
    const again = await setSecret(loadWorkspace(dir), 'alpha-members', 'dev', 'smtp-password', input('w'));
    expect(again).toMatchObject({ message: `${DEV_FILE}: smtp-password set, encrypted with the file's data key for its 2 age recipients; MAC updated\n` });
  });

  it('writes into a SOPS Secret\'s data base64-encoded when the key is there, and into stringData when it is new', async () => {
    const dir = copyExampleWorkspace();
    const recipient = (readFileSync(join(dir, '.sops.yaml'), 'utf8').match(/age1[0-9a-z]{58}/) as RegExpMatchArray)[0];
    writeFileSync(join(dir, DEV_FILE), await encryptSopsYaml({ apiVersion: 'v1', kind: 'Secret', metadata: { name: 'alpha-members-secrets' }, type: 'Opaque', data: { 'redis-password': Buffer.from('old').toString('base64') } }, [recipient], NOW));
    const ws = loadWorkspace(dir);
    const r = await setSecret(ws, 'alpha-members', 'dev', 'redis-password', input('new-pw'));
    const rotated = (await decryptSops((r as { text: string }).text, { secretKey: IDS[0], fileType: 'yaml' })) as { data: Record<string, string>; stringData?: unknown };
    expect(rotated.data).toEqual({ 'redis-password': Buffer.from('new-pw').toString('base64') });
    expect(rotated.stringData).toBeUndefined();
    writeFileSync(join(dir, DEV_FILE), (r as { text: string }).text);
    const added = await setSecret(ws, 'alpha-members', 'dev', 'api-key', input('k'));
    const both = (await decryptSops((added as { text: string }).text, { secretKey: IDS[0], fileType: 'yaml' })) as { data: Record<string, string>; stringData: Record<string, string> };
    expect([both.data, both.stringData]).toEqual([{ 'redis-password': Buffer.from('new-pw').toString('base64') }, { 'api-key': 'k' }]);
  });
});
