import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { stringify } from 'yaml';
import { UserError, type Position } from '../../errors';
import { mergeFiles, readCached, type Resolution, type SetArg } from '../../resolve';
import { getAt, type Path } from '../../values';
import { parseValuesYaml, type YamlFile } from '../../yaml-file';
import type { HelmSourcePlan } from './helm-source-plan';

/** The effective values of one Helm source of an Application, and where each came from. */
export interface SourceResolution extends Resolution {
  plan: HelmSourcePlan;
  /** The chart's values.yaml as read (undefined: no values.yaml, or defaults unknown). */
  defaults?: YamlFile;
}

/** Argo CD escapes commas so that a parameter stays one value, except a {a,b} list. */
function cleanSetValue(value: string): string {
  return /^\{.*\}$/.test(value) ? value : value.replace(/(?<!\\),/g, '\\,');
}

/**
 * Merge exactly what Argo CD passes to `helm template`: the chart's values.yaml as defaults,
 * `--values` for each value file in order, then the inline values (valuesObject, else values),
 * then parameters as `--set` (`--set-string` with forceString) and fileParameters as `--set-file`.
 * Parameter names are a map in Argo CD: a name given twice keeps its last value.
 */
export function resolveHelmSource(root: string, plan: HelmSourcePlan): SourceResolution {
  const defaults = plan.defaults ? readCached(join(root, plan.defaults), plan.defaults) : undefined;
  const files: YamlFile[] = [];
  for (const f of plan.valueFiles) if (f.file !== undefined && f.exists) files.push(readCached(join(root, f.file), f.file));
  const inlineName = `${plan.app.file}#${plan.app.name}.${plan.inline?.field ?? 'values'}`;
  let inlineShift: ((p: Position) => Position) | undefined;
  if (plan.inline) {
    const text = plan.inline.object ? stringify(plan.inline.object) : (plan.inline.text ?? '');
    let y: YamlFile;
    try {
      y = parseValuesYaml(text, inlineName);
    } catch (e) {
      if (!(e instanceof UserError)) throw e;
      const at = shiftInto(root, plan.inline.at)({ file: inlineName, line: e.line ?? 1, column: e.column ?? 1 });
      throw new UserError(`helm.values of Application "${plan.app.name}": ${e.message}`, { ...at, hint: e.hint });
    }
    files.push(y);
    inlineShift = plan.inline.object ? undefined : shiftInto(root, plan.inline.at);
  }

  const byName = (forceString: boolean) => {
    const m = new Map<string, (typeof plan.parameters)[number]>();
    for (const p of plan.parameters) if (p.forceString === forceString) m.set(p.name, p);
    return [...m.values()];
  };
  const sets: SetArg[] = [];
  const setOrigins = new Map<string, Position>();
  for (const p of [...byName(false), ...byName(true)]) {
    const arg: SetArg = { kind: p.forceString ? 'set-string' : 'set', expression: `${p.name}=${cleanSetValue(p.value)}` };
    sets.push(arg);
    setOrigins.set(`--${arg.kind} ${arg.expression}`, p.at);
  }
  const fileParams = new Map<string, (typeof plan.fileParameters)[number]>();
  for (const p of plan.fileParameters) if (p.file !== undefined && p.exists) fileParams.set(p.name, p);
  for (const p of fileParams.values()) {
    const arg: SetArg = { kind: 'set-file', expression: `${p.name}=${p.file}` };
    sets.push(arg);
    setOrigins.set(`--set-file ${arg.expression}`, p.at);
  }

  let res: Resolution;
  try {
    res = mergeFiles(files, { sets, defaults, readFile: (p) => readFileSync(join(root, p), 'utf8') });
  } catch (e) {
    if (!(e instanceof UserError) || !e.file?.startsWith('--')) throw e;
    const origin = [...setOrigins.entries()].find(([k]) => e.message.startsWith(k))?.[1] ?? plan.app.at([...plan.app.sources[plan.sourceIndex].at, 'helm']);
    throw new UserError(`helm parameter of Application "${plan.app.name}" cannot be applied: ${e.message}`, { ...origin, hint: 'Parameter names use Helm --set syntax: a.b, a[0].b, a\\.b.' });
  }
  const valuesObjectAt = [...plan.app.sources[plan.sourceIndex].at, 'helm', 'valuesObject'];
  const originOf = (path: Path): Position | undefined => {
    const o = res.originOf(path);
    if (!o) return o;
    if (o.line === 0) return setOrigins.get(o.file) ?? o;
    if (o.file === inlineName) {
      if (inlineShift) return inlineShift(o);
      // valuesObject: the position of the same path in the Application (or its ApplicationSet template).
      for (let n = path.length; n >= 0; n--) if (getAt(plan.inline?.object ?? {}, path.slice(0, n)) !== undefined) return plan.app.at([...valuesObjectAt, ...path.slice(0, n)]);
      return plan.inline?.at;
    }
    return o;
  };
  return { ...res, originOf, plan, ...(defaults ? { defaults } : {}) };
}

/** Positions in a `values: |` block, as lines of the Application file. */
function shiftInto(root: string, blockAt: Position): (p: Position) => Position {
  let indent = 0;
  try {
    const lines = readFileSync(join(root, blockAt.file), 'utf8').split('\n');
    const first = lines.slice(blockAt.line).find((l) => l.trim() !== '');
    indent = first ? first.length - first.trimStart().length : 0;
  } catch {
    // the position stays approximate
  }
  return (p) => ({ file: blockAt.file, line: blockAt.line + p.line, column: p.column + indent });
}

