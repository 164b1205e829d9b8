import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { generateIdentity, identityToRecipient } from 'age-encryption';
import { decryptSops as independentDecrypt } from 'sops-age';
import { beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { parseAgeIdentities, unwrapDataKey } from './age-keys';
import { openSops } from './open-sops';
import { parseSopsDocument, sopsKeyNames } from './sops-document';
import { encryptSopsYaml, setSopsValue } from './write-sops';

const FIXTURES = join(__dirname, 'fixtures');
const SOPS_WRITTEN = readFileSync(join(FIXTURES, 'sops-3.8.1-age.enc.yaml'), 'utf8');
const SOPS_KEY = parseAgeIdentities(readFileSync(join(FIXTURES, 'sops-age-TEST-ONLY-key.txt'), 'utf8'));
const NOW = new Date('2026-01-02T03:04:05.678Z');

async function open(text: string, ids: string[]) {
  const doc = parseSopsDocument(text, 'secrets.enc.yaml');
  const key = await unwrapDataKey(doc.age, ids);
  if (!key) throw new Error('no key opens the file');
  return { doc, key, opened: openSops(doc, key) };
}

const plain = (o: ReturnType<typeof openSops>) => Object.fromEntries(o.values.map((v) => [v.path.join('.'), v.value]));

describe('SOPS files', () => {
  let id: string;
  let recipient: string;
  beforeAll(async () => {
    id = await generateIdentity();
    recipient = await identityToRecipient(id);
  });

  it('opens a file the sops binary wrote, and verifies its MAC', async () => {
    const { opened } = await open(SOPS_WRITTEN, SOPS_KEY);
    expect(opened.problems).toEqual([]);
    expect(opened.macMatches).toBe(true);
    expect(plain(opened)).toEqual({ secret: 'this is a secret', string: 'string', int: 7, float: 3.14, boolean: true, 'complex.value': 'this is a secret', 'complex.array': 'three' });
    expect(opened.values.filter((v) => v.path.join('.') === 'complex.array').map((v) => v.value)).toEqual(['one', 'two', 'three']);
  });

  it('reads key names without any key', () => {
    expect(sopsKeyNames(parseSopsDocument(SOPS_WRITTEN, 'f'))).toEqual(['secret', 'string', 'int', 'float', 'boolean', 'complex.value', 'complex.array']);
  });

  it('writes files it opens again, with the MAC sops computes', async () => {
    const text = await encryptSopsYaml({ 'db-password': 's3cr3t-Value', port: 5432, ratio: 0.25, on: true, empty: '', nested: { list: ['a', 'b'] }, note_unencrypted: 'in clear' }, [recipient], NOW);
    expect(text).not.toContain('s3cr3t-Value');
    expect(text).toContain('note_unencrypted: in clear');
    expect(text).toMatch(/^ {4}lastmodified: "2026-01-02T03:04:05Z"$/m);
    expect(text).toMatch(/^db-password: ENC\[AES256_GCM,data:[^,]+,iv:[A-Za-z0-9+/]{43}=,tag:[^,]+,type:str\]$/m);
    expect(text).toMatch(/^port: ENC\[AES256_GCM,.*type:int\]$/m);
    const { opened } = await open(text, [id]);
    expect(opened.macMatches).toBe(true);
    expect(plain(opened)).toMatchObject({ 'db-password': 's3cr3t-Value', port: 5432, ratio: 0.25, on: true, empty: '', note_unencrypted: 'in clear' });
  });

  it('writes files an independent SOPS decoder opens', async () => {
    const text = await encryptSopsYaml({ 'db-password': 's3cr3t-Value', port: 5432, on: false, nested: { token: 'tkn', list: ['x', 'y'] } }, [recipient], NOW);
    expect(await independentDecrypt(text, { secretKey: id, fileType: 'yaml' })).toEqual({ 'db-password': 's3cr3t-Value', port: 5432, on: false, nested: { token: 'tkn', list: ['x', 'y'] } });
  });

  it('sets one key with the file\'s own data key: other values keep their bytes, the MAC follows', async () => {
    const { doc, key } = await open(SOPS_WRITTEN, SOPS_KEY);
    const out = setSopsValue(doc, key, ['secret'], 'rotated value', NOW);
    expect(out).not.toContain('rotated value');
    const changed = out.split('\n').filter((l, i) => l !== SOPS_WRITTEN.split('\n')[i]);
    expect(changed.map((l) => l.split(':')[0].trim())).toEqual(['secret', 'lastmodified', 'mac']);
    expect(out).toContain('lastmodified: "2026-01-02T03:04:05Z"');
    const again = await open(out, SOPS_KEY);
    expect(again.opened.macMatches).toBe(true);
    expect(plain(again.opened).secret).toBe('rotated value');
    // the independent decoder opens it with the same key, and so does every other recipient (the stanzas are untouched)
    expect(((await independentDecrypt(out, { secretKey: SOPS_KEY[0], fileType: 'yaml' })) as Record<string, unknown>).secret).toBe('rotated value');
    expect(out).toContain('age19j4d6v9j7rx5fs629fu387qz4zmlpsqjexa4s08tkfrrmfdl5cwqjlaupd');
  });

  it('adds a new key before the sops section', async () => {
    const { doc, key } = await open(SOPS_WRITTEN, SOPS_KEY);
    const out = setSopsValue(doc, key, ['redis-password'], 'fresh', NOW);
    expect(Object.keys(parse(out))).toEqual(['secret', 'string', 'int', 'float', 'boolean', 'complex', 'redis-password', 'sops']);
    expect(plain((await open(out, SOPS_KEY)).opened)['redis-password']).toBe('fresh');
  });

  describe('tampering', () => {
    it('a flipped byte in a value is a problem at its line, and the MAC no longer matches', async () => {
      const tampered = SOPS_WRITTEN.replace('data:LNzAFGse', 'data:LNzAFGsf');
      const { opened } = await open(tampered, SOPS_KEY);
      expect(opened.problems).toEqual([expect.objectContaining({ path: ['string'], line: 2, column: 9 })]);
      expect(opened.macMatches).toBe(false);
    });

    it('a removed key leaves every value opening, but the MAC catches it', async () => {
      const tampered = SOPS_WRITTEN.split('\n').filter((l) => !l.startsWith('int:')).join('\n');
      const { opened } = await open(tampered, SOPS_KEY);
      expect(opened.problems).toEqual([]);
      expect(opened.macMatches).toBe(false);
    });

    it('a value moved to another key does not open there (the key path is bound to it)', async () => {
      const secretLine = SOPS_WRITTEN.split('\n')[0];
      const tampered = SOPS_WRITTEN.replace(/^string: .*$/m, `string: ${secretLine.slice('secret: '.length)}`);
      expect((await open(tampered, SOPS_KEY)).opened.problems.map((p) => p.path)).toEqual([['string']]);
    });

    it('a changed MAC does not match', async () => {
      const tampered = SOPS_WRITTEN.replace('mac: ENC[AES256_GCM,data:VkH/', 'mac: ENC[AES256_GCM,data:VkH+');
      const { opened } = await open(tampered, SOPS_KEY);
      expect(opened.problems).toEqual([]);
      expect(opened.macMatches).toBe(false);
    });

    it('a value written in clear after encryption is a problem at its line', async () => {
      const tampered = SOPS_WRITTEN.replace(/^string: .*$/m, 'string: typed-by-hand');
      expect((await open(tampered, SOPS_KEY)).opened.problems).toEqual([expect.objectContaining({ path: ['string'], line: 2, reason: expect.stringMatching(/clear text/) })]);
    });

    it('refuses to set a key in a file that does not verify', async () => {
      const { doc, key } = await open(SOPS_WRITTEN.replace('data:LNzAFGse', 'data:LNzAFGsf'), SOPS_KEY);
      expect(() => setSopsValue(doc, key, ['secret'], 'x', NOW)).toThrow(/does not verify/);
    });
  });

  it('opens nothing without a matching identity', async () => {
    expect(await unwrapDataKey(parseSopsDocument(SOPS_WRITTEN, 'f').age, [id])).toBeUndefined();
  });

  it('says where a file is not a SOPS file', () => {
    expect(() => parseSopsDocument('a: 1\n', 'x.yaml')).toThrow(/no top-level sops section/);
    expect(() => parseSopsDocument('a: [\n', 'x.yaml')).toThrow(/not valid YAML/);
  });
});
