import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { readCached } from '../../values';
import { applicationDocument, applicationPath } from '../../workspace';
import type { Check } from '../check';
import { type Finding, formatPath, isMap, isUserError, lazyPosition, leaves, type Path, type Position, type Value, type ValueMap } from '../../common';
import { siblingsOf } from './secret-like';
import { secretLeafFinding } from './secret-scan';
import { parseSet, SetParseError } from '../../values';
import { locate, nearestPosition, parseValuesYaml, type YamlFile } from '../../yaml';

/**
 * Plaintext secrets that reach Helm through the env's Argo CD Application rather than the app's
 * values files: `helm.values` (a YAML string), `helm.valuesObject` and `helm.parameters`. The value
 * files it names are layers of the env, scanned as such. Same rules as the values files; never the value.
 */
export const applicationSecretsCheck: Check = ({ ws, app, env, cluster }) => {
  const file = applicationPath(ws, app.name, env.name, cluster);
  // The Argo CD model has read it already (the usual case); its syntax tree is rebuilt only for a finding.
  const read = applicationDocument(ws, file);
  let data: ValueMap;
  let yaml: () => YamlFile;
  if (read) {
    data = read.data;
    yaml = () => read.yaml;
  } else {
    const abs = join(ws.root, file);
    if (!existsSync(abs)) return [];
    let y: YamlFile;
    try {
      y = readCached(abs, file);
    } catch (e) {
      if (isUserError(e)) return []; // the consistency check reports a broken Application
      throw e;
    }
    data = y.values;
    yaml = () => y;
  }
  const out: Finding[] = [];
  const scan = (path: Path, value: unknown, at: Position, where: string, siblings?: unknown) => {
    const f = secretLeafFinding(ws.config, env.tier, path, value, siblings);
    if (f) out.push({ ...f, message: `${f.message} in the Application's ${where}`, app: app.name, env: env.name, path: formatPath(path), file: at.file, line: at.line, column: at.column });
  };
  const spec = isMap(data.spec) ? data.spec : {};
  const sources: { helm: Path; source: Value }[] = isMap(spec.source) ? [{ helm: ['spec', 'source', 'helm'], source: spec.source }] : [];
  if (Array.isArray(spec.sources)) spec.sources.forEach((s, i) => sources.push({ helm: ['spec', 'sources', i, 'helm'], source: s }));
  for (const { helm, source } of sources) {
    const h = isMap(source) && isMap(source.helm) ? source.helm : undefined;
    if (!h) continue;
    const at = (p: Path): Position => lazyPosition(() => locate(yaml(), p)?.value ?? { file, line: 1, column: 1 });
    if (Array.isArray(h.parameters)) {
      h.parameters.forEach((p, i) => {
        if (!isMap(p) || typeof p.name !== 'string') return;
        for (const path of parameterPaths(p.name)) scan(path, p.value == null ? '' : String(p.value), at([...helm, 'parameters', i, 'value']), `helm.parameters (${p.name})`);
      });
    }
    if (isMap(h.valuesObject)) {
      for (const [path, value] of leaves(h.valuesObject)) scan(path, value, at([...helm, 'valuesObject', ...path]), 'helm.valuesObject', siblingsOf(h.valuesObject as Value, path));
    }
    if (typeof h.values === 'string') scanValuesString(yaml, file, [...helm, 'values'], h.values, scan);
  }
  return out;
};

/** The value path(s) a parameter name sets, in Helm --set syntax (a.b[0].c, a\.b). */
function parameterPaths(name: string): Path[] {
  try {
    return [...leaves(parseSet(`${name}=x`, 'set-string'))].map(([p]) => p);
  } catch (e) {
    if (e instanceof SetParseError) return []; // the consistency check reports a parameter Helm cannot apply
    throw e;
  }
}

/** `helm.values: |` holds YAML inside a string: findings point at the line inside the block. */
function scanValuesString(yaml: () => YamlFile, file: string, path: Path, text: string, scan: (path: Path, value: unknown, at: Position, where: string, siblings?: unknown) => void): void {
  let inner: YamlFile;
  try {
    inner = parseValuesYaml(text, file);
  } catch {
    return; // not YAML: Argo CD would refuse it, the consistency check's business
  }
  // A block scalar's content starts on the line after `values: |`, indented past the key.
  let block: { line: number; indent: number } | undefined | null = null;
  const blockAt = () => {
    if (block === null) {
      const y = yaml();
      const node = locate(y, path)?.value;
      block = node ? { line: node.line, indent: (y.text.split('\n')[node.line] ?? '').match(/^ */)?.[0].length ?? 0 } : undefined;
    }
    return block;
  };
  for (const [p, value] of leaves(inner.values)) {
    const at = lazyPosition(() => {
      const b = blockAt();
      const inside = nearestPosition(inner, p);
      return b ? { file, line: b.line + inside.line, column: b.indent + inside.column } : { file, line: 1, column: 1 };
    });
    scan(p, value, at, 'helm.values', siblingsOf(inner.values, p));
  }
}
