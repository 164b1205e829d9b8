import { getAt, isMap, type Path, type Value, type ValueMap } from '../../common';

/** Small readers over effective values, so each rule states its intent and not its null checks. */
export const at = (v: ValueMap, path: Path): Value | undefined => getAt(v, path);
export const mapAt = (v: ValueMap, path: Path): ValueMap | undefined => {
  const m = getAt(v, path);
  return isMap(m) ? m : undefined;
};
export const isTrue = (v: ValueMap, path: Path): boolean => getAt(v, path) === true;
export const num = (v: ValueMap, path: Path): number | undefined => {
  const n = getAt(v, path);
  return typeof n === 'number' ? n : typeof n === 'string' && /^\d+$/.test(n) ? Number(n) : undefined;
};
/** Is this chart feature switched on? An `enabled` flag is honoured when present. */
export const enabled = (v: ValueMap, path: Path): boolean => {
  const m = mapAt(v, path);
  return m !== undefined && m.enabled !== false && m.enabled !== null;
};
/** The effective replica count: autoscaling's minimum when it is on, else replicaCount (Helm charts default 1). */
export const replicaFloor = (v: ValueMap): number => (enabled(v, ['autoscaling']) ? num(v, ['autoscaling', 'minReplicas']) ?? 1 : num(v, ['replicaCount']) ?? 1);
