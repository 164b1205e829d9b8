import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generateIdentity, identityToRecipient } from 'age-encryption';
import { describe, expect, it } from 'vitest';
import { UserError } from '../common';
import { ageIdentitiesFromEnv, ageRecipientOf, parseAgeIdentities, unwrapDataKey, wrapDataKey } from './age-keys';
import { userErrorOf } from '../test-support/user-error-of';

const ID_A = 'AGE-SECRET-KEY-1AAAA';
const ID_B = 'AGE-SECRET-KEY-1BBBB';

describe('age identities as sops takes them', () => {
  const dir = mkdtempSync(join(tmpdir(), 'hvm-age-'));
  const keys = join(dir, 'keys.txt');
  writeFileSync(keys, `# created: 2026-01-01\r\n# public key: age1xyz\r\n  ${ID_B}  \r\n`);
  const empty = join(dir, 'empty.txt');
  writeFileSync(empty, '# public key only\n');

  it('reads the keys of a keys.txt, comments skipped', () => {
    expect(parseAgeIdentities(`# c\n${ID_A}\n\n age-secret-key-1lower \n`)).toEqual([ID_A, 'age-secret-key-1lower']);
    expect(parseAgeIdentities(`# the key below is AGE-SECRET-KEY-1NOTAKEY\n${ID_B}\n`)).toEqual([ID_B]);
  });

  it('takes SOPS_AGE_KEY and SOPS_AGE_KEY_FILE together, and nothing when neither is set', () => {
    expect(ageIdentitiesFromEnv({ SOPS_AGE_KEY: ID_A, SOPS_AGE_KEY_FILE: keys })).toEqual([ID_A, ID_B]);
    expect(ageIdentitiesFromEnv({ SOPS_AGE_KEY_FILE: keys })).toEqual([ID_B]);
    expect(ageIdentitiesFromEnv({ SOPS_AGE_KEY: ID_A })).toEqual([ID_A]);
    expect(ageIdentitiesFromEnv({})).toEqual([]);
    expect(ageIdentitiesFromEnv({ SOPS_AGE_KEY: '', SOPS_AGE_KEY_FILE: '' })).toEqual([]);
  });

  it('says what is wrong with a key file or key that holds no identity, and what to do', () => {
    expect(userErrorOf(() => ageIdentitiesFromEnv({ SOPS_AGE_KEY_FILE: join(dir, 'missing.txt') })).format()).toBe(
      `${join(dir, 'missing.txt')}: SOPS_AGE_KEY_FILE names ${join(dir, 'missing.txt')}, which cannot be read (ENOENT)\n  Point SOPS_AGE_KEY_FILE at your age keys.txt, or unset it to check without decrypting.`,
    );
    expect(userErrorOf(() => ageIdentitiesFromEnv({ SOPS_AGE_KEY_FILE: empty })).format()).toBe(`${empty}: SOPS_AGE_KEY_FILE holds no AGE-SECRET-KEY- line\n  Create one with age-keygen -o keys.txt.`);
    expect(userErrorOf(() => ageIdentitiesFromEnv({ SOPS_AGE_KEY: 'age1public' })).format()).toBe(
      'SOPS_AGE_KEY holds no AGE-SECRET-KEY- line\n  Set it to the contents of your age keys.txt, or unset it to check without decrypting.',
    );
    // the file's keys are enough when SOPS_AGE_KEY holds none
    expect(ageIdentitiesFromEnv({ SOPS_AGE_KEY: 'age1public', SOPS_AGE_KEY_FILE: keys })).toEqual([ID_B]);
  });

  it('wraps a data key for each recipient and unwraps it with any one identity, never without one', async () => {
    const id1 = await generateIdentity();
    const id2 = await generateIdentity();
    const stranger = await generateIdentity();
    expect(await ageRecipientOf(id1)).toBe(await identityToRecipient(id1));
    const recipients = [await ageRecipientOf(id1), await ageRecipientOf(id2)];
    const dataKey = new Uint8Array(32).map((_, i) => i);
    const stanzas = await wrapDataKey(dataKey, recipients);
    expect(stanzas.map((s) => s.recipient)).toEqual(recipients);
    expect(stanzas.every((s) => s.enc.startsWith('-----BEGIN AGE ENCRYPTED FILE-----'))).toBe(true);
    expect(await unwrapDataKey(stanzas, [id2])).toEqual(dataKey);
    expect(await unwrapDataKey(stanzas, [stranger, id1])).toEqual(dataKey);
    expect(await unwrapDataKey(stanzas, [stranger])).toBeUndefined();
    expect(await unwrapDataKey(stanzas, [])).toBeUndefined();
  });

  it('refuses a recipient that is not an age public key, saying what one looks like', async () => {
    await expect(wrapDataKey(new Uint8Array(32), ['ssh-rsa AAAA'])).rejects.toThrow(UserError);
    await expect(wrapDataKey(new Uint8Array(32), ['ssh-rsa AAAA'])).rejects.toMatchObject({ message: expect.stringMatching(/^"ssh-rsa AAAA" is not an age recipient \(.+\)$/), hint: 'Use the public key age-keygen prints (age1...).' });
  });
});
