import { isUtf8 } from 'node:buffer';
import { Document, LineCounter, parseDocument, isAlias, isCollection, isPair, isScalar, Scalar, visit, type Node, type Tags } from 'yaml';
import { DEFAULT_MAX_BYTES, isMap, readBounded, tooLarge, UserError, type ValueMap } from '../common';
import { firstInvalidUtf8, lineColumnAtByte } from './text-position';
import { goFloat, goFloatKey, goInteger, scalarTest } from './go-scalars';
import { readPlainValues, schemaOf } from './plain-values';

/**
 * A parsed values file: its text, its YAML document (for positions and edits) and its data. The
 * document may be built on first use: only positions (a finding, provenance) and edits need it.
 */
export interface YamlFile {
  /** The path shown to users (relative to the workspace root where possible). */
  file: string;
  text: string;
  readonly doc: Document.Parsed;
  readonly lineCounter: LineCounter;
  values: ValueMap;
}

export interface YamlReadOptions {
  /** Files larger than this are refused before parsing. */
  maxBytes?: number;
  /** Nodes that the document may hold once its aliases are expanded; more means a "billion laughs" document. */
  maxNodes?: number;
}

export { DEFAULT_MAX_BYTES };
/** Expanded nodes allowed per document: far above any real values file, far below what exhausts memory. */
export const DEFAULT_MAX_NODES = 1_000_000;
/** How deep values may nest: no chart goes near it, and every command handles it without exhausting the stack. */
export const MAX_DEPTH = 256;

// Helm decodes values with YAML 1.1 rules (yes/no/on/off are booleans, 0755 is octal) as
// go-yaml v2 does: numbers by Go's parsers (see go-scalars.ts: no base-60 `12:30`, `0o17` is
// octal, `1e400` stays text), dates stay strings (no timestamp tag).
const NUMBER_TAGS = new Set(['tag:yaml.org,2002:int', 'tag:yaml.org,2002:float']);
type ScalarTag = Exclude<Tags[number], string>;
const helmTags = (tags: Tags): Tags => {
  const known = tags.filter((t): t is ScalarTag => typeof t !== 'string');
  const like = (tag: string, format?: string) => known.find((t) => t.tag === tag && t.format === format);
  const int = like('tag:yaml.org,2002:int');
  const float = like('tag:yaml.org,2002:float');
  const infinities = known.find((t) => t.tag === 'tag:yaml.org,2002:float' && t.test?.test('.inf'));
  const kept = tags.filter((t) => (typeof t === 'string' ? t !== 'timestamp' : t.tag !== 'tag:yaml.org,2002:timestamp' && !(NUMBER_TAGS.has(t.tag) && t.default)));
  return [
    ...kept,
    // .inf and .nan are floats to go-yaml too; Helm then fails to convert them to JSON (refused below).
    ...(infinities ? [infinities] : []),
    { ...int, format: undefined, test: scalarTest((s) => goInteger(s) !== undefined), resolve: (s: string) => goInteger(s) } as ScalarTag,
    { ...float, format: undefined, test: scalarTest((s) => goFloat(s) !== undefined), resolve: (s: string) => goFloat(s) } as ScalarTag,
  ];
};

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
    // Node's own check first (native); the byte is looked for only in a file that has one
    const bad = isUtf8(input) ? -1 : firstInvalidUtf8(input);
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

  const plain = readPlainValues(text, valuesSchema(), opts.maxNodes ?? DEFAULT_MAX_NODES, true);
  if (plain) return withLazyDocument(file, text, plain);
  const { doc, lineCounter } = parseValuesDocument(text);
  const err = doc.errors[0];
  if (err) {
    const at = lineCounter.linePos(err.pos[0]);
    if (/Maximum call stack/.test(err.message)) throw tooDeep(file, at.line, at.col);
    throw new UserError(MESSAGES[err.code] ?? `YAML syntax error: ${err.message}`, {
      file,
      line: at.line,
      column: at.col,
      hint: err.code === 'DUPLICATE_KEY' ? 'Keep one of the two keys.' : 'Fix the YAML syntax at this position.',
    });
  }

  checkExpansion(doc, file, lineCounter, opts.maxNodes ?? DEFAULT_MAX_NODES);
  let data: unknown;
  try {
    // Sizes were checked above, in time linear in the text; the library's own alias guard counts differently.
    data = doc.toJS({ maxAliasCount: -1 }) ?? {};
  } catch (e) {
    // What the parser accepts but cannot turn into data: a merge key (<<) of something that is not a map.
    const at = mergeKeyPosition(doc, lineCounter);
    throw new UserError(`${/merge/i.test((e as Error).message) ? 'a merge key (<<) must be a map, an alias of a map, or a list of them' : `YAML error: ${(e as Error).message}`}`, {
      file,
      ...at,
      hint: 'Merge only maps, e.g. "<<: *defaults" where &defaults marks a map.',
      cause: e,
    });
  }
  const notJson = firstNonFiniteNumber(doc);
  if (notJson) {
    const at = lineCounter.linePos(notJson.range?.[0] ?? 0);
    throw new UserError(`${notJson.source ?? String(notJson.value)} is ${Number.isNaN(notJson.value) ? 'not a number' : 'infinity'} in YAML, which Helm cannot read: values become JSON, and JSON has neither`, {
      file,
      line: at.line,
      column: at.col,
      hint: `Quote it ("${notJson.source ?? ''}") for a string, or write a finite number.`,
    });
  }
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

