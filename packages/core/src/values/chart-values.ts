// Helm's values for an umbrella chart: the user's values coalesced with the chart's defaults and,
// under each enabled subchart's key, that subchart's defaults, `global` copied down
// (pkg/chartutil/dependencies.go ProcessDependencies, coalesce.go coalesceDeps).
import { deepClone, getAt, isMap, UserError, type Path, type Value, type ValueMap } from '../common';
import type { HelmRules } from './helm-rules';
import { coalesce, pushGlobals } from './merge';

/** A chart as its values need it: its defaults, its schema and its vendored subcharts. */
export interface ChartSpec {
  name: string;
  /** Where the chart is, relative to the workspace root (a folder, or a .tgz with the path inside). */
  file: string;
  values: ValueMap;
  /** Chart.yaml lists dependencies: Helm then folds the subcharts' defaults into this chart's own first. */
  declares?: boolean;
  schema?: { text: string; file: string };
  dependencies: Subchart[];
}

/** One dependency of Chart.yaml with its vendored chart. */
export interface Subchart {
  /** The key its values live under: the alias, else the chart's name. */
  key: string;
  condition?: string;
  tags?: string[];
  /** Listed in Chart.yaml's dependencies (a vendored chart that is not is loaded too, always enabled). */
  declared?: boolean;
  /** Chart.yaml gives it `import-values`, which gitops does not apply. */
  importValues?: boolean;
  chart: ChartSpec;
}

/** A subchart that deploys, with the path of its values in the parent's. */
export interface EnabledSubchart {
  path: Path;
  chart: ChartSpec;
}

/**
 * The values Helm renders an umbrella chart with, from the user's merged values (files and
 * --set): dependencies disabled by `tags` or `condition` are left out (their key keeps only what
 * the user set), each enabled one gets its defaults under its key with the parent's `global`.
 */
export function coalesceChart(user: ValueMap, chart: ChartSpec, warn: (m: string) => void = () => {}, rules: Pick<HelmRules, 'legacyNulls'> = {}): { values: ValueMap; enabled: EnabledSubchart[] } {
  // Helm decides what is enabled on the values with every dependency enabled
  const all = walk(user, chart, warn, rules, '');
  const pruned = prune(chart, all, []);
  const enabled: EnabledSubchart[] = [];
  const list = (c: ChartSpec, at: Path) => c.dependencies.forEach((d) => (enabled.push({ path: [...at, d.key], chart: d.chart }), list(d.chart, [...at, d.key])));
  list(pruned, []);
  for (const e of enabled) {
    const d = dependencyAt(chart, e.path);
    if (d?.importValues) warn(`warning: the import-values of dependency ${e.path.join('.')} are not applied: the values shown lack what it imports into its parent (helm template shows them)`);
  }
  return { values: walk(user, pruned, warn, rules, ''), enabled };
}

function dependencyAt(chart: ChartSpec, path: Path): Subchart | undefined {
  let c: ChartSpec | undefined = chart;
  let d: Subchart | undefined;
  for (const k of path) {
    d = c?.dependencies.find((x) => x.key === k);
    c = d?.chart;
  }
  return d;
}

/**
 * A chart's defaults as Helm renders with them (processImportValues): when its Chart.yaml lists
 * dependencies, its values.yaml with each enabled subchart's defaults folded under its key,
 * nulls kept. Coalescing the subchart's defaults again then deletes the subchart's null
 * defaults, as in Helm.
 */
function defaultsOf(chart: ChartSpec, rules: Pick<HelmRules, 'legacyNulls'>): ValueMap {
  const out = deepClone(chart.values);
  if (!chart.declares) return out;
  for (const d of chart.dependencies) {
    const mine = Object.prototype.hasOwnProperty.call(out, d.key) ? out[d.key] : {};
    if (!isMap(mine)) continue;
    const sub = deepClone(mine);
    pushGlobals(sub, out, rules);
    fill(sub, defaultsOf(d.chart, rules));
    out[d.key] = sub;
  }
  return out;
}

/** Helm's coalesce with merge: fills what `dst` lacks from `src`, nulls kept. */
function fill(dst: ValueMap, src: ValueMap): void {
  for (const [k, v] of Object.entries(src)) {
    const d = Object.prototype.hasOwnProperty.call(dst, k) ? dst[k] : undefined;
    if (d === undefined) dst[k] = deepClone(v);
    else if (isMap(d) && isMap(v)) fill(d, v);
  }
}

function walk(dest: ValueMap, chart: ChartSpec, warn: (m: string) => void, rules: Pick<HelmRules, 'legacyNulls'>, prefix: string): ValueMap {
  const defaults = defaultsOf(chart, rules);
  // A subchart's table is merged here, nulls kept (Helm's childChartMergeTrue): the subchart's own pass below deletes them.
  const merged = chart.dependencies.map((d) => d.key).filter((k) => isMap(dest[k]) && isMap(defaults[k]));
  const rest = Object.fromEntries(Object.entries(defaults).filter(([k]) => !merged.includes(k)));
  const out = coalesce(dest, rest, warn, prefix || chart.name, rules);
  for (const k of merged) {
    const mine = deepClone(dest[k] as ValueMap);
    fill(mine, defaults[k] as ValueMap);
    out[k] = mine;
  }
  for (const d of chart.dependencies) {
    const mine = Object.prototype.hasOwnProperty.call(out, d.key) ? out[d.key] : {};
    if (!isMap(mine)) throw new UserError(`${d.key} holds the values of the subchart ${d.chart.name}, so it must be a map, not ${JSON.stringify(mine)}`, { file: chart.file, hint: `Set ${d.key} as a map of the subchart's values (e.g. ${d.key}.enabled: false), or remove the dependency.` });
    const sub = deepClone(mine);
    pushGlobals(sub, out, rules);
    out[d.key] = walk(sub, d.chart, warn, rules, `${prefix || chart.name}.${d.key}`);
  }
  return out;
}

/** The chart with only the dependencies its `tags` and `condition` enable, recursively, as Helm decides on the coalesced values. */
function prune(chart: ChartSpec, cvals: ValueMap, at: Path): ChartSpec {
  const tags = isMap(cvals.tags) ? cvals.tags : {};
  const dependencies = chart.dependencies.filter((d) => enabled(d, tags, cvals, at)).map((d) => ({ ...d, chart: prune(d.chart, cvals, [...at, d.key]) }));
  return { ...chart, dependencies };
}

function enabled(d: Subchart, tags: ValueMap, cvals: ValueMap, at: Path): boolean {
  let on = true;
  const said = (d.tags ?? []).map((t) => tags[t]).filter((v): v is boolean => typeof v === 'boolean');
  if (said.length > 0 && !said.includes(true)) on = false;
  // the first condition path that holds a boolean decides, over the tags
  for (const c of (d.condition ?? '').split(',').map((x) => x.trim()).filter(Boolean)) {
    const v: Value | undefined = getAt(cvals, [...at, ...c.split('.')]);
    if (typeof v === 'boolean') return v;
  }
  return on;
}
