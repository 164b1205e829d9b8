/**
 * Helm's two value merges, as in Helm 3.21:
 * - mergeMaps: successive `-f` files (pkg/cli/values/options.go);
 * - coalesce: user values over a chart's values.yaml (pkg/chartutil/coalesce.go,
 *   coalesceValues); pushGlobals is its coalesceGlobals, which coalesceChart
 *   (chart-values.ts) applies as it walks the subcharts.
 * Both are pure: the result shares no objects with the inputs.
 */
import { deepClone as copy, isMap, setKey as put, type Value, type ValueMap } from '../common';
import type { HelmRules } from './helm-rules';

type MergeRules = Pick<HelmRules, 'legacyNulls'>;

/**
 * Later file wins; map onto map merges deeply; anything else (null, lists,
 * scalars, a map onto a non-map) replaces.
 */
export function mergeMaps(a: ValueMap, b: ValueMap): ValueMap {
  const out = copy(a);
  mergeInto(out, b);
  return out;
}

/** Successive `-f` files folded as mergeMaps folds them, copying each value once instead of the result once per file. */
export function mergeAll(maps: ValueMap[]): ValueMap {
  const out: ValueMap = {};
  // out holds only copies, so merging into it changes no input
  for (const m of maps) mergeInto(out, m);
  return out;
}

function mergeInto(out: ValueMap, b: ValueMap): void {
  for (const k of Object.keys(b)) {
    const bv = b[k];
    const ov = own(out, k) ? out[k] : undefined;
    if (isMap(bv) && isMap(ov)) mergeInto(ov, bv);
    else put(out, k, copy(bv));
  }
}

/**
 * Helm's CoalesceValues: `user` has precedence over `defaults` (the chart's values.yaml).
 *
 * Nulls, as Helm 3.21 does them:
 * - a user null deletes the key when the defaults have it non-null (at the top level:
 *   whenever the defaults have the key at all, even as null);
 * - a user null for a key the defaults do not have stays null;
 * - below the top level, a user null over a null default stays null (since Helm 3.20.1 and
 *   4.1.3, helm/helm#31643); older Helms delete it: `rules.legacyNulls` (gitops.yaml's
 *   `helmVersion`, see helmRules);
 * - a null in the defaults that the user does not mention is kept as null. Helm 4.2+
 *   drops those (helm/helm#31919); we follow Helm 3.
 *
 * Table vs non-table: the user's value is kept and `warn` gets Helm's text. The
 * warnings name keys as Helm does, prefixed with `chartName` (Helm's is never empty;
 * with '' the text is what Helm would print for an empty name).
 */
export function coalesce(
  user: ValueMap,
  defaults: ValueMap,
  warn: (message: string) => void = () => {},
  chartName = '',
  rules: MergeRules = {},
): ValueMap {
  return coalesceOwned(copy(user), defaults, warn, chartName, rules);
}

/**
 * coalesce on a `user` map that no one else holds (such as what mergeAll returns): filled in
 * place, so neither it nor the defaults are copied whole; only the defaults it takes are.
 */
export function coalesceOwned(out: ValueMap, defaults: ValueMap, warn: (message: string) => void = () => {}, chartName = '', rules: MergeRules = {}): ValueMap {
  for (const key of Object.keys(defaults)) {
    const def = defaults[key];
    if (!own(out, key)) {
      put(out, key, copy(def));
      continue;
    }
    const mine = out[key];
    if (mine === null) delete out[key];
    else if (isMap(mine)) {
      if (isMap(def)) coalesceTables(mine, def, concatPrefix(chartName, key), warn, rules);
      // Helm formats this one with "%s.%s", not concatPrefix.
      else if (def !== null) warn(`warning: skipped value for ${chartName}.${key}: Not a table.`);
    }
    // A user scalar or list over a default map wins silently at the top level, as in Helm.
  }
  return out;
}