let schema: ReturnType<typeof schemaOf> | undefined;
/** The tags every values scalar is resolved with, shared by both readers. */
function valuesSchema(): ReturnType<typeof schemaOf> {
  return (schema ??= schemaOf(VALUES_YAML_OPTIONS));
}
let coreSchema: ReturnType<typeof schemaOf> | undefined;

/**
 * The data of a one-document text in plain block YAML, read without a syntax tree: what
 * `parseDocument(text, VALUES_YAML_OPTIONS).toJS()` (`helm`) or `parseDocument(text).toJS()`
 * (`core`, YAML 1.2) gives. Undefined when the text needs the full reader (see plain-values.ts):
 * read it with `yaml` then, for the data and any error.
 */
export function plainYamlData(text: string, tags: 'helm' | 'core'): ValueMap | undefined {
  return readPlainValues(text, tags === 'helm' ? valuesSchema() : (coreSchema ??= schemaOf({})), DEFAULT_MAX_NODES, tags === 'helm');
}

/** A values text's syntax tree as every reading of it sees it: Helm's tags, float keys named as Helm names them. */
export function parseValuesDocument(text: string): { doc: Document.Parsed; lineCounter: LineCounter } {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { ...VALUES_YAML_OPTIONS, lineCounter });
  if (doc.errors.length === 0) floatKeysAsHelm(doc);
  return { doc, lineCounter };
}

/** Float map keys named as Helm names them (goFloatKey), so the data and every position agree with it. */
function floatKeysAsHelm(doc: Document.Parsed): void {
  visit(doc, {
    Pair(_key, pair) {
      const k = pair.key;
      if (!isScalar(k) || typeof k.value !== 'number' || (typeof k.source === 'string' && goInteger(k.source) !== undefined)) return;
      const named = new Scalar(goFloatKey(k.value));
      named.range = k.range;
      pair.key = named;
    },
  });
}

/** A file the plain reader read: its syntax tree is built from the text when positions or an edit first need it. */
function withLazyDocument(file: string, text: string, values: ValueMap): YamlFile {
  let tree: { doc: Document.Parsed; lineCounter: LineCounter } | undefined;
  const parsed = () => (tree ??= parseValuesDocument(text));
  return {
    file,
    text,
    values,
    get doc() {
      return parsed().doc;
    },
    get lineCounter() {
      return parsed().lineCounter;
    },
  };
}

/** The same file read with other values (e.g. redacted), its document still built only when needed. */
export function withValues(y: YamlFile, values: ValueMap): YamlFile {
  return {
    file: y.file,
    text: y.text,
    values,
    get doc() {
      return y.doc;
    },
    get lineCounter() {
      return y.lineCounter;
    },
  };
}

/** Read and parse a values file from disk (a regular file of the repository, size-capped). `file` is the name shown in messages. */
export function readValuesYaml(absPath: string, file: string, opts: YamlReadOptions = {}): YamlFile {
  return parseValuesYaml(readBounded(absPath, file, { maxBytes: opts.maxBytes, kind: 'values file' }), file, opts);
}

function tooDeep(file: string, line: number, column: number): UserError {
  return new UserError(`values nest more than ${MAX_DEPTH} levels deep`, { file, line, column, hint: 'Flatten the structure; no chart reads values nested this deep.' });
}

/**
 * Refuse a document whose aliases expand it past `maxNodes` nodes, or past Helm's own guard
 * (the YAML decoder of Go refuses a document whose decoded nodes mostly come from aliases),
 * or that nests past MAX_DEPTH. Sizes are computed once per node, so a "billion laughs"
 * document is measured in time linear in its text, never expanded.
 */
