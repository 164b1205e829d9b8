/**
 * Helm's `--set` family, parsed exactly as Helm's `pkg/strvals` does (Helm 3.21,
 * parser.go + literal_parser.go; Helm 4's copy is the same apart from one EOF case
 * noted in `keyIndex`). Error messages are Helm's, byte for byte, so users can
 * search for them.
 */
import { isMap, setKey as put, type Value, type ValueMap } from '../common';

export type SetKind = 'set' | 'set-string' | 'set-file' | 'set-json' | 'set-literal';

/** Helm's limits: strvals.MaxIndex and strvals.MaxNestedNameLevel. */
export const MAX_INDEX = 65536;
export const MAX_NESTED_NAME_LEVEL = 30;

export class SetParseError extends Error {
  /** 0-based index (UTF-16 units) into the expression where parsing went wrong. */
  readonly column: number;

  constructor(message: string, column: number) {
    super(message);
    this.name = 'SetParseError';
    this.column = column;
  }
}

/**
 * Parses one `--set`-style expression into `into`, in place, as Helm's ParseInto,
 * ParseIntoString, ParseIntoFile, ParseJSON or ParseLiteralInto does. On error
 * `into` may be partly updated, as in Helm (which then aborts): discard it.
 * `readFile` is needed for `set-file`; it gets the path and returns the contents.
 */
export function parseSetInto(
  expression: string,
  kind: SetKind,
  into: ValueMap,
  readFile?: (path: string) => string,
): void {
  if (kind === 'set-file' && !readFile) throw new TypeError('parseSetInto: kind "set-file" needs a readFile callback');
  const parser = new Parser(expression, kind, readFile);
  while (parser.key(into, 0) === OK);
}

/** parseSetInto into a fresh map. */
export function parseSet(expression: string, kind: SetKind, readFile?: (path: string) => string): ValueMap {
  const out: ValueMap = {};
  parseSetInto(expression, kind, out, readFile);
  return out;
}

// Go's parser signals "input exhausted" with io.EOF, which the top loop treats as success.
const OK = 0;
const EOF = 1;
type Flow = typeof OK | typeof EOF;

class Parser {
  private pos = 0;
  private lastWidth = 0;
  private readonly literal: boolean;

  constructor(
    private readonly s: string,
    private readonly kind: SetKind,
    private readonly readFile?: (path: string) => string,
  ) {
    this.literal = kind === 'set-literal';
  }

  /** Parses one `name=value` (or its nested tail) into `data`. */
  key(data: ValueMap, level: number): Flow {
    const start = this.pos;
    // The literal parser has no ',' separator: its value runs to the end of the input.
    const { text: k, last } = this.until(this.literal ? '=[.' : '=[,.');
    if (last === undefined) {
      if (k === '') return EOF;
      throw this.fail(`key ${goQuote(k)} has no value`, this.pos);
    }
    switch (last) {
      case '[': {
        const index = this.keyIndex();
        const list = has(data, k) ? this.asList(data[k], start) : [];
        const r = this.listItem(list, index, level);
        set(data, k, r.list);
        return r.flow;
      }
      case '=':
        set(data, k, this.value());
        return OK;
      case ',':
        throw this.fail(`key ${goQuote(k)} has no value (cannot end with ,)`, this.pos - 1);
      default: {
        // '.': descend into a map
        if (++level > MAX_NESTED_NAME_LEVEL) {
          throw this.fail(
            `value name nested level is greater than maximum supported nested level of ${MAX_NESTED_NAME_LEVEL}`,
            this.pos - 1,
          );
        }
        const inner = has(data, k) ? this.asMap(data[k], start) : {};
        const flow = this.key(inner, level);
        const empty = Object.keys(inner).length === 0;
        if (flow === OK && empty) throw this.fail(`key map ${goQuote(k)} has no value`, start);
        if (!empty) set(data, k, inner);
        return flow;
      }
    }
  }

