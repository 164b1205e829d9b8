import { fileStamp, getAt, lazyPosition, type Path, type Position, UserError, type ValueMap } from '../common';
import { locate, parseValuesYaml, readValuesYaml, type YamlFile } from '../yaml';
import { overriddenText } from './file-overrides';
import type { HelmRules } from './helm-rules';
import { coalesceChart, type Subchart } from './chart-values';
import { coalesceOwned, mergeAll } from './merge';
import type { Resolution } from './resolution';
import { parseSetInto, type SetKind, SetParseError } from './strvals';

/** A --set style argument, applied after the files in Helm's order. */
export interface SetArg {
  kind: SetKind;
  expression: string;
}

const fileCache = new Map<string, { stamp: string; yaml: YamlFile }>();
/**
 * Parsed files kept, the most recently used: a file's data (and its syntax tree, once a position
 * or an edit built it) weighs many times its text, so keeping every file of thousands of apps
 * costs hundreds of MB, while the files read together
 * (an app's layers across its envs, a base layered by every app) are read again soon. Commands
 * that pass over every app several times (report, promote) need every file of a few hundred
 * apps to stay: at 1024 they parsed each file again on every pass.
 */
const CACHED_FILES = 4096;

/** Read a values file once per process while it stays in use, again only if it changed on disk. */
export function readCached(absPath: string, file: string): YamlFile {
  const pending = overriddenText(absPath);
  if (pending !== undefined) return parseValuesYaml(pending, file);
  let stamp: string | undefined;
  try {
    stamp = fileStamp(absPath);
  } catch {
    // readValuesYaml reports it
  }
  const hit = fileCache.get(absPath);
  fileCache.delete(absPath);
  if (hit && stamp && hit.stamp === stamp && hit.yaml.file === file) {
    fileCache.set(absPath, hit);
    return hit.yaml;
  }
  const yaml = readValuesYaml(absPath, file);
  if (stamp) fileCache.set(absPath, { stamp, yaml });
  // A Map iterates in insertion order: the first key is the least recently used.
  if (fileCache.size > CACHED_FILES) fileCache.delete(fileCache.keys().next().value as string);
  return yaml;
}

/** Helm's order: --set-json, --set, --set-string, --set-file, --set-literal, each in the order given. */
const SET_ORDER: SetKind[] = ['set-json', 'set', 'set-string', 'set-file', 'set-literal'];

/**
 * Merge values files as `helm -f f1 -f f2 ... --set ...` does: the files fold with Helm's
 * mergeMaps, the --set family is applied on top, then the result is coalesced with the
 * chart's defaults (null deletes a default).
 */
export function mergeFiles(
  files: YamlFile[],
  opts: { sets?: SetArg[]; defaults?: YamlFile; readFile?: (p: string) => string; rules?: Pick<HelmRules, 'legacyNulls'>; subcharts?: Subchart[]; chartName?: string } = {},
): Resolution {
  const user = mergeAll(files.map((f) => f.values));
  const sets = [...(opts.sets ?? [])].sort((a, b) => SET_ORDER.indexOf(a.kind) - SET_ORDER.indexOf(b.kind));
  const setTrees: { arg: SetArg; tree: ValueMap }[] = [];
  for (const arg of sets) {
    try {
      parseSetInto(arg.expression, arg.kind, user, opts.readFile);
      const tree: ValueMap = {};
      parseSetInto(arg.expression, arg.kind, tree, opts.readFile);
      setTrees.push({ arg, tree });
    } catch (e) {
      if (!(e instanceof SetParseError)) throw e;
      const key = setKeyPart(arg.expression);
      const value = arg.expression.slice(key.length + 1);
      const message = value.length > 0 ? e.message.split(value).join('…') : e.message;
      throw new UserError(`--${arg.kind} ${shownSet(arg)}: ${message}`, {
        file: `--${arg.kind}`,
        hint: e.column <= key.length ? `${' '.repeat(e.column)}^ fix the expression here; the syntax is key.path=value, a[0].b=1, a={x,y}, a\\.b=c.` : 'Fix the value after "=" (not shown: it may be a secret); the syntax is key.path=value, a[0].b=1, a={x,y}, a\\.b=c.',
      });
    }
  }
  const warnings: string[] = [];
  const warn = (m: string) => warnings.push(m);
  // An umbrella chart: its vendored subcharts' defaults under their keys, `global` copied down, disabled ones left out.
  const chart = opts.defaults && opts.subcharts && opts.subcharts.length > 0 ? coalesceChart(user, { name: opts.chartName ?? '', file: opts.defaults.file, values: opts.defaults.values, declares: opts.subcharts.some((d) => d.declared), dependencies: opts.subcharts }, warn, opts.rules) : undefined;
  const values = chart ? chart.values : opts.defaults ? coalesceOwned(user, opts.defaults.values, warn, '', opts.rules) : user;

  const originOf = (path: Path): Position | undefined => {
    for (let i = setTrees.length - 1; i >= 0; i--) {
      const set = getAt(setTrees[i].tree, path);
      // `a[2]=x` pads a[0] and a[1] with nulls in its own tree; in the values they are what the files hold
      if (set !== undefined && !(set === null && getAt(values, path) !== null)) return { file: `--${setTrees[i].arg.kind} ${shownSet(setTrees[i].arg)}`, line: 0, column: 0 };
    }
    const sources = opts.defaults ? [opts.defaults, ...files] : files;
    for (let i = sources.length - 1; i >= 0; i--) {
      const source = sources[i];
      if (getAt(source.values, path) === undefined) continue;
      // Where in the file: worked out when read, as most origins are never shown.
      return lazyPosition(() => locate(source, path)?.value ?? { file: source.file, line: 1, column: 1 }, source.file);
    }
    return undefined;
  };
  return { files, values, originOf, warnings, ...(chart ? { subcharts: chart.enabled } : {}) };
}

/** The key part of a --set expression: up to its first unescaped "=". */
function setKeyPart(expression: string): string {
  const m = /^(?:\\.|[^\\=])*/.exec(expression);
  return m ? m[0] : expression;
}

/**
 * A --set argument as messages show it: the key, never the value, which may be a password
 * given on the command line (the value is in the user's shell history, not in our output).
 */
function shownSet(arg: SetArg): string {
  const key = setKeyPart(arg.expression);
  return key.length < arg.expression.length ? `${key}=…` : key;
}
