import { Document, isScalar, isMap as isYamlMap, isSeq, type Node } from 'yaml';
import { formatPosition, type Path, type ValueMap } from '../common';
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
      const key = isScalar(pair.key) ? String(pair.key.value) : String(pair.key);
      const child = pair.value as Node;
      if (isScalar(child) || isEmptyCollection(child)) {
        const at = res.originOf([...path, key]);
        if (at) (child as Node).comment = ` ${formatPosition(at)}`;
      } else annotate(child, [...path, key], res);
    }
  } else if (isSeq(node)) {
    node.items.forEach((item, i) => {
      const child = item as Node;
      if (isScalar(child) || isEmptyCollection(child)) {
        const at = res.originOf([...path, i]);
        if (at) child.comment = ` ${formatPosition(at)}`;
      } else annotate(child, [...path, i], res);
    });
  }
}

function isEmptyCollection(n: Node): boolean {
  return (isYamlMap(n) || isSeq(n)) && n.items.length === 0;
}