  /** After `name[`: the index up to `]`. */
  private keyIndex(): Index {
    const column = this.pos;
    const { text, last } = this.until(']');
    // Helm 3 reports the unterminated index; Helm 4 wraps this EOF with %w and its
    // top loop's errors.Is(err, io.EOF) then ends parsing silently. We follow Helm 3.
    if (last === undefined) throw this.fail('error parsing index: EOF', this.pos);
    const parsed = atoi(text);
    if (typeof parsed === 'string') throw this.fail(`error parsing index: ${parsed}`, column);
    return { value: parsed, column };
  }

  /** After `name[i]`: what follows the index, applied to element i of `list`. */
  private listItem(list: Value[], index: Index, level: number): { list: Value[]; flow: Flow } {
    if (index.value < 0n) throw this.fail(`negative ${index.value} index not allowed`, index.column);
    const start = this.pos;
    const { text: k, last } = this.until('[.=');
    if (k.length > 0) throw this.fail(`unexpected data at end of array index: ${goQuote(k)}`, start);
    if (last === undefined) return { list, flow: EOF };
    const i = Number(index.value); // only compared or used after setIndex's range check
    switch (last) {
      case '=':
        return { list: this.setIndex(list, index, this.value()), flow: OK };
      case '[': {
        const next = this.keyIndex();
        const existing = list.length > i ? list[i] : null;
        const current = existing === null ? [] : this.asList(existing, index.column);
        const r = this.listItem(current, next, level);
        if (r.flow === EOF) return { list, flow: EOF };
        return { list: this.setIndex(list, index, r.list), flow: OK };
      }
      default: {
        // '.': a map inside the list; a non-map element there is replaced, not an error
        let inner: ValueMap = {};
        if (list.length > i) {
          const existing = list[i];
          if (isMap(existing)) inner = existing;
          else list[i] = inner;
        }
        if (this.key(inner, level) === EOF) return { list, flow: EOF };
        return { list: this.setIndex(list, index, inner), flow: OK };
      }
    }
  }

  // listItem has refused a negative index before it calls this
  private setIndex(list: Value[], index: Index, value: Value): Value[] {
    if (index.value > BigInt(MAX_INDEX)) {
      throw this.fail(
        `index of ${index.value} is greater than maximum supported index of ${MAX_INDEX}`,
        index.column,
      );
    }
    const i = Number(index.value);
    while (list.length <= i) list.push(null); // Helm pads with nil
    list[i] = value;
    return list;
  }

  /** The value after `=`, typed according to the kind. */
  private value(): Value {
    if (this.literal) {
      const v = this.s.slice(this.pos);
      this.pos = this.s.length;
      return v;
    }
    if (this.kind === 'set-json') return this.jsonValue();
    const first = this.read();
    if (first === undefined) return ''; // `name=` at the very end
    if (first !== '{') {
      this.unread();
      const column = this.pos;
      return this.convert(this.until(',').text, column);
    }
    // `{a,b}` is a list; Helm converts each element like a single value.
    const list: Value[] = [];
    for (;;) {
      const column = this.pos;
      const { text, last } = this.until(',}');
      if (last === undefined) throw this.fail("list must terminate with '}'", this.pos);
      if (last === '}') {
        const next = this.read();
        if (next !== undefined && next !== ',') this.unread();
        list.push(this.convert(text, column));
        return list;
      }
      list.push(this.convert(text, column));
    }
  }

  private convert(text: string, column: number): Value {
    if (this.kind === 'set') return typedVal(text);
    if (this.kind === 'set-string') return text;
    try {
      return this.readFile!(text);
    } catch (err) {
      throw this.fail(err instanceof Error ? err.message : String(err), column);
    }
  }

  /**
   * --set-json: one JSON document, then optional blanks and a comma; empty means null.
   * Go decodes JSON numbers to float64, exactly what a JS number is. (Helm 4's
   * MergeValues also takes a whole `{...}` object per flag; that is not strvals.)
   */
  private jsonValue(): Value {
    if (this.emptyVal()) return null;
    const { value, end } = decodeJson(this.s, this.pos, this.fail);
    this.pos = end;
    this.emptyVal();
    return value;
  }

