import { getAt, isMap, type Path, type Value, type ValueMap } from '../../common';

export const REDACTED = '<redacted>';

// Key names that hold a secret's value. Matched on word parts of camelCase, snake and kebab names.
const SECRET_WORDS = /^(password|passwd|pwd|passphrase|secret|token|apikey|privatekey|credentials?|clientsecret|accesskey|secretkey|authkey|masterkey|encryptionkey|signingkey|webhooksecret|dsn)$/;

const PEM = 'a PEM private key';
const CONNECTION_STRING = 'a connection string with a password';

/** Known token formats: a match is a credential whatever key holds it. */
const TOKEN_PATTERNS: { name: string; re: RegExp }[] = [
  { name: PEM, re: /-----BEGIN (?:[A-Z]+ )?PRIVATE KEY-----/ },
  { name: 'an AWS access key id', re: /\b(?:AKIA|ASIA)[0-9A-Z]{16}\b/ },
  { name: 'a GitHub token', re: /\b(?:gh[pousr]_[A-Za-z0-9]{36,}|github_pat_[A-Za-z0-9_]{22,})\b/ },
  { name: 'a Slack token', re: /\bxox[abprs]-[A-Za-z0-9-]{10,}/ },
  { name: 'a Google API key', re: /\bAIza[0-9A-Za-z_-]{35}\b/ },
  { name: 'a Stripe secret key', re: /\b[rs]k_live_[0-9A-Za-z]{20,}\b/ },
  { name: 'an age secret key', re: /\bAGE-SECRET-KEY-(?:PQ-)?1[0-9A-Z]{58,}\b/ },
  { name: CONNECTION_STRING, re: /\b[a-z][a-z0-9+.-]{0,31}:\/\/[^\s:@/]+:([^\s@/]+)@[^\s]+/i },
];

function words(key: string): string[] {
  return key
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .split(/[\s_\-.]+/)
    .map((w) => w.toLowerCase())
    .filter(Boolean);
}

/** Does this key name hold a secret's value (`password`, `apiToken`, `client_secret`), not a reference to one (`secretName`, `existingSecret`)? */
export function isSecretKey(key: string): boolean {
  let answer = secretKeys.get(key);
  if (answer === undefined) {
    // every app repeats the same key names in every env: each is judged once
    if (secretKeys.size >= 16384) secretKeys.clear();
    secretKeys.set(key, (answer = judgeKey(key)));
  }
  return answer;
}

const secretKeys = new Map<string, boolean>();

function judgeKey(key: string): boolean {
  // Names that point at a secret (secretName, secretKeyRef, passwordFile, tokenTTL) end in a word
  // that is no secret word: the last-word rule below leaves them out.
  const parts = words(key);
  // existingSecret, configFromSecret, useSecret, createSecret: they name or switch a Secret, not hold one
  if (parts.some((w) => ['existing', 'from', 'use', 'create'].includes(w))) return false;
  const joined = parts.join('');
  if (SECRET_WORDS.test(joined)) return true;
  // the last word decides: dbPassword, adminPassword, apiToken; not passwordPolicy
  const last = parts[parts.length - 1] ?? '';
  const lastTwo = parts.slice(-2).join('');
  return SECRET_WORDS.test(last) || SECRET_WORDS.test(lastTwo);
}

/** The name of the well-known credential format `value` holds, if any. */
export function secretTokenKind(value: unknown): string | undefined {
  if (typeof value !== 'string' || value.length < 8) return undefined;
  for (const { name, re } of TOKEN_PATTERNS) {
    const m = re.exec(value);
    // `user:${PASSWORD}@host` or `user:$(PASSWORD)@host` is a reference, not a password
    if (m && !(m[1] !== undefined && isReference(m[1]))) return name;
  }
  const setting = credentialSettings(value).next();
  return setting.done ? undefined : `a credential in a "${setting.value.key}" setting`;
}

/**
 * `key=value` and `key: value` inside a text, as command lines (`--db-password=…`,
 * `-Dspring.datasource.password=…`), properties and dotenv files, connection strings
 * (`Password=…;`, `?password=…&`) and YAML or JSON embedded in a value write them. Quoted values
 * run to their closing quote; bare ones to white space or a separator.
 */
