import { readFileSync, statSync } from 'node:fs';
import { Document, LineCounter, parseDocument, isAlias, visit, type Tags } from 'yaml';
import { isMap, UserError, type ValueMap } from '../common';
import { firstInvalidUtf8, lineColumnAtByte } from './text-position';

/** A parsed values file: its text, its YAML document (for positions and edits) and its data. */
export interface YamlFile {
  /** The path shown to users (relative to the workspace root where possible). */
  file: string;
  text: string;
  doc: Document.Parsed;
  lineCounter: LineCounter;
  values: ValueMap;
}

export interface YamlReadOptions {
  /** Files larger than this are refused before parsing. */
  maxBytes?: number;
  /** Alias expansions allowed per document; more means a "billion laughs" document. */
  maxAliases?: number;
}

export const DEFAULT_MAX_BYTES = 5 * 1024 * 1024;
const DEFAULT_MAX_ALIASES = 1000;

// Helm decodes values with YAML 1.1 rules (yes/no/on/off are booleans, 0755 is octal),
// but keeps dates as strings: drop the 1.1 timestamp tag so 2024-01-01 stays text.
// A float needs a digit before its exponent or after its dot, as in Helm's YAML library:
// `e0`, `.e5` and `.` stay strings.
const FLOAT_EXP = /^[-+]?(?:[0-9][0-9_]*(?:\.[0-9_]*)?|\.[0-9][0-9_]*)[eE][-+]?[0-9]+$/;
const FLOAT = /^[-+]?(?:[0-9][0-9_]*\.[0-9_]*|\.[0-9][0-9_]*)$/;
const stricterFloat = (t: Exclude<Tags[number], string>) => {
  if (t.tag !== 'tag:yaml.org,2002:float' || !t.test) return t;
  if (t.test.test('e0')) return { ...t, test: FLOAT_EXP };
  if (t.test.test('.')) return { ...t, test: FLOAT };
  return t;
};
const helmTags = (tags: Tags) =>
  tags
    .filter((t) => (typeof t === 'string' ? t !== 'timestamp' : t.tag !== 'tag:yaml.org,2002:timestamp'))
    .map((t) => (typeof t === 'string' ? t : stricterFloat(t)));

/** How values files are parsed everywhere: as Helm reads them, duplicate keys refused. */
export const VALUES_YAML_OPTIONS = { version: '1.1', customTags: helmTags, uniqueKeys: true, prettyErrors: false } as const;

const MESSAGES: Record<string, string> = {
  DUPLICATE_KEY: 'duplicate key: this key is already set earlier in the same mapping',
  MULTIPLE_DOCS: 'a values file holds one YAML document, but this file has several (a second "---")',
};

/** Parse values text; every problem becomes a UserError at its file:line:col. */
export function parseValuesYaml(input: string | Uint8Array, file: string, opts: YamlReadOptions = {}): YamlFile {
  const maxBytes = opts.maxBytes ?? DEFAULT_MAX_BYTES;
  let text: string;
  if (typeof input === 'string') {
    text = input;
  } else {
    if (input.length > maxBytes) throw tooLarge(file, input.length, maxBytes);
    const bad = firstInvalidUtf8(input);
    if (bad >= 0) {
      const at = lineColumnAtByte(input, bad);
      throw new UserError(`invalid UTF-8 (byte 0x${input[bad].toString(16).padStart(2, '0')})`, {
        file,
        ...at,
        hint: 'Save the file as UTF-8; YAML files must be valid UTF-8 text.',
      });
    }
    text = Buffer.from(input.buffer, input.byteOffset, input.length).toString('utf8');
  }
  if (text.length > maxBytes) throw tooLarge(file, text.length, maxBytes);
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);

  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { ...VALUES_YAML_OPTIONS, lineCounter });
  const err = doc.errors[0];
  if (err) {
    const at = lineCounter.linePos(err.pos[0]);
    throw new UserError(MESSAGES[err.code] ?? `YAML syntax error: ${err.message}`, {
      file,
      line: at.line,
      column: at.col,
      hint: err.code === 'DUPLICATE_KEY' ? 'Keep one of the two keys.' : 'Fix the YAML syntax at this position.',
    });
  }

  let data: unknown;
  try {
    data = doc.toJS({ maxAliasCount: opts.maxAliases ?? DEFAULT_MAX_ALIASES });
  } catch (e) {
    const at = firstAliasPosition(doc, lineCounter);
    throw new UserError('too many alias expansions (a "billion laughs" document?)', {
      file,
      ...at,
      hint: 'Values files must not expand aliases exponentially; write the values out or use fewer nested aliases.',
      cause: e,
    });
  }
  if (data === null || data === undefined) data = {};
  if (!isMap(data)) {
    const pos = doc.contents?.range ? lineCounter.linePos(doc.contents.range[0]) : { line: 1, col: 1 };
    throw new UserError(`the top level must be a mapping of keys to values, not ${Array.isArray(data) ? 'a list' : 'a scalar'}`, {
      file,
      line: pos.line,
      column: pos.col,
      hint: 'Helm values files are YAML mappings, e.g. "replicaCount: 1".',
    });
  }
  return { file, text, doc, lineCounter, values: data as ValueMap };
}

/** Read and parse a values file from disk. `file` is the name shown in messages. */
export function readValuesYaml(absPath: string, file: string, opts: YamlReadOptions = {}): YamlFile {
  const maxBytes = opts.maxBytes ?? DEFAULT_MAX_BYTES;
  let buf: Buffer;
  try {
    const st = statSync(absPath);
    if (!st.isFile()) throw new UserError('not a regular file', { file, hint: 'Point to a YAML file.' });
    if (st.size > maxBytes) throw tooLarge(file, st.size, maxBytes);
    buf = readFileSync(absPath);
  } catch (e) {
    if (e instanceof UserError) throw e;
    throw new UserError(`cannot read the file (${(e as NodeJS.ErrnoException).code ?? String(e)})`, {
      file,
      hint: 'Check that the file exists and is readable.',
      cause: e,
    });
  }
  return parseValuesYaml(buf, file, opts);
}

function tooLarge(file: string, size: number, max: number): UserError {
  return new UserError(`file is ${size} bytes, over the ${max}-byte limit for values files`, {
    file,
    line: 1,
    column: 1,
    hint: 'Values files this large are refused to keep validation fast and safe; split it into smaller files.',
  });
}

function firstAliasPosition(doc: Document, lc: LineCounter): { line: number; column: number } {
  let pos = { line: 1, column: 1 };
  visit(doc, {
    Alias(_key, node) {
      if (isAlias(node) && node.range) {
        const p = lc.linePos(node.range[0]);
        pos = { line: p.line, column: p.col };
        return visit.BREAK;
      }
      return undefined;
    },
  });
  return pos;
}