  /** Consumes blanks up to a comma or the end (true), or stops before anything else (false). */
  private emptyVal(): boolean {
    for (;;) {
      const r = this.read();
      if (r === undefined || r === ',') return true;
      if (!/^\p{White_Space}$/u.test(r)) {
        this.unread();
        return false;
      }
    }
  }

  /** Reads up to (and consuming) one of `stop`; backslash escapes the next character except in literal mode. */
  private until(stop: string): { text: string; last: string | undefined } {
    let text = '';
    for (;;) {
      const r = this.read();
      if (r === undefined || stop.includes(r)) return { text, last: r };
      if (r === '\\' && !this.literal) {
        const next = this.read();
        if (next === undefined) return { text, last: undefined };
        text += next;
      } else {
        text += r;
      }
    }
  }

  private read(): string | undefined {
    if (this.pos >= this.s.length) {
      this.lastWidth = 0;
      return undefined;
    }
    const r = String.fromCodePoint(this.s.codePointAt(this.pos)!);
    this.lastWidth = r.length;
    this.pos += r.length;
    return r;
  }

  private unread(): void {
    this.pos -= this.lastWidth;
    this.lastWidth = 0;
  }

  private readonly fail = (message: string, column: number): SetParseError => new SetParseError(message, Math.min(column, this.s.length));

  // Helm type-asserts existing values and recovers the panic; these reproduce its message.
  private asList(v: Value, column: number): Value[] {
    if (Array.isArray(v)) return v;
    throw this.fail(
      `unable to parse key: interface conversion: interface {} is ${goType(v)}, not []interface {}`,
      column,
    );
  }

  private asMap(v: Value, column: number): ValueMap {
    if (isMap(v)) return v;
    throw this.fail(
      `unable to parse key: interface conversion: interface {} is ${goType(v)}, not map[string]interface {}`,
      column,
    );
  }
}

interface Index {
  value: bigint;
  column: number;
}

type Fail = (message: string, column: number) => SetParseError;

function has(m: ValueMap, k: string): boolean {
  return Object.prototype.hasOwnProperty.call(m, k);
}

/** Helm's set: empty keys are ignored. */
function set(m: ValueMap, k: string, v: Value): void {
  if (k !== '') put(m, k, v);
}

/**
 * Go's dynamic type name. Numbers are reported as float64, what Helm has for
 * numbers from -f files and --set-json (only --set integers are int64 there).
 */
function goType(v: Value): string {
  if (v === null) return 'nil';
  if (typeof v === 'string') return 'string';
  if (typeof v === 'boolean') return 'bool';
  if (typeof v === 'number') return 'float64';
  return Array.isArray(v) ? '[]interface {}' : 'map[string]interface {}';
}

const INT64_MIN = -(2n ** 63n);
const INT64_MAX = 2n ** 63n - 1n;

/**
 * Helm's typedVal for --set: true/false/null in any case (Go's EqualFold, which also
 * folds 'ſ' to 's'), "0" → 0, and int64 when the text does not start with '0'.
 * Everything else, floats included, stays a string.
 *
 * Beyond 2^53 a JS number would silently change the digits Helm prints for its
 * int64, so such integers are kept as strings of Helm's canonical digits
 * ("+9007199254740993" → "9007199254740993"). Digits are preserved; the type is not.
 */
export function typedVal(text: string): Value {
  const folded = text.replace(/[A-Z]/g, (c) => c.toLowerCase()).replace(/\u017f/g, 's');
  if (folded === 'true') return true;
  if (folded === 'false') return false;
  if (folded === 'null') return null;
  if (text === '0') return 0;
  if (text[0] !== '0' && /^[+-]?[0-9]+$/.test(text)) {
    const n = BigInt(text);
    if (n >= INT64_MIN && n <= INT64_MAX) {
      const num = Number(n);
      return Number.isSafeInteger(num) ? num : n.toString();
    }
  }
  return text;
}

