import { Document, isScalar, type Schema } from 'yaml';
import type { Value, ValueMap } from '../common';
import { goFloatKey, goInteger } from './go-scalars';

/**
 * A fast reader for the plain block YAML most values files are written in: block mappings and
 * sequences, plain and quoted one-line scalars, `|`/`|-` literal blocks, `{}` and `[]`, comments.
 * It builds data only (no syntax tree), resolving every scalar with the very tags of the full
 * reader. Anything else, or anything it is not sure of, returns undefined and the full reader
 * (yaml-file.ts) reads the file: anchors, aliases, merge keys, tags, flow collections with
 * content, folded or multi-line scalars, several documents, tabs, CR, unusual characters,
 * duplicate keys, every error. So a file reads to the same values either way, and every error
 * still comes from the full reader with its position.
 */
export function readPlainValues(text: string, schema: Schema, maxNodes: number, goKeys = false): ValueMap | undefined {
  // Characters whose reading is subtle (tabs, CR, control characters, other line breaks, BOMs),
  // merge keys, directives and document markers. Anchors, aliases, tags and explicit keys
  // (&, *, !, ?) can only start a node, which neither a plain key nor a plain scalar here does.
  if (UNSUPPORTED_CHARACTER.test(text) || text.includes('<<') || MARKER_LINE.test(text)) return undefined;
  try {
    return new PlainReader(text, schema, maxNodes, goKeys).read();
  } catch (e) {
    if (e === BAIL) return undefined;
    throw e;
  }
}

// eslint-disable-next-line no-control-regex
const UNSUPPORTED_CHARACTER = /[\x00-\x09\x0b-\x1f\x7f-\x9f\u2028\u2029\ufeff]/;
const MARKER_LINE = /^(?:---|\.\.\.|%)/m;
const BAIL = Symbol('not plain');
/** Plain scalars resolved, per schema: keys and words such as `enabled`, `true`, `1` come back in every file. */
const resolved = new WeakMap<Schema, Map<string, Value>>();
const RESOLVED_KEPT = 50_000;
/**
 * How every scalar that a YAML 1.1 or 1.2 tag (null, bool, number, infinity, merge) or one of Go's
 * numbers reads as something else than a string starts: `~`, a sign, a dot, a digit, `<<`, or
 * one of the letters of null, yes/no/y/n, true/false, on/off; or it is empty. Anything else is a
 * string under either schema (plain-values.test.ts holds every tag to this).
 */
