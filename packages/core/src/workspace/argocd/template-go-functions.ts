import { stringify } from 'yaml';
import { parse as parseYaml } from 'yaml';
import { goPrint } from './template-fast';

export type TemplateFunction = (...args: unknown[]) => unknown;

const s = (v: unknown): string => (v === undefined || v === null ? '' : typeof v === 'string' ? v : goPrint(v));
const n = (v: unknown): number => {
  const x = typeof v === 'number' ? v : typeof v === 'string' ? Number(v) : typeof v === 'boolean' ? Number(v) : 0;
  return Number.isFinite(x) ? x : 0;
};
const list = (v: unknown): unknown[] => (Array.isArray(v) ? v : v === undefined || v === null ? [] : [v]);

function empty(v: unknown): boolean {
  if (v === undefined || v === null || v === false || v === 0 || v === '') return true;
  if (Array.isArray(v)) return v.length === 0;
  if (typeof v === 'object') return Object.keys(v as object).length === 0;
  return false;
}

/** Argo CD's `normalize`: a valid Kubernetes name (lowercase, [-a-z0-9.], at most 253, trimmed). */
export function sanitizeName(name: string): string {
  return name
    .toLowerCase()
    .replace(/[^-a-z0-9.]/g, '-')
    .slice(0, 253)
    .replace(/^[-.]+|[-.]+$/g, '');
}

/** YAML as sigs.k8s.io/yaml writes it (sorted keys, unindented lists), without the final newline, as Argo CD's toYaml. */
function toYaml(v: unknown): string {
  // a missing value prints as YAML's null, as the library prints null itself
  if (v === undefined) return 'null';
  return stringify(v, { sortMapEntries: true, indentSeq: false, lineWidth: 0 }).replace(/\n$/, '');
}

function index(coll: unknown, ...keys: unknown[]): unknown {
  let cur = coll;
  for (const k of keys) {
    if (cur === undefined || cur === null) throw new Error('index of untyped nil');
    if (Array.isArray(cur)) {
      const i = n(k);
      if (i < 0 || i >= cur.length) throw new Error(`index out of range: ${i}`);
      cur = cur[i];
    } else if (typeof cur === 'string') {
      // Go indexes a string by byte
      const bytes = Buffer.from(cur);
      const i = n(k);
      if (i < 0 || i >= bytes.length) throw new Error(`index out of range: ${i}`);
      cur = bytes[i];
    } else if (typeof cur === 'object') {
      cur = (cur as Record<string, unknown>)[s(k)];
    } else throw new Error(`can't index item of type ${typeof cur}`);
  }
  return cur;
}