/** Go's strconv.Atoi on a 64-bit platform: the value, or the error text. */
function atoi(text: string): bigint | string {
  const bad = (why: string) => `strconv.Atoi: parsing ${goQuote(text)}: ${why}`;
  let digits = text;
  const neg = text[0] === '-';
  if (neg || text[0] === '+') digits = text.slice(1);
  if (digits === '') return bad('invalid syntax');
  // ParseUint checks each character's syntax, then overflow, in order.
  const UINT64_MAX = 2n ** 64n - 1n;
  let n = 0n;
  for (const c of digits) {
    if (c < '0' || c > '9') return bad('invalid syntax');
    n = n * 10n + BigInt(c.charCodeAt(0) - 48);
    if (n > UINT64_MAX) return bad('value out of range');
  }
  if (neg ? n > 2n ** 63n : n > INT64_MAX) return bad('value out of range');
  return neg ? -n : n;
}

const GO_ESCAPES: Record<string, string> = {
  '\x07': '\\a', '\b': '\\b', '\f': '\\f', '\n': '\\n', '\r': '\\r', '\t': '\\t', '\v': '\\v', '"': '\\"', '\\': '\\\\',
};

/** Go's strconv.Quote (what %q prints). */
export function goQuote(s: string): string {
  let out = '"';
  for (const ch of s) {
    const cp = ch.codePointAt(0)!;
    if (GO_ESCAPES[ch]) out += GO_ESCAPES[ch];
    else if (cp < 0x20 || cp === 0x7f) out += `\\x${cp.toString(16).padStart(2, '0')}`;
    else if (cp === 0x20 || /^[\p{L}\p{M}\p{N}\p{P}\p{S}]$/u.test(ch)) out += ch;
    else if (cp >= 0xd800 && cp < 0xe000) out += '\\ufffd'; // a lone surrogate is invalid UTF-8 to Go
    else if (cp < 0x10000) out += `\\u${cp.toString(16).padStart(4, '0')}`;
    else out += `\\U${cp.toString(16).padStart(8, '0')}`;
  }
  return out + '"';
}

// ---- JSON, as Go's json.Decoder reads one value into interface{} ----

const JSON_MAX_DEPTH = 10000;
const JSON_ESCAPES: Record<string, string> = {
  b: '\b', f: '\f', n: '\n', r: '\r', t: '\t', '"': '"', '\\': '\\', '/': '/',
};