/** Helm's coalesceTablesFullKey with merge=false: fills `dst` (user) from `src` (defaults), in place; `src` is left as it was. */
function coalesceTables(dst: ValueMap, src: ValueMap, prefix: string, warn: (message: string) => void, rules: MergeRules): void {
  // (Helm first copies dst's nulls into src; since helm#31643 that has no effect on the result.)
  for (const key of Object.keys(src)) {
    const val = src[key];
    const full = concatPrefix(prefix, key);
    if (!own(dst, key)) {
      put(dst, key, copy(val));
      continue;
    }
    const dv = dst[key];
    if (dv === null) {
      // The user nulls out a real default: the key goes. null over null stays null (older Helms delete it too).
      if (val !== null || rules.legacyNulls) delete dst[key];
    } else if (isMap(val)) {
      if (isMap(dv)) coalesceTables(dv, val, full, warn, rules);
      else warn(`warning: cannot overwrite table with non table for ${full} (${goSprint(val)})`);
    } else if (isMap(dv) && val !== null) {
      warn(`warning: destination for ${full} is a table. Ignoring non-table value (${goSprint(val)})`);
    }
  }
}

/**
 * Helm's coalesceGlobals: the parent's `global` copied into a subchart's values before the
 * subchart's defaults fill in. The parent wins; a table the parent has is filled from the
 * subchart's own table of that key. Afterwards the subchart's values always hold `global`.
 */
export function pushGlobals(sub: ValueMap, parent: ValueMap, rules: MergeRules = {}): void {
  const dg = own(sub, 'global') ? sub.global : {};
  const sg = own(parent, 'global') ? parent.global : {};
  // Helm skips (with a warning) a global that is not a table
  if (!isMap(dg) || !isMap(sg)) return;
  for (const key of Object.keys(sg)) {
    const val = sg[key];
    if (isMap(val)) {
      const vv = copy(val);
      const dv = own(dg, key) ? dg[key] : undefined;
      if (dv === undefined) put(dg, key, vv);
      else if (isMap(dv)) {
        coalesceTables(vv, dv, key, () => {}, rules);
        put(dg, key, vv);
      }
    } else if (!(own(dg, key) && isMap(dg[key]))) put(dg, key, copy(val));
  }
  put(sub, 'global', dg);
}

function concatPrefix(a: string, b: string): string {
  return a === '' ? b : `${a}.${b}`;
}

function own(m: ValueMap, k: string): boolean {
  return Object.prototype.hasOwnProperty.call(m, k);
}

/**
 * Go's fmt %v, as Helm's warnings print a default value. Numbers print as Go
 * float64s (1e+06), which is what every number in a chart's values.yaml is to Helm.
 */
export function goSprint(v: Value): string {
  if (v === null) return '<nil>';
  if (typeof v === 'string') return v;
  if (typeof v === 'boolean') return String(v);
  if (typeof v === 'number') return goFloat(v);
  if (Array.isArray(v)) return `[${v.map(goSprint).join(' ')}]`;
  // fmt sorts map keys (byte order).
  const keys = Object.keys(v).sort((x, y) => Buffer.compare(Buffer.from(x), Buffer.from(y)));
  return `map[${keys.map((k) => `${k}:${goSprint(v[k])}`).join(' ')}]`;
}

/** strconv.FormatFloat(x, 'g', -1, 64) as %v uses it: shortest digits, exponent form outside [1e-4, 1e6). */
function goFloat(x: number): string {
  // (never NaN or infinite: values files refuse .nan and .inf, --set-json refuses 1e400)
  if (x === 0) return Object.is(x, -0) ? '-0' : '0';
  const sign = x < 0 ? '-' : '';
  const [mantissa, e] = Math.abs(x).toExponential().split('e');
  const digits = mantissa.replace('.', '');
  const exp = Number(e);
  if (exp < -4 || exp >= 6) {
    const frac = digits.length > 1 ? `.${digits.slice(1)}` : '';
    return `${sign}${digits[0]}${frac}e${exp < 0 ? '-' : '+'}${String(Math.abs(exp)).padStart(2, '0')}`;
  }
  const dp = exp + 1; // digits before the decimal point
  if (dp <= 0) return `${sign}0.${'0'.repeat(-dp)}${digits}`;
  if (dp >= digits.length) return `${sign}${digits}${'0'.repeat(dp - digits.length)}`;
  return `${sign}${digits.slice(0, dp)}.${digits.slice(dp)}`;
}
