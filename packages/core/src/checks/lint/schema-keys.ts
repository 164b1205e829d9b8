import { isMap, type Path, type ValueMap } from '../../common';

/** The property names the schema declares for the map at `path`. */
export function schemaKeys(schema: ValueMap | undefined, path: Path): string[] {
  let node: unknown = schema;
  for (const seg of path) {
    node = deref(schema as ValueMap, node);
    if (!isMap(node)) return [];
    node = typeof seg === 'number' ? node.items : isMap(node.properties) ? node.properties[seg] : undefined;
  }
  node = deref(schema as ValueMap, node);
  return isMap(node) && isMap(node.properties) ? Object.keys(node.properties) : [];
}

/** Does the JSON Schema declare this path (properties, patternProperties or a schema for additionalProperties)? */
export function schemaDeclares(schema: ValueMap | undefined, path: Path): boolean {
  let node: unknown = schema;
  for (const seg of path) {
    node = deref(schema as ValueMap, node);
    if (!isMap(node)) return false;
    if (typeof seg === 'number') {
      node = isMap(node.items) ? node.items : undefined;
      continue;
    }
    const props = isMap(node.properties) ? node.properties : {};
    const patterns = isMap(node.patternProperties) ? node.patternProperties : {};
    const byPattern = Object.entries(patterns).find(([re]) => safeTest(re, seg));
    if (seg in props) node = props[seg];
    else if (byPattern) node = byPattern[1];
    else if (isMap(node.additionalProperties)) node = node.additionalProperties;
    else return false;
  }
  return true;
}

function deref(root: ValueMap, node: unknown): unknown {
  for (let i = 0; i < 20 && isMap(node) && typeof node.$ref === 'string' && node.$ref.startsWith('#/'); i++) {
    let target: unknown = root;
    for (const part of node.$ref.slice(2).split('/')) target = isMap(target) ? target[part.replace(/~1/g, '/').replace(/~0/g, '~')] : undefined;
    node = target;
  }
  return node;
}

function safeTest(re: string, s: string): boolean {
  try {
    return new RegExp(re, 'u').test(s);
  } catch {
    return false;
  }
}