/** Decodes the JSON value starting at `start`; returns it and where it ends. Errors carry Go's text. */
function decodeJson(s: string, start: number, fail: Fail): { value: Value; end: number } {
  let i = start;
  let rangeError: SetParseError | undefined; // Go reports number overflow only after the whole value scanned

  const error = (context: string): SetParseError => {
    if (i >= s.length) return fail('unexpected EOF', s.length);
    return fail(`invalid character ${quoteChar(s, i)} ${context}`, i);
  };
  const ws = () => {
    while (i < s.length && ' \t\r\n'.includes(s[i])) i++;
  };
  const isDigit = () => i < s.length && s[i] >= '0' && s[i] <= '9';

  const objectKey = (): string => {
    ws();
    if (s[i] !== '"') throw error('looking for beginning of object key string');
    const key = string();
    ws();
    if (s[i] !== ':') throw error('after object key');
    i++;
    return key;
  };

  const scalar = (): Value => {
    const c = s[i];
    if (c === '"') return string();
    if (c === '-' || (c >= '0' && c <= '9')) return number();
    for (const [word, v] of [['true', true], ['false', false], ['null', null]] as const) {
      if (c !== word[0]) continue;
      i++;
      for (const expected of word.slice(1)) {
        if (s[i] !== expected) throw error(`in literal ${word} (expecting '${expected}')`);
        i++;
      }
      return v;
    }
    throw error('looking for beginning of value');
  };

  const number = (): number => {
    const begin = i;
    if (s[i] === '-') i++;
    if (s[i] === '0') i++;
    else if (isDigit()) while (isDigit()) i++;
    else throw error('in numeric literal');
    if (s[i] === '.') {
      i++;
      if (!isDigit()) throw error('after decimal point in numeric literal');
      while (isDigit()) i++;
    }
    if (s[i] === 'e' || s[i] === 'E') {
      i++;
      if (s[i] === '+' || s[i] === '-') i++;
      if (!isDigit()) throw error('in exponent of numeric literal');
      while (isDigit()) i++;
    }
    const text = s.slice(begin, i);
    const n = Number(text);
    if (!Number.isFinite(n)) {
      rangeError ??= fail(`json: cannot unmarshal number ${text} into Go value of type float64`, begin);
    }
    return n;
  };

  const hex4 = (): number => {
    let n = 0;
    for (let k = 0; k < 4; k++) {
      if (!/^[0-9a-fA-F]$/.test(s[i] ?? '')) throw error('in \\u hexadecimal character escape');
      n = n * 16 + parseInt(s[i], 16);
      i++;
    }
    return n;
  };

  const string = (): string => {
    let out = '';
    i++;
    for (;;) {
      if (i >= s.length) throw error('');
      const c = s[i];
      if (c === '"') return i++, out;
      if (c.charCodeAt(0) < 0x20) throw error('in string literal');
      if (c !== '\\') {
        out += c;
        i++;
        continue;
      }
      i++;
      if (i >= s.length) throw error('');
      const e = s[i];
      if (JSON_ESCAPES[e]) {
        out += JSON_ESCAPES[e];
        i++;
      } else if (e === 'u') {
        i++;
        let cp = hex4();
        if (cp >= 0xd800 && cp < 0xe000) {
          // Go pairs a high surrogate with a following \u low surrogate; anything else becomes U+FFFD.
          const low = /^\\u([dD][c-fC-F][0-9a-fA-F]{2})/.exec(s.slice(i, i + 6));
          if (cp < 0xdc00 && low) {
            cp = 0x10000 + ((cp - 0xd800) << 10) + (parseInt(low[1], 16) - 0xdc00);
            i += 6;
          } else {
            cp = 0xfffd;
          }
        }
        out += String.fromCodePoint(cp);
      } else {
        throw error('in string escape code');
      }
    }
  };

  // Iterative, with Go's explicit stack of open containers, so deep input cannot overflow ours.
  type Open = { map: ValueMap; key: string } | { list: Value[] };
  const open: Open[] = [];
  for (;;) {
    ws();
    let v: Value;
    const c = s[i];
    if (c === '{' || c === '[') {
      if (open.length >= JSON_MAX_DEPTH) throw error('exceeded max depth');
      i++;
      ws();
      if (c === '{' && s[i] !== '}') {
        open.push({ map: {}, key: objectKey() });
        continue;
      }
      if (c === '[' && s[i] !== ']') {
        open.push({ list: [] });
        continue;
      }
      i++;
      v = c === '{' ? {} : [];
    } else {
      v = scalar();
    }
    // A value is complete: hand it to the innermost open container, closing those that end here.
    for (;;) {
      const top = open[open.length - 1];
      if (!top) {
        if (rangeError) throw rangeError;
        return { value: v, end: i };
      }
      ws();
      if ('map' in top) put(top.map, top.key, v);
      else top.list.push(v);
      if (s[i] === ',') {
        i++;
        if ('map' in top) top.key = objectKey();
        break;
      }
      if (s[i] === ('map' in top ? '}' : ']')) {
        i++;
        open.pop();
        v = 'map' in top ? top.map : top.list;
        continue;
      }
      throw error('map' in top ? 'after object key:value pair' : 'after array element');
    }
  }
}

/** Go's json quoteChar: the offending byte (the first UTF-8 byte of a non-ASCII character). */
function quoteChar(s: string, i: number): string {
  const c = s[i];
  if (c === "'") return `'\\''`;
  if (c === '"') return `'"'`;
  const byte = Buffer.from(String.fromCodePoint(s.codePointAt(i)!))[0];
  const q = goQuote(String.fromCharCode(byte));
  return `'${q.slice(1, -1)}'`;
}
