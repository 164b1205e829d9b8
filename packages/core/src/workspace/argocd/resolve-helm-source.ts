import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { UserError, type Position } from '../../common';
import { vendoredSubcharts } from '../subcharts';
import { type HelmRules, mergeFiles, readCached, type Resolution, type SetArg } from '../../values';
import { getAt, type Path } from '../../common';
import { parseValuesYaml, withValues, type YamlFile } from '../../yaml';
import { isSopsValues, redactSops } from '../encrypted-values';
import { inlineValuesText, parameterSets } from './helm-args';
import type { HelmSourcePlan } from './helm-source-plan';

/** The effective values of one Helm source of an Application, and where each came from. */
export interface SourceResolution extends Resolution {
  plan: HelmSourcePlan;
  /** The chart's values.yaml as read (undefined: no values.yaml, or defaults unknown). */
  defaults?: YamlFile;
  /** Value files that are SOPS-encrypted: their values are opaque (shown as ENCRYPTED_MARK). */
  encrypted: string[];
  /** Paths whose effective value comes from an encrypted file: never shown, diffed or checked as plain values. */
  opaque: Path[];
}

/**
 * Merge exactly what Argo CD passes to `helm template`: the chart's values.yaml as defaults,
 * `--values` for each value file in order, then the inline values (valuesObject, else values),
 * then parameters as `--set` (`--set-string` with forceString) and fileParameters as `--set-file`.
 * Parameter names are a map in Argo CD: a name given twice keeps its last value.
 */
export function resolveHelmSource(root: string, plan: HelmSourcePlan, rules?: Pick<HelmRules, 'legacyNulls'>): SourceResolution {
  // A readable chart without values.yaml still coalesces (nulls delete keys); unknown defaults cannot.
  const defaults = plan.defaults ? readCached(join(root, plan.defaults), plan.defaults) : plan.defaultsKnown ? parseValuesYaml('', '(chart defaults)') : undefined;
  const files: YamlFile[] = [];
  const encrypted: string[] = [];
  const opaqueIn = new Map<YamlFile, Path[]>();
  for (const f of plan.valueFiles) {
    if (f.file === undefined || !f.exists) continue;
    const y = readCached(join(root, f.file), f.file);
    if (isSopsValues(y.values)) {
      const r = redactSops(y.values);
      const redacted = withValues(y, r.values);
      encrypted.push(f.file);
      opaqueIn.set(redacted, r.opaque);
      files.push(redacted);
    } else files.push(y);
  }
  const inlineName = `${plan.app.file}#${plan.app.name}.${plan.inline?.field ?? 'values'}`;
  let inlineShift: ((p: Position) => Position) | undefined;
  if (plan.inline) {
    const text = inlineValuesText(plan) ?? '';
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

  const sets: SetArg[] = [];
  const setOrigins = new Map<string, Position>();
  for (const p of parameterSets(plan)) {
    const arg: SetArg = { kind: p.kind, expression: `${p.name}=${p.value}` };
    sets.push(arg);
    // How mergeFiles names a --set origin: the key, never the value.
    setOrigins.set(`--${arg.kind} ${p.name}=…`, p.at);
  }

  let res: Resolution;
  try {
    const subcharts = plan.defaults ? vendoredSubcharts(root, dirname(plan.defaults)) : [];
    res = mergeFiles(files, { sets, defaults, readFile: (p) => readFileSync(join(root, p), 'utf8'), rules, subcharts });
  } catch (e) {
    if (!(e instanceof UserError) || !e.file?.startsWith('--')) throw e;
    const origin = [...setOrigins.entries()].find(([k]) => e.message.startsWith(k))?.[1] ?? plan.app.at([...plan.app.sources[plan.sourceIndex].at, 'helm']);
    throw new UserError(`helm parameter of Application "${plan.app.name}" cannot be applied: ${e.message}`, { ...origin, hint: 'Parameter names use Helm --set syntax: a.b, a[0].b, a\\.b.' });
  }
  const valuesObjectAt = [...plan.app.sources[plan.sourceIndex].at, 'helm', 'valuesObject'];
  const originOf = (path: Path): Position | undefined => {
    const o = res.originOf(path);
    if (!o) return o;
    // a parameter (mergeFiles names it as a --set origin), read by file so a file's position stays unworked
    const parameter = setOrigins.get(o.file);
    if (parameter) return parameter;
    if (o.file === inlineName) {
      if (inlineShift) return inlineShift(o);
      // valuesObject: the position of the same path in the Application (or its ApplicationSet template).
      // (the whole object, at n = 0, is always there)
      let n = path.length;
      while (n > 0 && getAt(plan.inline?.object ?? {}, path.slice(0, n)) === undefined) n--;
      return plan.app.at([...valuesObjectAt, ...path.slice(0, n)]);
    }
    return o;
  };
  // A path is opaque when the file that sets it last is encrypted.
  const opaque: Path[] = [];
  for (const [y, paths] of opaqueIn) for (const p of paths) if (res.originOf(p)?.file === y.file) opaque.push(p);
  return { ...res, originOf, plan, ...(plan.defaults && defaults ? { defaults } : {}), encrypted, opaque };
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

