import { parseDocument } from 'yaml';
import { type Finding, isMap, leaves, type Path, type Position, type Value, type ValueMap } from '../common';
import { imageTag } from '../checks';
import { MANIFEST_SCHEMA } from '../rules';
import type { KubeSchemas } from './kube-schema';
import { crdProblems } from './manifest-schema';
import { VALUES_YAML_OPTIONS } from '../yaml';

/** One document of `helm template`'s output, with the template that made it. */
export interface RenderedDoc {
  /** The `# Source:` helm writes, e.g. alpha-members/templates/deployment.yaml. */
  source?: string;
  /** 1-based line of the document's first line in the output. */
  line: number;
  data: ValueMap;
}

/** Split helm's output into its documents; empty ones (a template that rendered nothing) drop out. */
export function splitManifests(text: string): RenderedDoc[] {
  const out: RenderedDoc[] = [];
  const lines = text.split('\n');
  let start = 0;
  const flush = (end: number) => {
    const chunk = lines.slice(start, end).join('\n');
    const source = /^# Source: (.+)$/m.exec(chunk)?.[1].trim();
    // Argo CD and kubectl read helm's output with the reader Helm reads values with (sigs.k8s.io/yaml)
    const doc = parseDocument(chunk, VALUES_YAML_OPTIONS);
    const data = doc.errors.length === 0 ? doc.toJS() : undefined;
    if (isMap(data)) out.push({ ...(source ? { source } : {}), line: start + 1, data });
  };
  lines.forEach((l, i) => {
    if (/^---(\s|$)/.test(l)) {
      flush(i);
      start = i + 1;
    }
  });
  flush(lines.length);
  return out;
}

/** Where the effective values that fed a manifest field were set, where they tell; else undefined. */
export type ValuesOrigin = (path: Path) => Position | undefined;

export interface ManifestCheck {
  findings: Finding[];
  /** apiVersion/kind of documents no schema covers: said once, never silently passed. */
  notValidated: string[];
}

/**
 * Validate each chart manifest against the CRD schemas (Argo CD, External Secrets, Sealed
 * Secrets) or the cluster's Kubernetes schemas. A problem names the manifest and its template,
 * and is reported at the values line that fed the field when the values tell it (one value
 * equal to the rendered one, or a key the schema refuses), else at the template.
 */
export function checkManifests(docs: RenderedDoc[], schemas: KubeSchemas, ctx: { app: string; env: string; appDir: string; output: string; values: ValueMap; originOf: ValuesOrigin }): ManifestCheck {
  const out: ManifestCheck = { findings: [], notValidated: [] };
  for (const doc of docs) {
    const problems = crdProblems(doc.data) ?? schemas.validate(doc.data);
    const kind = `${String(doc.data.apiVersion)}/${String(doc.data.kind)}`;
    if (!problems) {
      if (!out.notValidated.includes(kind)) out.notValidated.push(kind);
      continue;
    }
    const name = isMap(doc.data.metadata) ? String(doc.data.metadata.name) : '?';
    const template = doc.source ? `${ctx.appDir}/${doc.source.split('/').slice(1).join('/')}` : `${ctx.appDir}/Chart.yaml`;
    for (const p of problems) {
      const at = valueBehind(doc.data, p.pointer, p.message.startsWith('unknown field'), ctx.values, ctx.originOf) ?? { file: template, line: 0, column: 0 };
      const via = at.file === template ? `${ctx.output}:${doc.line}` : `template ${doc.source ?? '?'}, ${ctx.output}:${doc.line}`;
      out.findings.push({
        rule: MANIFEST_SCHEMA.id,
        severity: 'error',
        message: `${String(doc.data.kind)} ${name} ${p.pointer || '/'}: ${p.message} (Kubernetes ${schemas.version}; ${via})`,
        file: at.file,
        line: at.line,
        column: at.column,
        app: ctx.app,
        env: ctx.env,
        hint: MANIFEST_SCHEMA.fix,
      });
    }
  }
  return out;
}

/** The single values leaf behind a manifest field: the key the schema refuses, or a value equal to the rendered one. */
export function valueBehind(manifest: ValueMap, pointer: string, unknownField: boolean, values: ValueMap, originOf: ValuesOrigin): Position | undefined {
  const path = pointer.split('/').slice(1).map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'));
  const field = path[path.length - 1];
  let rendered: Value | undefined = manifest;
  for (const s of path) rendered = Array.isArray(rendered) ? rendered[Number(s)] : isMap(rendered) ? rendered[s] : undefined;
  const candidates: Path[] = [];
  for (const [p, v] of leaves(values)) {
    const key = p.filter((s) => typeof s === 'string').pop();
    if (unknownField) {
      // an unknown field: the values path that holds that key
      const i = p.lastIndexOf(field);
      if (i >= 0 && !candidates.some((c) => c.length === i + 1 && c.every((s, k) => s === p[k]))) candidates.push(p.slice(0, i + 1));
    } else if (isScalar(rendered) && v === rendered && (key === field || typeof rendered !== 'boolean')) {
      candidates.push(p);
    }
  }
  // an image the template composes (`{{ .Values.image.repository }}:{{ .Values.image.tag }}`): the tag behind it
  const tag = candidates.length === 0 && !unknownField && field === 'image' && typeof rendered === 'string' ? imageTag(rendered).tag : undefined;
  if (tag) for (const [p, v] of leaves(values)) if (p[p.length - 1] === 'tag' && String(v) === tag) candidates.push(p);
  return candidates.length === 1 ? originOf(candidates[0]) : undefined;
}

const isScalar = (v: Value | undefined): boolean => v !== null && v !== undefined && typeof v !== 'object' && v !== '';
