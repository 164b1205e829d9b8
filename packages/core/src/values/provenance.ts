import { Document, isScalar, isMap as isYamlMap, isSeq, type Node, type Scalar } from 'yaml';
import { formatPosition, type Path, type Position, type ValueMap } from '../common';
import type { Resolution } from './resolution';

/** Effective values as YAML with each value annotated by the file:line:col that set it. */
export function formatWithProvenance(res: Resolution, values: ValueMap = res.values): string {
  const doc = new Document(values);
  annotate(doc.contents as Node, [], res);
  return doc.toString({ lineWidth: 0 });
}

function annotate(node: Node, path: Path, res: Resolution): void {
  if (isYamlMap(node)) {
    for (const pair of node.items) {
      // a Document made from values has scalar keys
      const key = String((pair.key as Scalar).value);
      const child = pair.value as Node;
      if (isScalar(child) || isEmptyCollection(child)) note(child, res.originOf([...path, key]));
      else annotate(child, [...path, key], res);
    }
  } else if (isSeq(node)) {
    node.items.forEach((item, i) => {
      const child = item as Node;
      if (isScalar(child) || isEmptyCollection(child)) note(child, res.originOf([...path, i]));
      else annotate(child, [...path, i], res);
    });
  }
}

/** The origin as a comment after the value: `{}` and `[]` written in flow style, so it stays on their line. */
function note(child: Node, at: Position | undefined): void {
  if (!at) return;
  if (isYamlMap(child) || isSeq(child)) child.flow = true;
  child.comment = ` ${formatPosition(at)}`;
}

function isEmptyCollection(n: Node): boolean {
  return (isYamlMap(n) || isSeq(n)) && n.items.length === 0;
}