function printf(format: string, ...args: unknown[]): string {
  let i = 0;
  return format.replace(/%([-+# 0]*)(\d*)(?:\.(\d+))?([vsdqftx%])/g, (_m, _flags, _w, prec: string | undefined, verb: string) => {
    if (verb === '%') return '%';
    const a = args[i++];
    if (verb === 'q') return JSON.stringify(s(a));
    if (verb === 'f') return n(a).toFixed(prec === undefined ? 6 : Number(prec));
    if (verb === 'x') return typeof a === 'number' ? a.toString(16) : Buffer.from(s(a)).toString('hex');
    return a === undefined ? `%!${verb}(MISSING)` : s(a);
  });
}

function compare(a: unknown, b: unknown): number {
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  if (typeof a === 'string' && typeof b === 'string') return a < b ? -1 : a > b ? 1 : 0;
  throw new Error('incompatible types for comparison');
}

/**
 * The functions of Go templates and sprig that ApplicationSets use in practice, with Argo CD's
 * additions (normalize, toYaml, fromYaml). Argo CD removes env, expandenv and getHostByName.
 */
export const TEMPLATE_FUNCTIONS: Record<string, TemplateFunction> = {
  // Go builtins
  index: (coll, ...keys) => index(coll, ...keys),
  len: (v) => (typeof v === 'string' || Array.isArray(v) ? v.length : v && typeof v === 'object' ? Object.keys(v).length : 0),
  not: (v) => empty(v),
  eq: (a, ...bs) => bs.some((b) => a === b),
  ne: (a, b) => a !== b,
  lt: (a, b) => compare(a, b) < 0,
  le: (a, b) => compare(a, b) <= 0,
  gt: (a, b) => compare(a, b) > 0,
  ge: (a, b) => compare(a, b) >= 0,
  // fmt.Sprint: a space between two operands when neither is a string
  print: (...args) => args.map((a, i) => (i > 0 && typeof a !== 'string' && typeof args[i - 1] !== 'string' ? ' ' : '') + goPrint(a)).join(''),
  println: (...args) => `${args.map(goPrint).join(' ')}\n`,
  printf: (format, ...args) => printf(s(format), ...args),
  html: (v) => s(v).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&#34;').replace(/'/g, '&#39;'),
  // url.QueryEscape: a space as +, and only letters, digits and -_.~ left as they are
  urlquery: (...args) => encodeURIComponent(args.map(s).join('')).replace(/%20/g, '+').replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`),
  // sprig: defaults and logic
  default: (def, ...rest) => (empty(rest[0]) ? def : rest[0]),
  empty: (v) => empty(v),
  coalesce: (...args) => args.find((a) => !empty(a)) ?? null,
  ternary: (a, b, cond) => (cond ? a : b),
  required: (msg, v) => {
    if (v === undefined || v === null || v === '') throw new Error(s(msg));
    return v;
  },
  fail: (msg) => {
    throw new Error(s(msg));
  },
  // sprig: strings
  lower: (v) => s(v).toLowerCase(),
  upper: (v) => s(v).toUpperCase(),
  // strings.Title: a letter after anything but a letter, a digit or `_` is capitalized
  title: (v) => s(v).replace(/(^|[^\p{L}\p{N}_])(\p{L})/gu, (_m, pre: string, c: string) => pre + c.toUpperCase()),
  trim: (v) => s(v).trim(),
  trimAll: (cut, v) => s(v).replace(new RegExp(`^[${escapeClass(s(cut))}]+|[${escapeClass(s(cut))}]+$`, 'g'), ''),
  trimPrefix: (prefix, v) => (s(v).startsWith(s(prefix)) ? s(v).slice(s(prefix).length) : s(v)),
  trimSuffix: (suffix, v) => (s(suffix) !== '' && s(v).endsWith(s(suffix)) ? s(v).slice(0, -s(suffix).length) : s(v)),
  replace: (from, to, v) => s(v).split(s(from)).join(s(to)),
  contains: (sub, v) => s(v).includes(s(sub)),
  hasPrefix: (prefix, v) => s(v).startsWith(s(prefix)),
  hasSuffix: (suffix, v) => s(v).endsWith(s(suffix)),
  quote: (...args) => args.filter((a) => a !== undefined && a !== null).map((a) => JSON.stringify(s(a))).join(' '),
  squote: (...args) => args.filter((a) => a !== undefined && a !== null).map((a) => `'${s(a)}'`).join(' '),
  cat: (...args) => args.filter((a) => a !== undefined && a !== null).map(s).join(' '),
  // strings.Repeat fails on a negative count, and so does String#repeat
  repeat: (count, v) => s(v).repeat(n(count)),
  substr: (start, end, v) => {
    const str = s(v);
    const a = n(start);
    const b = n(end);
    return a < 0 ? str.slice(0, b < 0 ? undefined : b) : b < 0 || b > str.length ? str.slice(a) : str.slice(a, b);
  },
  trunc: (c, v) => (n(c) >= 0 ? s(v).slice(0, n(c)) : s(v).slice(n(c))),
  nospace: (v) => s(v).replace(/\s+/g, ''),
  indent: (c, v) => s(v).split('\n').map((l) => ' '.repeat(n(c)) + l).join('\n'),
  nindent: (c, v) => `\n${s(v).split('\n').map((l) => ' '.repeat(n(c)) + l).join('\n')}`,
  kebabcase: (v) => s(v).replace(/([a-z0-9])([A-Z])/g, '$1-$2').replace(/[\s_]+/g, '-').toLowerCase(),
  snakecase: (v) => s(v).replace(/([a-z0-9])([A-Z])/g, '$1_$2').replace(/[\s-]+/g, '_').toLowerCase(),
  // sprig's strval: fmt's %v, so nil is <nil>
  toString: (v: unknown) => goPrint(v),
  toStrings: (v) => list(v).map(s),
  join: (sep, v) => list(v).map(s).join(s(sep)),
  split: (sep, v) => Object.fromEntries(s(v).split(s(sep)).map((p, i) => [`_${i}`, p])),
  splitList: (sep, v) => s(v).split(s(sep)),
  regexMatch: (re, v) => goRegExp(re).test(s(v)),
  regexReplaceAll: (re, v, repl) => s(v).replace(goRegExp(re, 'g'), s(repl).replace(/\$\{(\w+)\}/g, (_m, g: string) => (/^\d+$/.test(g) ? `$${g}` : `$<${g}>`))),
  regexFind: (re, v) => goRegExp(re).exec(s(v))?.[0] ?? '',
  b64enc: (v) => Buffer.from(s(v)).toString('base64'),
  b64dec: (v) => Buffer.from(s(v), 'base64').toString('utf8'),
  // sprig: numbers
  add: (...args) => args.reduce((a: number, b) => a + n(b), 0),
  add1: (v) => n(v) + 1,
  sub: (a, b) => n(a) - n(b),
  mul: (...args) => args.reduce((a: number, b) => a * n(b), 1),
  div: (a, b) => Math.trunc(n(a) / n(b)),
  mod: (a, b) => n(a) % n(b),
  max: (...args) => Math.max(...args.map(n)),
  min: (...args) => Math.min(...args.map(n)),
  int: (v) => Math.trunc(n(v)),
  int64: (v) => Math.trunc(n(v)),
  atoi: (v) => Math.trunc(n(v)),
  float64: (v) => n(v),
  // sprig: lists and dicts
  list: (...args) => args,
  first: (v) => list(v)[0] ?? null,
  last: (v) => list(v)[list(v).length - 1] ?? null,
  rest: (v) => list(v).slice(1),
  initial: (v) => list(v).slice(0, -1),
  has: (item, v) => list(v).includes(item),
  uniq: (v) => [...new Set(list(v))],
  compact: (v) => list(v).filter((x) => !empty(x)),
  append: (v, item) => [...list(v), item],
  concat: (...args) => args.flatMap(list),
  dict: (...args) => {
    const out: Record<string, unknown> = {};
    for (let i = 0; i < args.length; i += 2) out[s(args[i])] = args[i + 1] ?? '';
    return out;
  },
  get: (d, k) => (d && typeof d === 'object' && !Array.isArray(d) ? ((d as Record<string, unknown>)[s(k)] ?? '') : ''),
  hasKey: (d, k) => Boolean(d && typeof d === 'object' && Object.hasOwn(d, s(k))),
  keys: (...ds) => ds.flatMap((d) => (d && typeof d === 'object' ? Object.keys(d) : [])),
  values: (d) => (d && typeof d === 'object' ? Object.values(d) : []),
  pick: (d, ...ks) => Object.fromEntries(Object.entries((d ?? {}) as object).filter(([k]) => ks.map(s).includes(k))),
  omit: (d, ...ks) => Object.fromEntries(Object.entries((d ?? {}) as object).filter(([k]) => !ks.map(s).includes(k))),
  dig: (...args) => {
    const d = args[args.length - 1];
    const def = args[args.length - 2];
    let cur: unknown = d;
    for (const k of args.slice(0, -2)) {
      if (!cur || typeof cur !== 'object' || !Object.hasOwn(cur, s(k))) return def;
      cur = (cur as Record<string, unknown>)[s(k)];
    }
    return cur;
  },
  // encodings and Argo CD's additions
  toJson: (v) => htmlSafe(goJson(v)),
  toPrettyJson: (v) => htmlSafe(goJson(v, 2)),
  toRawJson: (v) => goJson(v),
  toYaml: (v) => toYaml(v),
  fromYaml: (v) => {
    const out = parseYaml(s(v));
    return out && typeof out === 'object' && !Array.isArray(out) ? out : {};
  },
  fromYamlArray: (v) => {
    const out = parseYaml(s(v));
    return Array.isArray(out) ? out : [];
  },
  fromJson: (v) => JSON.parse(s(v)),
  normalize: (v) => sanitizeName(s(v)),
  // Argo CD's slugify [maxSize [smartTruncate]] name: gosimple/slug over a normalized name, cut after a whole word unless smartTruncate is false
  slugify: (...args) => {
    const name = sanitizeName(s(args[args.length - 1]));
    const max = args.length > 1 ? n(args[0]) : 50;
    const slug = name.replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '');
    if (slug.length <= max) return slug;
    if (args.length > 2 && args[1] === false) return slug.slice(0, max);
    const cut = slug.slice(0, max + 1);
    const at = cut.lastIndexOf('-');
    return at > 0 ? cut.slice(0, at) : slug.slice(0, max);
  },
};

/** JSON as Go's encoding/json writes it: map keys sorted. */
function goJson(v: unknown, indent?: number): string {
  const sorted = (x: unknown): unknown =>
    Array.isArray(x) ? x.map(sorted) : x !== null && typeof x === 'object' ? Object.fromEntries(Object.keys(x).sort().map((k) => [k, sorted((x as Record<string, unknown>)[k])])) : x;
  return JSON.stringify(sorted(v ?? null), null, indent);
}

/** encoding/json's default escaping of `<`, `>` and `&` (toRawJson leaves them). */
function htmlSafe(json: string): string {
  return json.replace(/[<>&]/g, (c) => `\\u00${c.charCodeAt(0).toString(16)}`);
}

/** A Go (RE2) regular expression in JavaScript: RE2 writes a named group `(?P<name>…)`. */
function goRegExp(re: unknown, flags = ''): RegExp {
  return new RegExp(s(re).replace(/\(\?P</g, '(?<'), flags);
}

function escapeClass(chars: string): string {
  return chars.replace(/[\\\]^-]/g, '\\$&');
}