// `-D` before a Java system property is not part of its name; the name's length is bounded so
// that a long run of `a.a.a…` without a separator stays linear.
const SETTING = /\b(?:(?<=-)D)?([A-Za-z_][\w.-]{0,63})["']?[ \t]*(?:=|:(?=[ \t"']))[ \t]*(?:"([^"\n]{0,1024})"|'([^'\n]{0,1024})'|([^\s"',;&]+))/g;
// Every secret-like key name has one of these in it: a text without any needs no scan.
const SECRET_WORD_IN_TEXT = /pass|pwd|secret|token|key|credential|dsn/i;

interface CredentialSetting {
  key: string;
  /** Where the value starts and ends in the text. */
  start: number;
  end: number;
}

/** Each setting of a secret-like key to a literal (not a reference, a flag or an empty text) in `text`. */
function* credentialSettings(text: string): Generator<CredentialSetting> {
  if (!SECRET_WORD_IN_TEXT.test(text)) return;
  for (const m of text.matchAll(SETTING)) {
    const value = m[2] ?? m[3] ?? m[4] ?? '';
    if (!isSecretKey(m[1]) || isPlaceholder(value)) continue;
    // a quoted value ends before its closing quote
    const end = (m.index ?? 0) + m[0].length - (m[4] === undefined ? 1 : 0);
    yield { key: m[1], start: end - value.length, end };
  }
}

/** A value in a setting that is no password: a reference, a flag, nothing, a mask (`****`, `…`) or a `<placeholder>`. */
function isPlaceholder(text: string): boolean {
  // a message may go on after the value: `--set db.password=…: key "x" has no value`
  const value = text.replace(/[.:]+$/, '');
  return isReference(value) || /^(\{\{|\$|%\(|<|ENC\[)/.test(value) || /^(true|false|null|none|~|\**|…|\.\.\.)$/i.test(value);
}

export function isSecretValue(value: unknown): boolean {
  return secretTokenKind(value) !== undefined;
}

/** Values that are fine under a secret-like key: empty, a template or env reference, an encrypted blob. */
export function isReference(value: unknown): boolean {
  if (value === null || value === undefined || value === '' || typeof value === 'boolean') return true;
  if (typeof value !== 'string') return false;
  const v = value.trim();
  return /^\{\{.*\}\}$/s.test(v) || /^\$\{[^}]+\}$/.test(v) || /^\$\([^)]+\)$/.test(v) || /^\$[A-Z_][A-Z0-9_]*$/.test(v) || /^ENC\[/.test(v) || /^(vault|ref\+|secretref|awssm|gcpsm|azkv|op):/i.test(v) || v === REDACTED;
}

/**
 * A plaintext secret: a literal under a secret-like key, or a known token format anywhere.
 * `siblings` is the map that holds the value, when known (see holdsSecret).
 */
export function isSecretLike(path: Path, value: unknown, siblings?: unknown): boolean {
  if (isSecretValue(value)) return true;
  return holdsSecret(path, siblings) && !isMap(value) && !Array.isArray(value) && !isReference(value);
}

/**
 * Does the key at the end of `path` hold a secret's value? `secretKey` in a `data` list item
 * (External Secrets' shape, which the generators write) names a key of a Secret instead. The
 * `value` of a Kubernetes env item (`{name: DB_PASSWORD, value: ...}`) is secret when its
 * `name` is: `siblings` is that item.
 */
export function holdsSecret(path: Path, siblings?: unknown): boolean {
  let i = path.length - 1;
  while (i >= 0 && typeof path[i] !== 'string') i--;
  if (i < 0) return false;
  const key = path[i] as string;
  if (key === 'secretKey' && typeof path[i - 1] === 'number' && /^data(From)?$/.test(String(path[i - 2]))) return false;
  if (key === 'value' && i === path.length - 1 && isMap(siblings) && typeof siblings.name === 'string' && isSecretKey(siblings.name)) return true;
  return isSecretKey(key);
}

/** The map holding the value at `path` in `root`: what holdsSecret reads an env item's name from. */
export function siblingsOf(root: Value, path: Path): Value | undefined {
  return path.length === 0 ? undefined : getAt(root, path.slice(0, -1));
}

/** `value`, or `<redacted>` when it is secret-like at `path`. */
export function redactValue(path: Path, value: unknown, siblings?: unknown): unknown {
  return isSecretLike(path, value, siblings) ? REDACTED : value;
}

/** A deep copy with every secret-like leaf replaced by `<redacted>`: safe to print, log or put in a PR. */
export function redact(values: ValueMap, base: Path = []): ValueMap {
  const out: ValueMap = {};
  for (const [k, v] of Object.entries(values)) out[k] = redactAny([...base, k], v, values) as Value;
  return out;
}

/**
 * The one redaction of values: any value (a leaf, a map or a list) with its secret-like leaves
 * (by key or by content) replaced by `<redacted>`, and the user name and password of any URL in
 * a string dropped.
 */
export function redactAny(path: Path, v: unknown, siblings?: unknown): unknown {
  if (isMap(v)) return redact(v as ValueMap, path);
  if (Array.isArray(v)) return v.map((item, i) => redactAny([...path, i], item, v));
  const r = redactValue(path, v, siblings);
  return typeof r === 'string' ? redactText(r) : r;
}

// The same formats as TOKEN_PATTERNS, matched all over a text; a PEM key up to its end line.
const TEXT_PATTERNS: RegExp[] = [
  /-----BEGIN (?:[A-Z]+ )?PRIVATE KEY-----[\s\S]*?(?:-----END (?:[A-Z]+ )?PRIVATE KEY-----|$)/g,
  ...TOKEN_PATTERNS.filter(({ name }) => name !== PEM && name !== CONNECTION_STRING).map(({ re }) => new RegExp(re.source, `${re.flags}g`)),
];
// scheme://user:password@ or scheme://token@: a URL's userinfo
const USERINFO = /\b([a-z][a-z0-9+.-]{0,31}:\/\/)[^\s/?#@]+@/gi;

/**
 * The one redaction of free text (a message, an error, a log line, a PR body): every credential
 * in a well-known format becomes `<redacted>` and every URL loses its userinfo.
 */
export function redactText(text: string): string {
  let out = text.replace(USERINFO, `$1${REDACTED}@`);
  for (const re of TEXT_PATTERNS) out = out.replace(re, REDACTED);
  return redactSettings(out);
}

/** `password=hunter2` becomes `password=<redacted>`: the key stays readable, the value goes. */
function redactSettings(text: string): string {
  let out = '';
  let from = 0;
  for (const { start, end } of credentialSettings(text)) {
    out += `${text.slice(from, start)}${REDACTED}`;
    from = end;
  }
  return from === 0 ? text : out + text.slice(from);
}

/** Does this URL carry a user name or password? */
export function hasUserinfo(url: string): boolean {
  return new RegExp(USERINFO.source, 'i').test(url);
}
