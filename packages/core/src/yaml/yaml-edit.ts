import { isMap as isYamlMap, isScalar, isSeq, parseDocument, Scalar, stringify, type Document, type Node, type Pair, type YAMLMap } from 'yaml';
import { formatPath, getAt, isMap, type Path, UserError, type Value, yamlScalar } from '../common';
import { lineColumnAt } from './text-position';
import { VALUES_YAML_OPTIONS } from './yaml-file';

export interface ValueEdit {
  path: Path;
  value: Value;
}

/**
 * Set values in YAML text by splicing only the characters of the changed scalars (or the lines
 * of a missing key), so every comment, blank line, key order and quoting style survives and a
 * diff shows exactly what changed. `keyOrder` gives, per parent path, the order keys have in the
 * base file: a missing key goes before the first sibling that follows it there. `parsed` is the
 * document of `text` when the caller has read it already (a values file parsed as Helm reads it).
 */
export function setValuesInText(text: string, file: string, edits: ValueEdit[], keyOrder?: (parent: Path) => string[], parsed?: Document.Parsed): string {
  let out = { text, doc: parsed ?? parse(text) };
  // Each edit's check parses the result, which is what the next edit starts from.
  for (const edit of edits) out = setOne(out.text, out.doc, file, edit, keyOrder);
  return out.text;
}

// Keys read as Helm reads them: a `2024-01-01:` key is that text, not a date.
function parse(text: string): Document.Parsed {
  return parseDocument(text, VALUES_YAML_OPTIONS);
}

function setOne(text: string, doc: Document.Parsed, file: string, { path, value }: ValueEdit, keyOrder?: (parent: Path) => string[]): { text: string; doc: Document.Parsed } {
  let node: Node | null = doc.contents as Node | null;
  let depth = 0;
  let parentMap: YAMLMap | undefined;
  for (; depth < path.length; depth++) {
    if (!isYamlMap(node)) break;
    const pair = (node.items as Pair[]).find((p) => isScalar(p.key) && String(p.key.value) === String(path[depth]));
    if (!pair) break;
    parentMap = node;
    node = pair.value as Node | null;
  }
  let next: string;
  // `key:` with nothing after it holds a null scalar of no characters
  const blank = !node || (isScalar(node) && node.range?.[0] === node.range?.[1]);
  if (depth === path.length && !blank && (isScalar(node) || isSeq(node) || isYamlMap(node)) && node.range) {
    // a block collection's range runs past its last line break: keep those
    let end = node.range[1];
    while (end > node.range[0] && /\s/.test(text[end - 1])) end--;
    next = text.slice(0, node.range[0]) + formatLike(node, value, columnOf(text, node.range[0])) + text.slice(end);
  } else if (depth === path.length && blank && parentMap) {
    const pair = (parentMap.items as Pair[]).find((p) => isScalar(p.key) && String(p.key.value) === String(path[depth - 1]));
    const keyRange = (pair?.key as Scalar).range;
    const colon = text.indexOf(':', keyRange?.[1] ?? 0);
    next = `${text.slice(0, colon + 1)}${afterColon(inlineValue(value, columnOf(text, keyRange?.[0] ?? 0) + 2))}${text.slice(colon + 1)}`;
  } else {
    if (depth > 0 && (blank || (isYamlMap(node) && node.items.length === 0))) {
      // `key:` or `key: {}` above the new keys: written anew as the map that holds them
      return setOne(text, doc, file, { path: path.slice(0, depth), value: nestUnder(path.slice(depth), value) }, keyOrder);
    }
    if (node && !isYamlMap(node)) {
      const at = lineColumnAt(text, node.range?.[0] ?? 0);
      throw new UserError(`cannot set ${formatPath(path)}: ${depth === 0 ? 'the top level' : formatPath(path.slice(0, depth))} is not a mapping here`, { file, ...at, hint: 'Edit the file by hand, or make it a mapping.' });
    }
    next = insertKeys(text, node as YAMLMap | null, path, depth, value, keyOrder);
  }
  const check = parse(next);
  if (check.errors.length > 0 || JSON.stringify(getAt(check.toJS({ maxAliasCount: 1000 }) ?? {}, path)) !== JSON.stringify(value)) {
    throw new Error(`editing ${file} at ${formatPath(path)} did not produce the value: ${check.errors[0]?.message ?? 'value differs'}`);
  }
  return { text: next, doc: check };
}

