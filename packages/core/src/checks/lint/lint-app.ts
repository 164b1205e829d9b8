import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { isMap as isYamlMap, isScalar, type Pair } from 'yaml';
import { didYouMean, type Finding, findingFromError, formatPath, getAt, isMap, isUserError, type Path, readBoundedText, sortFindings, type Value, type ValueMap } from '../../common';
import { orphanFindings } from '../orphan-files';
import { dropIgnored } from '../ignore';
import { BASE_VALUES, clusterTargets, deploymentsIn, getApp, getEnv, isDeclared, isSopsValues, type Layer, layers, overlayFileName, SCHEMA_FILE, type Workspace } from '../../workspace';
import { mergeMaps, readCached } from '../../values';
import { DUPLICATE_KEY, MISSING_OVERLAY, REDUNDANT_OVERRIDE, type RuleMeta, UNDOCUMENTED_KEY, UNKNOWN_KEY } from '../../rules';
import { locate, type YamlFile } from '../../yaml';
import { isSecretLike, REDACTED, siblingsOf } from '../secrets/secret-like';
import { schemaDeclares, schemaKeys } from './schema-keys';

/**
 * Source hygiene of one app's values files as written (not their effective values): unknown
 * keys, overrides that change nothing, missing overlays, duplicate keys, undocumented base keys.
 */
export function lintApp(ws: Workspace, appName: string): Finding[] {
  const app = getApp(ws, appName);
  const out: Finding[] = [];
  const finding = (rule: RuleMeta, severity: Finding['severity'], file: string, line: number, column: number, message: string, extra: Partial<Finding> = {}): Finding => ({
    rule: rule.id,
    severity,
    message,
    file,
    line,
    column,
    app: app.name,
    hint: rule.fix,
    ...extra,
  });
  const texts = new Map<string, string>();
  // A file is read once: one layered below several overlays (an env's under its clusters') is reported once when broken.
  const files = new Map<string, YamlFile | undefined>();
  const read = (l: Layer): YamlFile | undefined => {
    if (files.has(l.file)) return files.get(l.file);
    let y: YamlFile | undefined;
    try {
      y = readCached(l.absPath, l.file);
      texts.set(y.file, y.text);
    } catch (e) {
      if (!isUserError(e)) throw e;
      const f = findingFromError(e, { app: app.name });
      out.push(/^duplicate key/.test(e.message) ? { ...f, rule: DUPLICATE_KEY.id } : f);
    }
    files.set(l.file, y);
    return y;
  };

  // An app Applications deploy is linted in the envs they deploy it to, against its chart's values.yaml.
  const deployedTo = (env: string) => deploymentsIn(ws, app.name, env).length > 0;
  const lintedEnvs = app.deployed && !isDeclared(ws, app) ? ws.config.environments.filter((e) => deployedTo(e.name)) : ws.config.environments;
  if (lintedEnvs.length === 0) return sortFindings(out);
  const baseLayer = layers(ws, app, lintedEnvs[0].name).find((l) => l.role === 'base');
  const base = baseLayer?.exists ? read(baseLayer) : undefined;
  if (!base) return sortFindings(out);
  out.push(...undocumented(base).map((p) => finding(UNDOCUMENTED_KEY, 'warning', base.file, p.line, p.column, 'has no comment saying what it sets', { path: p.key })));

  const schema = readSchema(join(ws.root, app.dir, SCHEMA_FILE));
  const known = (path: Path) =>
    getAt(base.values, path) !== undefined ||
    schemaDeclares(schema, path) ||
    path.some((_, i) => {
      const parent = getAt(base.values, path.slice(0, i));
      return i > 0 && isMap(parent) && Object.keys(parent).length === 0;
    });

  const linted = new Set<string>();
  for (const env of lintedEnvs) {
    const clusters = deployedTo(env.name) ? clusterTargets(ws, app.dir, env.name, app.name) : [undefined, ...getEnv(ws, env.name).clusters.filter((c) => existsSync(join(ws.root, app.dir, overlayFileName(env.name, c))))];
    for (const cluster of clusters) {
      const all = layers(ws, app, env.name, cluster);
      const top = all[all.length - 1];
      if (!top || top.role === 'base') continue;
      if (!top.exists) {
        if (!cluster) out.push(finding(MISSING_OVERLAY, 'warning', top.file, 0, 0, `env "${env.name}" has no overlay file`, { env: env.name }));
        continue;
      }
      if (linted.has(top.file)) continue;
      linted.add(top.file);
      const overlay = read(top);
      // A SOPS-encrypted layer is opaque: never linted.
      if (!overlay || isSopsValues(overlay.values)) continue;
      const below = all.slice(0, -1).filter((l) => l.exists).map(read).filter((y): y is YamlFile => y !== undefined);
      const lower = below.reduce<ValueMap>((acc, y) => mergeMaps(acc, y.values), {});
      walkOverlay(overlay.values, [], (path, value) => {
        const pos = locate(overlay, path);
        const at = pos?.key ?? pos?.value ?? { line: 1, column: 1 };
        if (!known(path)) {
          const parent = getAt(base.values, path.slice(0, -1));
          const siblings = [...(isMap(parent) ? Object.keys(parent) : []), ...schemaKeys(schema, path.slice(0, -1))];
          const guess = didYouMean(String(path[path.length - 1]), siblings);
          out.push(
            finding(UNKNOWN_KEY, guess ? 'error' : 'warning', overlay.file, at.line, at.column, guess ? `is not a key of ${BASE_VALUES} or ${SCHEMA_FILE}; did you mean "${formatPath([...path.slice(0, -1), guess])}"?` : `is set here but declared in neither ${BASE_VALUES} nor ${SCHEMA_FILE}`, { env: env.name, path: formatPath(path) }),
          );
          return 'stop';
        }
        if (!isMap(value) && JSON.stringify(getAt(lower, path)) === JSON.stringify(value)) {
          const v = pos?.value ?? at;
          out.push(finding(REDUNDANT_OVERRIDE, 'warning', overlay.file, v.line, v.column, `is already ${isSecretLike(path, value, siblingsOf(overlay.values, path)) ? REDACTED : JSON.stringify(value)} without this line`, { env: env.name, path: formatPath(path) }));
        }
        return 'continue';
      });
    }
  }
  // `# gitops:ignore RULE reason` accepts a lint finding as it does a validate finding; validate reports wrong ones.
  out.push(...orphanFindings(ws, app));
  return sortFindings(dropIgnored(out, (file) => texts.get(file)));
}

