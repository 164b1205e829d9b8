import type { PolicyKey } from '../../config';
import { getAt, isMap, setKey, type Path, type Value, type ValueMap } from '../../common';

/** Where `helm create`'s charts keep what the hardening hints read; an app's chart may differ (policy.apps.<app>.keys). */
export const DEFAULT_POLICY_KEYS: Record<PolicyKey, string> = {
  imageTag: 'image.tag',
  imageDigest: 'image.digest',
  imagePullPolicy: 'image.pullPolicy',
  replicaCount: 'replicaCount',
  resources: 'resources',
  podSecurityContext: 'podSecurityContext',
  securityContext: 'securityContext',
  autoscaling: 'autoscaling',
  podDisruptionBudget: 'podDisruptionBudget',
  ingress: 'ingress',
  hostNetwork: 'hostNetwork',
  hostPID: 'hostPID',
  hostIPC: 'hostIPC',
};

/** The renamed keys of one app: the path the rules read, and the chart's own path for it. */
export type KeyMap = { rule: Path; chart: Path }[];

// No default path is a prefix of another, so the order of the renames never matters.
export function keyMap(renamed: Partial<Record<PolicyKey, string>>): KeyMap {
  return Object.entries(renamed)
    .filter(([k, v]) => v !== DEFAULT_POLICY_KEYS[k as PolicyKey])
    .map(([k, v]) => ({ rule: DEFAULT_POLICY_KEYS[k as PolicyKey].split('.'), chart: String(v).split('.') }));
}

/** The values as the rules read them: each renamed key's value moved to the path the rules know. */
export function ruleView(values: ValueMap, keys: KeyMap): ValueMap {
  if (keys.length === 0) return values;
  const out = structuredClone(values);
  for (const { rule, chart } of keys) {
    const v = getAt(values, chart);
    let node = out;
    for (const seg of rule.slice(0, -1)) {
      const next = node[seg as string];
      if (!isMap(next)) setKey(node, seg as string, {});
      node = node[seg as string] as ValueMap;
    }
    if (v === undefined) delete node[rule[rule.length - 1] as string];
    else setKey(node, rule[rule.length - 1] as string, v);
  }
  return out;
}

/** A path the rules named, as the chart names it. */
export function chartPath(path: Path, keys: KeyMap): Path {
  const k = keys.find((m) => m.rule.every((s, i) => path[i] === s));
  return k ? [...k.chart, ...path.slice(k.rule.length)] : path;
}

/**
 * Does the chart read this key? Yes when its values.yaml holds it, or holds an ancestor as an
 * empty map or null (a block passed through whole, like `securityContext: {}`), or when its
 * values schema declares it (or an ancestor as a free-form object). An empty values.yaml passes
 * nothing through: it declares no key.
 */
export function chartDeclares(path: Path, defaults: ValueMap, schema?: unknown): boolean {
  for (let i = 1; i <= path.length; i++) {
    const v = getAt(defaults, path.slice(0, i));
    if (v === undefined) break;
    if (i === path.length || v === null || (isMap(v) && Object.keys(v).length === 0)) return true;
  }
  let node: Value | undefined = isMap(schema) ? (schema as ValueMap) : undefined;
  for (const seg of path) {
    if (!isMap(node)) return false;
    const next: Value | undefined = typeof seg === 'number' ? node.items : isMap(node.properties) ? node.properties[seg] : undefined;
    // a node that lists no fields (or items) takes any: the key passes through to the template
    if (next === undefined) return typeof seg === 'number' ? node.type === 'array' : !isMap(node.properties) && node.type === 'object' && node.additionalProperties !== false;
    node = next;
  }
  return isMap(node);
}
