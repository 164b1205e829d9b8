import { isMap, type Path, type Value, type ValueMap } from '../common';

/** What an encrypted value shows instead of its ciphertext. */
export const ENCRYPTED_MARK = '<encrypted>';

/** A SOPS file (helm-secrets style): a `sops` section with a `mac`. */
export function isSopsValues(values: ValueMap): boolean {
  return isMap(values.sops) && typeof values.sops.mac === 'string';
}

const SOPS_LEAF = /^ENC\[[A-Z0-9_]+,data:/;

/**
 * The values of a SOPS file without its `sops` metadata, every encrypted leaf replaced by
 * ENCRYPTED_MARK (keys SOPS left in clear keep their values), and the paths that are opaque.
 */
export function redactSops(values: ValueMap): { values: ValueMap; opaque: Path[] } {
  const opaque: Path[] = [];
  const walk = (v: Value, path: Path): Value => {
    if (typeof v === 'string' && SOPS_LEAF.test(v)) {
      opaque.push(path);
      return ENCRYPTED_MARK;
    }
    if (Array.isArray(v)) return v.map((x, i) => walk(x, [...path, i]));
    if (isMap(v)) return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, walk(x, [...path, k])]));
    return v;
  };
  const { sops: _meta, ...rest } = values;
  return { values: walk(rest, []) as ValueMap, opaque };
}