/** Visit every key path of an overlay, maps before their children; lists are values as a whole, as Helm replaces them. */
function walkOverlay(values: ValueMap, prefix: Path, visit: (path: Path, value: Value) => 'stop' | 'continue'): void {
  for (const [k, v] of Object.entries(values)) {
    const path = [...prefix, k];
    if (visit(path, v) === 'stop') continue;
    if (isMap(v)) walkOverlay(v, path, visit);
  }
}

/** Top-level keys of the base with neither a comment line right above them nor a comment at the end of their line. */
function undocumented(y: YamlFile): { key: string; line: number; column: number }[] {
  const lines = y.text.split('\n');
  const root = y.doc.contents;
  if (!isYamlMap(root)) return [];
  return (root.items as Pair[]).flatMap((pair) => {
    if (!isScalar(pair.key) || !pair.key.range) return [];
    const { line, col } = y.lineCounter.linePos(pair.key.range[0]);
    const above = lines[line - 2]?.trim() ?? '';
    const own = lines[line - 1] ?? '';
    const documented = above.startsWith('#') || /\s#/.test(own.slice(col - 1));
    return documented ? [] : [{ key: String(pair.key.value), line, column: col }];
  });
}

function readSchema(abs: string): ValueMap | undefined {
  if (!existsSync(abs)) return undefined;
  try {
    const parsed = JSON.parse(readBoundedText(abs, abs, { root: null, kind: 'schema' }));
    return isMap(parsed) ? parsed : undefined;
  } catch {
    // validate reports a broken schema at its line; lint just knows fewer keys
    return undefined;
  }
}
