/** Plain data as Helm sees it after YAML decoding. */
export type Scalar = string | number | boolean | null;
export type Value = Scalar | Value[] | ValueMap;
export interface ValueMap {
  [key: string]: Value;
}

/** A location in a values tree: map keys and list indexes, outermost first. */
export type Path = (string | number)[];

export function isMap(v: unknown): v is ValueMap {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** A stable string key for a path, for maps and sets. */
export function pathKey(path: Path): string {
  return JSON.stringify(path);
}

const IDENT = /^[A-Za-z_][A-Za-z0-9_-]*$/;

/** Human form: `resources.limits.memory`, `ingress.hosts[0].host`, `podAnnotations["sidecar.istio.io/inject"]`. */
export function formatPath(path: Path): string {
  let out = '';
  for (const seg of path) {
    if (typeof seg === 'string' && IDENT.test(seg)) out += out === '' ? seg : `.${seg}`;
    else out += `[${JSON.stringify(seg)}]`;
  }
  return out === '' ? '(root)' : out;
}

/** The value at `path`, or undefined when any step is missing. A present `null` is returned as null. */
export function getAt(root: Value, path: Path): Value | undefined {
  let cur: Value | undefined = root;
  for (const seg of path) {
    if (typeof seg === 'number') {
      if (!Array.isArray(cur)) return undefined;
      cur = cur[seg]; // undefined past the end
    } else {
      if (!isMap(cur) || !Object.prototype.hasOwnProperty.call(cur, seg)) return undefined;
      cur = cur[seg];
    }
  }
  return cur;
}

/**
 * Every leaf (scalar, empty map or empty list) with its path, in document order. Built in one
 * walk, not as nested generators: the checks walk every values file of every app and env.
 */
export function leaves(root: Value, prefix: Path = []): [Path, Value][] {
  const out: [Path, Value][] = [];
  const path = [...prefix];
  const walk = (v: Value, top: boolean): void => {
    if (isMap(v)) {
      const keys = Object.keys(v);
      if (keys.length === 0 && !top) out.push([[...path], v]);
      for (const k of keys) {
        path.push(k);
        walk(v[k], false);
        path.pop();
      }
    } else if (Array.isArray(v)) {
      if (v.length === 0) out.push([[...path], v]);
      for (let i = 0; i < v.length; i++) {
        path.push(i);
        walk(v[i], false);
        path.pop();
      }
    } else {
      out.push([[...path], v]);
    }
  };
  walk(root, prefix.length === 0);
  return out;
}

/** Set a key as data: `__proto__` is an ordinary values key and must not change the prototype. */
export function setKey(m: ValueMap, k: string, v: Value): void {
  if (k === '__proto__') Object.defineProperty(m, k, { value: v, writable: true, enumerable: true, configurable: true });
  else m[k] = v;
}

/** A deep copy that shares nothing with the input. */
export function deepClone<T extends Value>(v: T): T {
  if (Array.isArray(v)) return v.map((x) => deepClone(x)) as T;
  if (isMap(v)) {
    const out: ValueMap = {};
    for (const k of Object.keys(v)) setKey(out, k, deepClone(v[k]));
    return out as T;
  }
  return v;
}