function checkExpansion(doc: Document.Parsed, file: string, lc: LineCounter, maxNodes: number): void {
  // Per node: nodes once expanded, nodes as written (an alias counts one), levels once expanded.
  // Anchors as defined so far in document order: a later anchor of the same name shadows an earlier one.
  const anchors = new Map<string, { expanded: number; literal: number; height: number; decodes: number }>();
  // The collections being measured: an alias of one of them is a value containing itself.
  const open = new Set<object>();
  let firstAlias: Node | undefined;
  const at = (n: unknown) => {
    const range = (n as Node | undefined)?.range;
    const p = range ? lc.linePos(range[0]) : { line: 1, col: 1 };
    return { line: p.line, column: p.col };
  };
  const deep = (n: unknown) => {
    const p = at(n);
    return tooDeep(file, p.line, p.column);
  };
  // Go's decoder (helm's) counts each node it decodes, in document order, the document itself
  // first, and every node an alias brings as a copy; it gives up as soon as copies are too large a
  // share of what it decoded so far, so copies early in a file count before what follows.
  let decoded = 1;
  let copies = 0;
  const excessive = (node: unknown) => {
    if (copies > 100 && decoded > 1000 && copies / decoded > allowedAliasRatio(decoded)) {
      throw new UserError(`aliases expand this document to ${decoded} nodes by here, ${copies} of them copies (a "billion laughs" document?)`, { file, ...at(node), hint: ALIAS_HINT });
    }
  };
  const visit = (node: unknown, depth: number): { expanded: number; literal: number; height: number; decodes: number } => {
    if (depth > MAX_DEPTH) throw deep(node);
    if (isAlias(node)) {
      firstAlias ??= node;
      // An anchor comes before its aliases, so its source was measured already.
      const source = anchors.get(node.source) ?? { expanded: 1, literal: 1, height: 1, decodes: 1 };
      if (open.has(source)) {
        const p = at(node);
        throw new UserError(`the alias *${node.source} is inside its own anchor &${node.source}: the value would contain itself`, { file, ...p, hint: 'Point the alias at another anchor, or write the value out.' });
      }
      if (depth + source.height > MAX_DEPTH + 1) throw deep(node);
      decoded += 1 + source.decodes;
      copies += source.decodes;
      excessive(node);
      return { expanded: source.expanded, literal: 1, height: source.height, decodes: 1 + source.decodes };
    }
    if (!isCollection(node) && !isScalar(node)) return { expanded: 0, literal: 0, height: 0, decodes: 0 };
    decoded += 1;
    const here = { expanded: 1, literal: 1, height: 1, decodes: 1 };
    const anchor = (node as { anchor?: string }).anchor;
    if (anchor) anchors.set(anchor, here);
    open.add(here);
    if (isCollection(node)) {
      const children = node.items.flatMap((item) => (isPair(item) ? [item.key, item.value] : [item]));
      for (const child of children) {
        if (child === null || child === undefined) continue;
        const c = visit(child, depth + 1);
        here.expanded += c.expanded;
        here.literal += c.literal;
        here.decodes += c.decodes;
        here.height = Math.max(here.height, c.height + 1);
      }
    }
    open.delete(here);
    return here;
  };
  const { expanded: total, literal } = visit(doc.contents, 0);
  const fromAliases = total - literal;
  if (total > maxNodes) {
    throw new UserError(`aliases expand this document to ${total} nodes, ${fromAliases} of them copies (a "billion laughs" document?)`, { file, ...at(firstAlias), hint: ALIAS_HINT });
  }
}

const ALIAS_HINT = 'Write the values out, or reuse fewer and smaller anchors; Helm refuses such documents too.';

/** The share of decoded nodes that may come from aliases, as Go's YAML decoder (Helm's) allows it. */
function allowedAliasRatio(nodes: number): number {
  if (nodes <= 400_000) return 0.99;
  if (nodes >= 4_000_000) return 0.1;
  return 0.99 - 0.89 * ((nodes - 400_000) / 3_600_000);
}

/** A .inf or .nan value: helm refuses the whole file (json: unsupported value). */
function firstNonFiniteNumber(doc: Document): Scalar<number> | undefined {
  let found: Scalar<number> | undefined;
  visit(doc, {
    Scalar(key, node) {
      // as a key, helm keeps the text (".inf")
      if (key !== 'key' && typeof node.value === 'number' && !Number.isFinite(node.value)) {
        found = node as Scalar<number>;
        return visit.BREAK;
      }
      return undefined;
    },
  });
  return found;
}

function mergeKeyPosition(doc: Document.Parsed, lc: LineCounter): { line: number; column: number } {
  let pos = { line: 1, column: 1 };
  visit(doc, {
    Pair(_k, pair) {
      if (isScalar(pair.key) && (pair.key as { source?: string }).source === '<<' && pair.key.range) {
        const p = lc.linePos(pair.key.range[0]);
        pos = { line: p.line, column: p.col };
        return visit.BREAK;
      }
      return undefined;
    },
  });
  return pos;
}
