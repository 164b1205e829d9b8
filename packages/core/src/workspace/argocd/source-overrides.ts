import { mergePatch } from './merge-patch';
import { posix } from 'node:path';
import type { Finding } from '../../common';
import { getAt, isMap, type Path, type Value, type ValueMap } from '../../common';
import { positionIn } from './documents';
import { sourceSpec, type ApplicationSpec, type SourceSpec } from './application-spec';
import { LineCounter, parseDocument } from 'yaml';
import { VALUES_YAML_OPTIONS, type YamlFile } from '../../yaml';
import { locate } from '../../yaml';

/** The source as data (the inverse of sourceSpec), for patching. */
function sourceData(s: SourceSpec): ValueMap {
  const out: ValueMap = { repoURL: s.repoURL };
  if (s.path !== undefined) out.path = s.path;
  if (s.chart) out.chart = s.chart;
  if (s.targetRevision) out.targetRevision = s.targetRevision;
  if (s.ref) out.ref = s.ref;
  if (s.recurse) out.directory = { recurse: true };
  if (s.helm) {
    const h: ValueMap = { valueFiles: s.helm.valueFiles, parameters: s.helm.parameters, fileParameters: s.helm.fileParameters };
    if (s.helm.ignoreMissingValueFiles) h.ignoreMissingValueFiles = true;
    if (s.helm.values !== undefined) h.values = s.helm.values;
    if (s.helm.valuesObject) h.valuesObject = s.helm.valuesObject;
    if (s.helm.releaseName) h.releaseName = s.helm.releaseName;
    out.helm = h;
  }
  return out;
}

/**
 * Apply `.argocd-source.yaml` then `.argocd-source-<app>.yaml` from the source's folder, as Argo
 * CD's repo server does before rendering (the Argo CD CLI and Image Updater's git write-back keep
 * parameter overrides there). Lists such as helm.parameters are replaced whole.
 */
export function withSourceOverrides(app: ApplicationSpec, index: number, dir: string, read: (rel: string) => string | undefined): { source: SourceSpec; findings: Finding[] } {
  const source = app.sources[index];
  const findings: Finding[] = [];
  let data: Value = sourceData(source);
  const applied: { file: string; yaml: YamlFile }[] = [];
  for (const name of ['.argocd-source.yaml', `.argocd-source-${app.name}.yaml`]) {
    const file = posix.join(dir, name);
    const text = read(file);
    if (text === undefined) continue;
    const lineCounter = new LineCounter();
    const doc = parseDocument(text, { ...VALUES_YAML_OPTIONS, lineCounter });
    if (doc.errors.length > 0) {
      const at = lineCounter.linePos(doc.errors[0].pos[0]);
      findings.push({ rule: 'input', severity: 'error', message: `YAML syntax error: ${doc.errors[0].message.split('\n')[0]}`, file, line: at.line, column: at.col, app: app.name, hint: 'Argo CD fails to render this Application until the override file is fixed.' });
      continue;
    }
    const patch = doc.toJS() as Value;
    if (!isMap(patch)) continue;
    data = mergePatch(data, patch);
    applied.push({ file, yaml: { file, text, doc, lineCounter, values: patch } });
  }
  if (applied.length === 0) return { source, findings };
  const overriddenAt = (path: Path) => {
    for (let i = applied.length - 1; i >= 0; i--) {
      // The file sets the path itself, or replaces a list or scalar above it.
      for (let n = path.length; n > 0; n--) {
        const hit = locate(applied[i].yaml, path.slice(0, n));
        if (!hit) continue;
        if (n === path.length) return hit.value;
        if (!isMap(getAt(applied[i].yaml.values, path.slice(0, n)) as Value)) return positionIn(applied[i].yaml, path.slice(0, n));
        break;
      }
    }
    return undefined;
  };
  // A part an override file breaks is reported there.
  const bad = (p: Path, message: string, hint: string) => findings.push({ rule: 'argocd-application-unreadable', severity: 'error', message, ...(overriddenAt(p.slice(source.at.length)) ?? app.at(p)), app: app.name, hint });
  const patched = sourceSpec(data, source.at, bad) ?? source;
  return { source: { ...patched, overriddenAt, overrides: applied.map((a) => a.file) }, findings };
}

