import { isMap, type Value, type ValueMap } from '../../common';

/** JSON merge patch (RFC 7386), as Argo CD applies override files to a source and template patches to an Application. */
export function mergePatch(target: Value | undefined, patch: Value): Value {
  if (!isMap(patch)) return patch;
  const out: ValueMap = isMap(target) ? { ...target } : {};
  for (const [k, v] of Object.entries(patch)) {
    if (v === null) delete out[k];
    else out[k] = mergePatch(out[k], v);
  }
  return out;
}
