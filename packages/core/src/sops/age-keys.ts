import { readFileSync } from 'node:fs';
import { UserError } from '../common';
import type { AgeStanza } from './sops-document';

type Age = typeof import('age-encryption');
let age: Promise<Age> | undefined;
// Loaded on first use (it costs about half a second): most runs never decrypt. An ES module,
// which the CommonJS build require()s, as Node 22.12 and later do (package.json engines).
const loadAge = (): Promise<Age> => (age ??= import('age-encryption'));

/** The age identities (`AGE-SECRET-KEY-1...`) in a keys.txt text, as `age-keygen` writes it: comments skipped. */
export function parseAgeIdentities(text: string): string[] {
  return text
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter((l) => /^AGE-SECRET-KEY-/i.test(l));
}

/**
 * The identities the user gave, by the sops conventions: `SOPS_AGE_KEY` (the keys themselves)
 * and `SOPS_AGE_KEY_FILE` (a keys.txt). None given: no decryption. sops's default keys.txt is
 * not read on purpose, so checks decrypt only when asked to.
 */
export function ageIdentitiesFromEnv(env: NodeJS.ProcessEnv): string[] {
  const out: string[] = [];
  if (env.SOPS_AGE_KEY) out.push(...parseAgeIdentities(env.SOPS_AGE_KEY));
  const file = env.SOPS_AGE_KEY_FILE;
  if (file) {
    let text: string;
    try {
      text = readFileSync(file, 'utf8');
    } catch (e) {
      throw new UserError(`SOPS_AGE_KEY_FILE names ${file}, which cannot be read (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`, { file, hint: 'Point SOPS_AGE_KEY_FILE at your age keys.txt, or unset it to check without decrypting.' });
    }
    const ids = parseAgeIdentities(text);
    if (ids.length === 0) throw new UserError('SOPS_AGE_KEY_FILE holds no AGE-SECRET-KEY- line', { file, hint: 'Create one with age-keygen -o keys.txt.' });
    out.push(...ids);
  }
  if (env.SOPS_AGE_KEY && out.length === 0) throw new UserError('SOPS_AGE_KEY holds no AGE-SECRET-KEY- line', { hint: 'Set it to the contents of your age keys.txt, or unset it to check without decrypting.' });
  return out;
}

export async function ageRecipientOf(identity: string): Promise<string> {
  return (await loadAge()).identityToRecipient(identity);
}

/** The file's data key, opened with whichever identity matches one of its age stanzas; undefined when none does. */
export async function unwrapDataKey(stanzas: AgeStanza[], identities: string[]): Promise<Uint8Array | undefined> {
  if (identities.length === 0) return undefined;
  const { armor, Decrypter } = await loadAge();
  for (const stanza of stanzas) {
    const d = new Decrypter();
    for (const id of identities) d.addIdentity(id);
    try {
      return await d.decrypt(armor.decode(stanza.enc));
    } catch {
      // not for these identities (or damaged): try the next stanza
    }
  }
  return undefined;
}

/** The data key encrypted to each recipient, armored, as sops stores it under `sops.age`. */
export async function wrapDataKey(dataKey: Uint8Array, recipients: string[]): Promise<AgeStanza[]> {
  const { armor, Encrypter } = await loadAge();
  const out: AgeStanza[] = [];
  for (const recipient of recipients) {
    const e = new Encrypter();
    try {
      e.addRecipient(recipient);
    } catch (err) {
      throw new UserError(`"${recipient}" is not an age recipient (${(err as Error).message})`, { hint: 'Use the public key age-keygen prints (age1...).' });
    }
    out.push({ recipient, enc: armor.encode(await e.encrypt(dataKey)) });
  }
  return out;
}