function columnOf(text: string, offset: number): number {
  return offset - (text.lastIndexOf('\n', offset - 1) + 1);
}

/** The new value written the way the old one was: same quotes for a string, same style for a list. */
function formatLike(node: Node, value: Value, column: number): string {
  if (isScalar(node) && typeof value === 'string') {
    if (node.type === Scalar.QUOTE_DOUBLE) return JSON.stringify(value);
    if (node.type === Scalar.QUOTE_SINGLE && !value.includes('\n')) return `'${value.replace(/'/g, "''")}'`;
  }
  // JSON is valid flow YAML
  if ((isSeq(node) || isYamlMap(node)) && node.flow) return JSON.stringify(value);
  return inlineValue(value, column, true);
}

/** A value after `key: `: a scalar on the line, a collection as an indented block below it. */
function inlineValue(value: Value, indent: number, inPlace = false): string {
  if (value === null || typeof value !== 'object') return yamlScalar(value);
  if (Array.isArray(value) && value.length === 0) return '[]';
  if (isMap(value) && Object.keys(value).length === 0) return '{}';
  const block = stringify(value, { version: '1.1', lineWidth: 0 }).trimEnd().split('\n');
  const pad = ' '.repeat(indent);
  // In place of an existing block the first line starts where the old one did.
  return inPlace ? block.map((l, i) => (i === 0 ? l : pad + l)).join('\n') : `\n${block.map((l) => pad + l).join('\n')}`;
}

/** `value` under the keys of `path`, outermost first. */
function nestUnder(path: Path, value: Value): Value {
  return path.reduceRight<Value>((inner, k) => ({ [String(k)]: inner }), value);
}

/** A value as it follows `key:`: a block starts on the next line, anything else after a space. */
function afterColon(value: string): string {
  return value.startsWith('\n') ? value : ` ${value}`;
}

/** Add path[depth..] under `map` (the top level when null; else a map with keys), as block lines in the base's key order. */
function insertKeys(text: string, map: YAMLMap | null, path: Path, depth: number, value: Value, keyOrder?: (parent: Path) => string[]): string {
  const items = (map?.items ?? []) as Pair[];
  const firstKey = items[0]?.key as Scalar | undefined;
  const indent = firstKey?.range ? columnOf(text, firstKey.range[0]) : 0;
  const rest = path.slice(depth);
  const nested = nestUnder(rest.slice(1), value);
  const key = String(rest[0]);
  const keyText = yamlScalar(key);
  const body = `${' '.repeat(indent)}${keyText}:${afterColon(inlineValue(nested, indent + 2))}\n`;

  // Before the first existing sibling that the base lists after this key; else after the last one.
  const order = keyOrder?.(path.slice(0, depth)) ?? [];
  const rank = order.indexOf(key);
  const before = rank < 0 ? undefined : items.find((p) => isScalar(p.key) && order.indexOf(String(p.key.value)) > rank);
  if (before && (before.key as Scalar).range) {
    const start = lineStart(text, (before.key as Scalar).range![0], indent);
    return text.slice(0, start) + body + text.slice(start);
  }
  if (items.length === 0) return `${text}${text.length && !text.endsWith('\n') ? '\n' : ''}${body}`;
  const last = items[items.length - 1];
  const end = ((last.value as Node | null)?.range ?? (last.key as Node).range)![1];
  const nl = text.indexOf('\n', end - 1 < 0 ? 0 : end - 1);
  const at = nl < 0 ? text.length : nl + 1;
  return `${text.slice(0, at)}${nl < 0 ? '\n' : ''}${body}${text.slice(at)}`;
}

/** The start of the line holding `offset`, moved up over the comment lines that document that key. */
function lineStart(text: string, offset: number, indent: number): number {
  let start = text.lastIndexOf('\n', offset - 1) + 1;
  for (;;) {
    const prevEnd = start - 1;
    if (prevEnd <= 0) return start;
    const prevStart = text.lastIndexOf('\n', prevEnd - 1) + 1;
    const line = text.slice(prevStart, prevEnd);
    if (line.trim().startsWith('#') && columnOf(text, prevStart + line.indexOf('#')) === indent) start = prevStart;
    else return start;
  }
}