export const MAY_BE_TYPED = /^(?:$|[-+.~0-9yYnNtTfFoO<])/;
/** Deeper than this, the full reader measures the nesting and refuses it at its position. */
const MAX_PLAIN_DEPTH = 200;
/** YAML's limit on an implicit key. */
const MAX_KEY = 1000;
const PLAIN_KEY = /^[A-Za-z0-9_./$][A-Za-z0-9_./$+=@~-]*$/;
const JSON_ESCAPE = /\\(?![\\"bfnrt])/;

interface Line {
  indent: number;
  /** The line after its indentation. */
  content: string;
}

class PlainReader {
  private readonly lines: Line[];
  private i = 0;
  private nodes = 0;

  constructor(
    text: string,
    private readonly schema: Schema,
    private readonly maxNodes: number,
    /** Float keys named as Helm names them (values files), not as JavaScript does. */
    private readonly goKeys: boolean,
  ) {
    this.lines = text.split('\n').map((l) => {
      let indent = 0;
      while (l.charCodeAt(indent) === 32) indent++;
      return { indent, content: l.slice(indent) };
    });
  }

  read(): ValueMap {
    const first = this.next();
    if (!first) return {};
    if (isSeqItem(first.content)) bail();
    const map = this.map(first.indent, 0);
    if (this.next()) bail();
    return map;
  }

  /** The next line that holds something (not blank, not only a comment), left current. */
  private next(): Line | undefined {
    while (this.i < this.lines.length) {
      const l = this.lines[this.i];
      if (l.content !== '' && l.content[0] !== '#') return l;
      this.i++;
    }
    return undefined;
  }

  /** Nodes as the full reader counts them (keys too), with a margin: near the cap, it decides. */
  private count(): void {
    if (++this.nodes > this.maxNodes / 2) bail();
  }

  private map(indent: number, depth: number): ValueMap {
    if (depth > MAX_PLAIN_DEPTH) bail();
    this.count();
    const out: ValueMap = {};
    for (let l = this.next(); l && l.indent >= indent; l = this.next()) {
      if (l.indent > indent || isSeqItem(l.content)) bail();
      const { key, rest } = this.key(l.content);
      this.count();
      if (Object.prototype.hasOwnProperty.call(out, key)) bail(); // a duplicate, or two keys that read the same
      const value = this.value(rest, indent, depth);
      if (key in out) Object.defineProperty(out, key, { value, writable: true, enumerable: true, configurable: true });
      else out[key] = value;
    }
    return out;
  }

  private seq(indent: number, depth: number): Value[] {
    if (depth > MAX_PLAIN_DEPTH) bail();
    this.count();
    const out: Value[] = [];
    for (let l = this.next(); l && l.indent === indent && isSeqItem(l.content); l = this.next()) {
      let gap = 1;
      while (l.content.charCodeAt(gap) === 32) gap++;
      const rest = l.content.slice(gap);
      if (rest === '' || rest[0] === '#') {
        this.i++;
        out.push(this.nested(indent, depth, false));
      } else if (isSeqItem(rest) || this.startsKey(rest)) {
        // "- key: v" or "- - v": a collection that starts on the dash's line, at the column after it
        this.lines[this.i] = { indent: indent + gap, content: rest };
        out.push(isSeqItem(rest) ? this.seq(indent + gap, depth + 1) : this.map(indent + gap, depth + 1));
      } else {
        out.push(this.inline(rest, indent));
      }
    }
    const after = this.next();
    if (after && after.indent > indent) bail();
    return out;
  }

  /** A value that sits on the lines below its key or dash: a collection, or null when there is none. */
  private nested(indent: number, depth: number, sameIndentSeq: boolean): Value {
    const l = this.next();
    if (l && l.indent > indent) return isSeqItem(l.content) ? this.seq(l.indent, depth + 1) : this.map(l.indent, depth + 1);
    if (l && sameIndentSeq && l.indent === indent && isSeqItem(l.content)) return this.seq(indent, depth + 1);
    this.count();
    return null;
  }

  /** The value after "key:" on its line (`rest`), for a key at column `indent`. */
  private value(rest: string, indent: number, depth: number): Value {
    if (rest === '' || rest[0] === '#') {
      this.i++;
      return this.nested(indent, depth, true);
    }
    return this.inline(rest, indent);
  }

  /** A scalar, `{}`, `[]` or literal block on the current line; what follows must not be indented past `indent`. */
  private inline(rest: string, indent: number): Value {
    this.count();
    let value: Value;
    const c = rest[0];
    if (c === '|') {
      this.i++;
      return this.literal(rest, indent);
    }
    if (c === '"' || c === "'") {
      const q = quoted(rest) ?? bail();
      if (trailer(rest.slice(q.end)) === undefined) bail();
      value = q.value;
    } else if (c === '{' || c === '[') {
      const close = c === '{' ? '}' : ']';
      if (rest[1] !== close || trailer(rest.slice(2)) === undefined) bail();
      value = c === '{' ? {} : [];
    } else {
      value = this.resolve(plain(rest), false);
    }
    this.i++;
    const l = this.next();
    // a more indented line would continue the scalar (or be an error): the full reader decides
    if (l && l.indent > indent) bail();
    return value;
  }

  /** A `|` or `|-` block: its lines keep their text past the block's indentation. */
  private literal(header: string, indent: number): string {
    const m = /^\|(-?) *$/.exec(header);
    if (!m) bail();
    const body: string[] = [];
    let blockIndent = -1;
    while (this.i < this.lines.length) {
      const l = this.lines[this.i];
      if (l.content === '') {
        // a blank line whose spaces would be content, or precede the first line: left to the full reader
        if (blockIndent < 0 ? l.indent > 0 : l.indent > blockIndent) bail();
        body.push('');
        this.i++;
        continue;
      }
      if (blockIndent < 0) {
        if (l.indent <= indent || body.length > 0) bail();
        blockIndent = l.indent;
      }
      if (l.indent < blockIndent) break;
      body.push(' '.repeat(l.indent - blockIndent) + l.content);
      this.i++;
    }
    if (blockIndent < 0) bail();
    // blank lines at the end belong to the block (its chomping drops them), not to what follows
    let end = body.length;
    while (end > 0 && body[end - 1] === '') end--;
    const kept = body.slice(0, end).join('\n');
    const l = this.next();
    if (l && l.indent > indent) bail();
    return m[1] === '-' ? kept : `${kept}\n`;
  }

  private startsKey(content: string): boolean {
    return this.keyOf(content) !== undefined;
  }

  private key(content: string): { key: string; rest: string } {
    return this.keyOf(content) ?? bail();
  }

  /**
   * "key: rest" or "key:" with a plain or quoted key, and what the key reads as in JavaScript, as
   * the full reader's toJS names it; undefined when the line is not one this reader reads as a key.
   */
  private keyOf(content: string): { key: string; rest: string } | undefined {
    let raw: unknown;
    let after: number;
    if (content[0] === '"' || content[0] === "'") {
      const q = quoted(content);
      if (!q) return undefined;
      raw = q.value;
      after = q.end;
    } else {
      after = content.indexOf(':');
      if (after <= 0 || after > MAX_KEY) return undefined;
      const text = content.slice(0, after);
      if (!PLAIN_KEY.test(text)) return undefined;
      raw = this.resolve(text, true);
      if (raw === null) return undefined; // a null key ("~:") reads as "" in JavaScript; rare enough to leave
    }
    if (content[after] !== ':') return undefined;
    const next = content.charCodeAt(after + 1);
    if (!Number.isNaN(next) && next !== 32) return undefined;
    let rest = after + 1;
    while (content.charCodeAt(rest) === 32) rest++;
    // A float key is named as Helm names it (goFloatKey), as the full reader names it too.
    const key = typeof raw === 'number' && this.goKeys && goInteger(content.slice(0, after)) === undefined ? goFloatKey(raw) : String(raw);
    if (key === '__proto__') return undefined;
    return { key, rest: content.slice(rest) };
  }

  /**
   * A plain scalar as the full reader resolves it. Most are words no tag reads (names, hosts,
   * quantities such as `250m` start otherwise); the rest recur (`true`, `1`), each resolved once
   * per schema.
   */
  private resolve(source: string, atKey: boolean): Value {
    if (!MAY_BE_TYPED.test(source)) return source;
    let memo = resolved.get(this.schema);
    if (!memo) resolved.set(this.schema, (memo = new Map()));
    const id = atKey ? `k${source}` : `v${source}`;
    const hit = memo.get(id);
    if (hit !== undefined || memo.has(id)) return hit as Value;
    const value = this.resolveNew(source, atKey);
    if (memo.size >= RESOLVED_KEPT) memo.clear();
    memo.set(id, value);
    return value;
  }

  /** The first default tag whose test accepts the scalar resolves it; else it is a string. */
  private resolveNew(source: string, atKey: boolean): Value {
    const tag = this.schema.tags.find((t) => (t.default === true || (atKey && t.default === 'key')) && t.test?.test(source));
    if (!tag) return source;
    if (!tag.resolve) bail();
    const resolveTag = tag.resolve as (source: string, onError: () => never, options: object) => unknown;
    const res = resolveTag(source, bail, {});
    const value = isScalar(res) ? res.value : res;
    if (typeof value === 'number' && !Number.isFinite(value)) bail(); // .inf/.nan: refused by the full reader at its position
    if (value !== null && typeof value === 'object') bail();
    return value as Value;
  }
}

function bail(): never {
  throw BAIL;
}

function isSeqItem(content: string): boolean {
  return content[0] === '-' && (content.length === 1 || content.charCodeAt(1) === 32);
}

/** What may follow a scalar on its line: spaces, then a comment or nothing. Undefined when something else does. */
function trailer(s: string): string | undefined {
  if (s === '') return s;
  if (s[0] !== ' ') return undefined;
  const t = s.trimStart();
  return t === '' || t[0] === '#' ? t : undefined;
}

/** A one-line plain scalar in block context: up to a " #" comment, trailing spaces dropped. */
function plain(rest: string): string {
  const c = rest[0];
  // indicators that start something else, or that the full reader reads in a way this one does not
  if ('-?:,[]{}#&*!|>\'"%@`'.includes(c) && !(c === '-' && rest.length > 1 && rest[1] !== ' ')) bail();
  const hash = rest.indexOf(' #');
  // trailing spaces are never part of a plain scalar
  const s = (hash >= 0 ? rest.slice(0, hash) : rest).trimEnd();
  // "a: b: c" is an error, "a: b:" a mapping; both are the full reader's
  if (s.includes(': ') || s.endsWith(':') || s === '') bail();
  return s;
}

/** A quoted scalar that closes on its line: its value and the offset just past its closing quote; undefined for another. */
function quoted(s: string): { value: string; end: number } | undefined {
  if (s[0] === "'") {
    let out = '';
    let i = 1;
    for (;;) {
      const q = s.indexOf("'", i);
      if (q < 0) return undefined;
      out += s.slice(i, q);
      if (s[q + 1] === "'") {
        out += "'";
        i = q + 2;
      } else return { value: out, end: q + 1 };
    }
  }
  let i = 1;
  while (i < s.length && s[i] !== '"') i += s[i] === '\\' ? 2 : 1;
  if (i >= s.length) return undefined;
  const body = s.slice(1, i);
  // escapes that mean the same in YAML and JSON; the rest (\x, \u, \N, \ , \/, ...) go to the full reader
  if (JSON_ESCAPE.test(body)) return undefined;
  return { value: JSON.parse(`"${body}"`) as string, end: i + 1 };
}

/** The schema of the full reader's options, whose tags resolve every plain scalar. */
export function schemaOf(options: ConstructorParameters<typeof Document>[2]): Schema {
  return new Document(null, null, options).schema;
}
