import { isAlias, isMap, isScalar, isSeq, type Document, type Node, type Pair } from 'yaml';
import type { Path, Position } from '../common';
import type { YamlFile } from './yaml-file';

/** Where a path's value is written in a YAML file, and where its key is. */
export interface NodeLocation {
  value: Position;
  key?: Position;
  node: Node;
}

/** Locate `path` in the file's YAML tree; undefined when the file does not set it. */
export function locate(y: YamlFile, path: Path): NodeLocation | undefined {
  let node: Node | null | undefined = y.doc.contents as Node | null;
  let keyNode: Node | null | undefined;
  for (const seg of path) {
    node = deref(y.doc, node);
    if (!node) return undefined;
    if (typeof seg === 'number') {
      if (!isSeq(node)) return undefined;
      const item = node.items[seg];
      if (item === undefined) return undefined;
      node = item as Node;
      keyNode = undefined;
    } else {
      if (!isMap(node)) return undefined;
      const pair = findPair(y.doc, node.items as Pair[], seg);
      if (!pair) return undefined;
      keyNode = pair.key as Node;
      node = pair.value as Node | null;
      // `key:` with nothing after it: point at the key.
      if (!node) node = keyNode;
    }
  }
  if (!node) return undefined;
  return { value: pos(y, node), key: keyNode ? pos(y, keyNode) : undefined, node };
}

/**
 * The nearest position for `path`: its value (or its key, with `atKey`), else its closest
 * written ancestor's key, else line 1.
 */
export function nearestPosition(y: YamlFile, path: Path, opts: { atKey?: boolean } = {}): Position {
  for (let n = path.length; n >= 0; n--) {
    const hit = locate(y, path.slice(0, n));
    if (hit) return n === path.length && !opts.atKey ? hit.value : (hit.key ?? hit.value);
  }
  return { file: y.file, line: 1, column: 1 };
}

function deref(doc: Document, node: Node | null | undefined): Node | null | undefined {
  let cur = node;
  for (let i = 0; i < 100 && cur && isAlias(cur); i++) cur = cur.resolve(doc) as Node | undefined;
  return cur;
}

function keyText(doc: Document, key: unknown): string | undefined {
  const k = deref(doc, key as Node);
  if (isScalar(k)) return String(k.value);
  return undefined;
}

/** A `<<` key that merges (YAML 1.1): the library reads it as a symbol, a quoted "<<" as text. */
function isMergeKey(doc: Document, key: unknown): boolean {
  const k = deref(doc, key as Node);
  return isScalar(k) && typeof k.value === 'symbol' && k.value.description === '<<';
}

function findPair(doc: Document, items: Pair[], seg: string): Pair | undefined {
  // Later duplicates cannot exist (uniqueKeys), but YAML merge keys (<<) can supply a key.
  for (const p of items) if (keyText(doc, p.key) === seg) return p;
  for (const p of items) {
    if (!isMergeKey(doc, p.key)) continue;
    const sources = deref(doc, p.value as Node);
    const maps = isSeq(sources) ? sources.items.map((s) => deref(doc, s as Node)) : [sources];
    for (const m of maps) if (isMap(m)) {
      const hit = findPair(doc, m.items as Pair[], seg);
      if (hit) return hit;
    }
  }
  return undefined;
}

function pos(y: YamlFile, node: Node): Position {
  const offset = node.range ? node.range[0] : 0;
  const lp = y.lineCounter.linePos(offset);
  return { file: y.file, line: lp.line, column: lp.col };
}
