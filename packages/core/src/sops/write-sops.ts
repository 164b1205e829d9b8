import { randomBytes } from 'node:crypto';
import { isMap as isYamlMap, isScalar, stringify } from 'yaml';
import { UserError } from '../common';
import { setValuesInText } from '../yaml';
import { wrapDataKey } from './age-keys';
import { additionalData, encryptValue, type SopsScalar } from './enc-value';
import { encryptionRules } from './encryption-rules';
import { computeMac, openSops } from './open-sops';
import { type AgeStanza, parseSopsDocument, type SopsDocument } from './sops-document';

/** The sops release whose file format this writes (the `version` field of a new file). */
export const SOPS_FORMAT_VERSION = '3.10.2';
const DATA_KEY_BYTES = 32;

/** `lastmodified` as sops writes it: RFC 3339 in UTC, whole seconds. */
export function sopsTimestamp(now: Date): string {
  return now.toISOString().replace(/\.\d+Z$/, 'Z');
}

type Plain = SopsScalar | null | Plain[] | { [k: string]: Plain };

/**
 * A new SOPS YAML file holding `values`, encrypted for the age `recipients` exactly as
 * `sops --encrypt --age` does: a fresh data key, each value AES-256-GCM under its key path,
 * `_unencrypted` keys left in clear, the MAC over every value, 4-space indentation.
 */
export async function encryptSopsYaml(values: Record<string, Plain>, recipients: string[], now: Date): Promise<string> {
  if (recipients.length === 0) throw new UserError('no age recipient to encrypt for', { hint: 'Set the env\'s age recipients in .sops.yaml (creation_rules[].age).' });
  const dataKey = randomBytes(DATA_KEY_BYTES);
  const rules = encryptionRules({});
  const plain: { value: SopsScalar; encrypted: boolean }[] = [];
  const encrypt = (v: Plain, path: string[]): Plain => {
    if (v === null) return null;
    if (Array.isArray(v)) return v.map((item) => encrypt(item, path));
    if (typeof v === 'object') return Object.fromEntries(Object.entries(v).map(([k, item]) => [k, encrypt(item, [...path, k])]));
    const encrypted = rules.mustEncrypt(path);
    plain.push({ value: v, encrypted });
    return encrypted ? encryptValue(v, dataKey, additionalData(path)) : v;
  };
  const tree = encrypt(values, []) as Record<string, Plain>;
  const lastmodified = sopsTimestamp(now);
  const mac = encryptValue(computeMac(plain), dataKey, lastmodified);
  const age = await wrapDataKey(dataKey, recipients);
  return (Object.keys(tree).length > 0 ? stringify(tree, { indent: 4, lineWidth: 0 }) : '') + sopsSection(age, lastmodified, mac);
}

/**
 * The file's text with the value at `path` (map keys) set to `value`, encrypted with the file's own
 * data key (so its recipients are unchanged), and a new MAC and `lastmodified`. Everything else
 * keeps its bytes. Refuses a file that does not verify: rotating would bless a tampered file.
 */
export function setSopsValue(sops: SopsDocument, dataKey: Uint8Array, path: string[], value: string, now: Date): string {
  const key = path.join('.');
  const before = openSops(sops, dataKey);
  if (!before.macMatches) {
    const at = before.problems[0] ?? { line: sops.macAt.line, column: sops.macAt.column };
    throw new UserError('the file does not verify (a value or its MAC was changed after encryption): not writing to it', { file: sops.file, line: at.line, column: at.column, hint: 'Restore the file from Git (git log -p on it shows the change), then set the key again.' });
  }
  if (!sops.rules.mustEncrypt(path)) {
    throw new UserError(`"${key}" would stay in clear text under this file's encryption rules`, { file: sops.file, hint: 'Choose a key name the file encrypts (not one ending in _unencrypted).' });
  }
  const order = topKeys(sops);
  // A new top-level key goes before the sops section; a new nested key after its siblings.
  const keyOrder = (parent: (string | number)[]) => (parent.length === 0 && !order.includes(path[0]) ? [...order.filter((k) => k !== 'sops'), path[0], 'sops'] : []);
  const withValue = setValuesInText(sops.text, sops.file, [{ path, value: encryptValue(value, dataKey, additionalData(path)) }], keyOrder);
  const edited = parseSopsDocument(withValue, sops.file);
  const opened = openSops(edited, dataKey);
  const lastmodified = sopsTimestamp(now);
  const mac = encryptValue(opened.computedMac, dataKey, lastmodified);
  const out = setValuesInText(withValue, sops.file, [
    { path: ['sops', 'lastmodified'], value: lastmodified },
    { path: ['sops', 'mac'], value: mac },
  ]);
  // What was written must open and verify, or nothing is written.
  const check = openSops(parseSopsDocument(out, sops.file), dataKey);
  if (!check.macMatches || check.values.find((v) => v.path.join('\0') === path.join('\0'))?.value !== value) throw new Error(`internal: the re-encrypted ${sops.file} does not verify`);
  return out;
}

/** The `sops` section laid out as sops (yaml.v3, indent 4) writes it. */
function sopsSection(age: AgeStanza[], lastmodified: string, mac: string): string {
  const stanzas = age.map((a) => `        - recipient: ${a.recipient}\n          enc: |\n${a.enc.trimEnd().split('\n').map((l) => `            ${l}\n`).join('')}`);
  return `sops:\n    age:\n${stanzas.join('')}    lastmodified: "${lastmodified}"\n    mac: ${mac}\n    unencrypted_suffix: _unencrypted\n    version: ${SOPS_FORMAT_VERSION}\n`;
}

function topKeys(sops: SopsDocument): string[] {
  const root = sops.doc.contents;
  return isYamlMap(root) ? root.items.map((p) => String(isScalar(p.key) ? p.key.value : p.key)) : [];
}
