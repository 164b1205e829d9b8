import { posix } from 'node:path';
import { parse as parseYaml } from 'yaml';
import type { Position } from '../../common';
import type { Finding } from '../../common';
import { matchesGlob } from '../../common';
import { isMap, type Path, type Value, type ValueMap } from '../../common';
import { flattenParams, goPrint } from './template-fast';
import { renderTemplateValue, type TemplateEngine } from './render-template';
import { sanitizeName } from './template-go-functions';

export type Params = Record<string, unknown>;

/** A cluster Argo CD knows, as gitops.yaml declares it. */
export interface KnownCluster {
  name: string;
  server: string;
  labels?: Record<string, string>;
  annotations?: Record<string, string>;
}

export const LOCAL_SERVER = 'https://kubernetes.default.svc';

/** What generators may read: this repository's tree and the clusters Argo CD knows. */
export interface GeneratorContext {
  engine: TemplateEngine;
  clusters: KnownCluster[];
  isThisRepo(repoURL: string): boolean;
  /** Files matching a glob relative to the root (`**` spans folders), sorted. */
  glob(pattern: string): string[];
  /** Every folder of the repository, relative to the root, hidden ones excepted. */
  dirs(): string[];
  read(rel: string): string;
  /** Where a path of the ApplicationSet document is written (its key with `atKey`). */
  at(path: Path, atKey?: boolean): Position;
}

export interface Generated {
  params: Params[];
  findings: Finding[];
  /** True when some of what this generator yields cannot be known here (the Applications list is partial). */
  partial: boolean;
}

const UNSUPPORTED = ['scmProvider', 'pullRequest', 'clusterDecisionResource', 'plugin'];

/** The parameter sets a generator yields, in Argo CD's order. A template error carries the path where its string is written in the ApplicationSet. */
export function generate(gen: ValueMap, path: Path, ctx: GeneratorContext): Generated {
  const findings: Finding[] = [];
  const fail = (p: Path, message: string, hint: string): Generated => {
    findings.push({ rule: 'argocd-generator-unsupported', severity: 'warning', message, ...ctx.at(p, true), hint });
    return { params: [], findings, partial: true };
  };
  const kind = Object.keys(gen).find((k) => k !== 'selector' && k !== 'values');
  if (!kind) return fail(path, 'this generator is empty', 'Name a generator: list, clusters, git, matrix or merge.');
  let out: Generated;
  if (kind === 'list') out = listGenerator(gen.list, [...path, 'list'], ctx);
  else if (kind === 'clusters') out = clustersGenerator(gen.clusters, [...path, 'clusters'], ctx);
  else if (kind === 'git') out = gitGenerator(gen.git, [...path, 'git'], ctx);
  else if (kind === 'matrix') out = matrixGenerator(gen.matrix, [...path, 'matrix'], ctx);
  else if (kind === 'merge') out = mergeGenerator(gen.merge, [...path, 'merge'], ctx);
  else if (UNSUPPORTED.includes(kind))
    return fail([...path, kind], `the ${kind} generator needs a live service, so the Applications it generates are not known here`, 'Their values are not checked. Describe those deployments with a list or git generator, or declare them under layouts in gitops.yaml.');
  else return fail([...path, kind], `unknown generator "${kind}"`, 'Argo CD knows list, clusters, git, matrix, merge, scmProvider, pullRequest, clusterDecisionResource and plugin.');
  if (isMap(gen[kind]) && (gen[kind] as ValueMap).template !== undefined) {
    out.findings.push({ rule: 'argocd-generator-unsupported', severity: 'warning', message: `a template inside the ${kind} generator is not applied here`, ...ctx.at([...path, kind, 'template']), hint: 'Move it into spec.template, or expect this tool to read the spec.template only.' });
    out.partial = true;
  }
  if (gen.selector !== undefined) out = { ...out, params: out.params.filter((p) => selects(gen.selector, ctx.engine.goTemplate ? flattenParams(p) : (p as Record<string, string>))) };
  return { ...out, findings: [...findings, ...out.findings] };
}

function listGenerator(list: Value, path: Path, ctx: GeneratorContext): Generated {
  const findings: Finding[] = [];
  const params: Params[] = [];
  const l = isMap(list) ? list : {};
  const elements = Array.isArray(l.elements) ? l.elements : [];
  elements.forEach((el, i) => {
    if (!isMap(el)) return findings.push({ rule: 'argocd-application-unreadable', severity: 'error', message: 'a list element must be a mapping', ...ctx.at([...path, 'elements', i]), hint: 'Write each element as key: value pairs.' });
    if (ctx.engine.goTemplate) return params.push(el);
    // Without goTemplate, Argo CD takes only string values (and a `values` map of strings).
    const p: Params = {};
    const entries: [Path, Value][] = Object.entries(el).flatMap(([k, v]) => (k === 'values' && isMap(v) ? Object.entries(v).map(([vk, vv]): [Path, Value] => [['values', vk], vv]) : [[[k], v]]));
    for (const [keyPath, v] of entries) {
      if (typeof v !== 'string') {
        const name = keyPath.join('.');
        findings.push({ rule: 'argocd-application-unreadable', severity: 'error', message: `list element key "${name}" is not a string, which Argo CD refuses without goTemplate`, ...ctx.at([...path, 'elements', i, ...keyPath]), hint: 'Quote the value, or set goTemplate: true.' });
        return;
      }
      p[keyPath.join('.')] = v;
    }
    params.push(p);
  });
  if (typeof l.elementsYaml === 'string') {
    try {
      const extra = parseYaml(l.elementsYaml);
      if (Array.isArray(extra)) for (const e of extra) if (isMap(e)) params.push(e);
    } catch (e) {
      findings.push({ rule: 'argocd-application-unreadable', severity: 'error', message: `elementsYaml is not a YAML list: ${(e as Error).message.split('\n')[0]}`, ...ctx.at([...path, 'elementsYaml']), hint: 'Write a YAML list of mappings.' });
    }
  }
  return { params, findings, partial: false };
}

function selects(selector: Value | undefined, labels: Record<string, string>): boolean {
  if (!isMap(selector)) return true;
  const ml = isMap(selector.matchLabels) ? selector.matchLabels : {};
  for (const [k, v] of Object.entries(ml)) if (labels[k] !== String(v)) return false;
  const exprs = Array.isArray(selector.matchExpressions) ? selector.matchExpressions : [];
  for (const e of exprs) {
    if (!isMap(e)) continue;
    const key = String(e.key);
    const values = Array.isArray(e.values) ? e.values.map(String) : [];
    const has = key in labels;
    const op = String(e.operator);
    if (op === 'In' && !(has && values.includes(labels[key]))) return false;
    if (op === 'NotIn' && has && values.includes(labels[key])) return false;
    if (op === 'Exists' && !has) return false;
    if (op === 'DoesNotExist' && has) return false;
  }
  return true;
}

function clustersGenerator(spec: Value, path: Path, ctx: GeneratorContext): Generated {
  const c = isMap(spec) ? spec : {};
  const selector = isMap(c.selector) ? c.selector : undefined;
  const hasSelector = selector !== undefined && (Object.keys(isMap(selector.matchLabels) ? selector.matchLabels : {}).length > 0 || (Array.isArray(selector.matchExpressions) && selector.matchExpressions.length > 0));
  const findings: Finding[] = [];
  const params: Params[] = [];
  for (const cluster of ctx.clusters) {
    const local = cluster.server === LOCAL_SERVER && !cluster.labels;
    // The local cluster has no secret, so a selector never matches it (as in Argo CD).
    if (local && hasSelector) continue;
    if (!local && !selects(selector, cluster.labels ?? {})) continue;
    const p: Params = { name: cluster.name, nameNormalized: local ? cluster.name : sanitizeName(cluster.name), server: cluster.server };
    if (!local) {
      if (ctx.engine.goTemplate) p.metadata = { ...(cluster.labels ? { labels: cluster.labels } : {}), ...(cluster.annotations ? { annotations: cluster.annotations } : {}) };
      else {
        for (const [k, v] of Object.entries(cluster.annotations ?? {})) p[`metadata.annotations.${k}`] = v;
        for (const [k, v] of Object.entries(cluster.labels ?? {})) p[`metadata.labels.${k}`] = v;
      }
    }
    params.push(withValues(p, c.values, [...path, 'values'], ctx));
  }
  if (hasSelector && !ctx.clusters.some((cl) => cl.labels)) {
    findings.push({ rule: 'argocd-generator-unsupported', severity: 'warning', message: 'this clusters generator selects by label, but no cluster in gitops.yaml has labels', ...ctx.at([...path, 'selector']), hint: 'Add the labels of each cluster secret under clusters[].labels in gitops.yaml, so the generated Applications are known.' });
    return { params, findings, partial: true };
  }
  return { params, findings, partial: false };
}

/** A generator's `values` (written at `at`): each templated with the generator's own parameters, added as `values.KEY`. */
function withValues(p: Params, values: Value | undefined, at: Path, ctx: GeneratorContext): Params {
  if (!isMap(values)) return p;
  const rendered: Record<string, string> = {};
  for (const [k, v] of Object.entries(values)) rendered[k] = String(renderTemplateValue(String(v), p, ctx.engine, [...at, k]));
  if (ctx.engine.goTemplate) return { ...p, values: rendered };
  const out = { ...p };
  for (const [k, v] of Object.entries(rendered)) out[`values.${k}`] = v;
  return out;
}

function pathParams(dirPath: string, file: string | undefined, goTemplate: boolean, prefix: string): Params {
  const segments = dirPath.split('/');
  if (goTemplate) {
    const p: Params = { path: dirPath, basename: posix.basename(dirPath), basenameNormalized: sanitizeName(posix.basename(dirPath)), segments };
    if (file !== undefined) Object.assign(p, { filename: posix.basename(file), filenameNormalized: sanitizeName(posix.basename(file)) });
    return prefix ? { [prefix]: { path: p } } : { path: p };
  }
  const name = prefix ? `${prefix}.path` : 'path';
  const p: Params = { [name]: dirPath, [`${name}.basename`]: posix.basename(dirPath), [`${name}.basenameNormalized`]: sanitizeName(posix.basename(dirPath)) };
  if (file !== undefined) Object.assign(p, { [`${name}.filename`]: posix.basename(file), [`${name}.filenameNormalized`]: sanitizeName(posix.basename(file)) });
  // a folder of the repository: no segment is empty
  segments.forEach((s, i) => {
    p[`${name}[${i}]`] = s;
  });
  return p;
}

function gitGenerator(spec: Value, path: Path, ctx: GeneratorContext): Generated {
  const g = isMap(spec) ? spec : {};
  const findings: Finding[] = [];
  const repoURL = typeof g.repoURL === 'string' ? g.repoURL : '';
  if (!ctx.isThisRepo(repoURL)) {
    findings.push({ rule: 'argocd-generator-unsupported', severity: 'warning', message: `this git generator reads another repository (${repoURL || 'no repoURL'}), so the Applications it generates are not known here`, ...ctx.at([...path, 'repoURL']), hint: 'Set argocd.repoURL in gitops.yaml when it is this repository.' });
    return { params: [], findings, partial: true };
  }
  const prefix = typeof g.pathParamPrefix === 'string' ? g.pathParamPrefix : '';
  const params: Params[] = [];
  const goTemplate = ctx.engine.goTemplate;
  if (Array.isArray(g.directories) && g.directories.length > 0) {
    const items = g.directories.filter(isMap).map((d) => ({ pattern: String(d.path ?? '').replace(/\*\*/g, '*'), exclude: d.exclude === true }));
    for (const dir of ctx.dirs()) {
      const hits = items.filter((it) => matchesGlob(dir, it.pattern));
      if (hits.length === 0 || hits.some((h) => h.exclude)) continue;
      params.push(withValues(pathParams(dir, undefined, goTemplate, prefix), g.values, [...path, 'values'], ctx));
    }
  } else if (Array.isArray(g.files) && g.files.length > 0) {
    const files = new Set<string>();
    g.files.forEach((f) => {
      if (isMap(f) && typeof f.path === 'string' && f.exclude !== true) for (const m of ctx.glob(f.path)) files.add(m);
    });
    for (const f of g.files) if (isMap(f) && typeof f.path === 'string' && f.exclude === true) for (const m of ctx.glob(f.path)) files.delete(m);
    for (const file of [...files].sort()) {
      let content: unknown;
      try {
        content = parseYaml(ctx.read(file));
      } catch (e) {
        findings.push({ rule: 'argocd-application-unreadable', severity: 'error', message: `${file}, read by this git files generator, is not valid YAML or JSON: ${(e as Error).message.split('\n')[0]}`, ...ctx.at([...path, 'files']), hint: 'Argo CD fails to generate from it; fix the file.' });
        continue;
      }
      const objects = Array.isArray(content) ? content.filter(isMap) : isMap(content) ? [content] : [{}];
      for (const obj of objects) {
        const base = goTemplate ? { ...obj } : flattenParams(obj);
        params.push(withValues({ ...base, ...pathParams(posix.dirname(file), file, goTemplate, prefix) }, g.values, [...path, 'values'], ctx));
      }
    }
  } else {
    findings.push({ rule: 'argocd-application-unreadable', severity: 'error', message: 'this git generator has neither directories nor files', ...ctx.at(path), hint: 'Add directories: or files: patterns.' });
  }
  return { params, findings, partial: false };
}

function children(spec: Value, path: Path, ctx: GeneratorContext, findings: Finding[]): ValueMap[] | undefined {
  const gens = isMap(spec) && Array.isArray(spec.generators) ? spec.generators : [];
  if (gens.length < 2 || !gens.every(isMap)) {
    findings.push({ rule: 'argocd-application-unreadable', severity: 'error', message: 'this generator needs at least two child generators', ...ctx.at([...path, 'generators']), hint: 'List the child generators under generators:.' });
    return undefined;
  }
  return gens as ValueMap[];
}

function deepMerge(a: Params, b: Params): Params {
  const out: Params = { ...a };
  for (const [k, v] of Object.entries(b)) out[k] = isMap(out[k] as Value) && isMap(v as Value) ? deepMerge(out[k] as Params, v as Params) : v;
  return out;
}

function matrixGenerator(spec: Value, path: Path, ctx: GeneratorContext): Generated {
  const findings: Finding[] = [];
  const gens = children(spec, path, ctx, findings);
  if (!gens) return { params: [], findings, partial: true };
  if (gens.length !== 2) {
    findings.push({ rule: 'argocd-application-unreadable', severity: 'error', message: 'a matrix generator combines exactly two generators', ...ctx.at([...path, 'generators']), hint: 'Nest a matrix to combine more.' });
    return { params: [], findings, partial: true };
  }
  let partial = false;
  const first = generate(gens[0], [...path, 'generators', 0], ctx);
  findings.push(...first.findings);
  partial ||= first.partial;
  const params: Params[] = [];
  for (const p1 of first.params) {
    // The second generator may use the first's parameters (a git path from a list element, say).
    const second = generate(renderTemplateValue(gens[1], p1, ctx.engine, [...path, 'generators', 1]) as ValueMap, [...path, 'generators', 1], ctx);
    if (p1 === first.params[0]) findings.push(...second.findings);
    partial ||= second.partial;
    for (const p2 of second.params) {
      if (ctx.engine.goTemplate) params.push(deepMerge(p1, p2));
      else {
        const clash = Object.keys(p2).find((k) => k in p1 && p1[k] !== p2[k]);
        if (clash) {
          findings.push({ rule: 'argocd-application-unreadable', severity: 'error', message: `the matrix's generators both set "${clash}" with different values, which Argo CD refuses`, ...ctx.at(path), hint: 'Rename the parameter in one of them (pathParamPrefix for git).' });
          return { params: [], findings, partial: true };
        }
        params.push({ ...p1, ...p2 });
      }
    }
  }
  return { params, findings, partial };
}

function mergeGenerator(spec: Value, path: Path, ctx: GeneratorContext): Generated {
  const findings: Finding[] = [];
  const gens = children(spec, path, ctx, findings);
  const keys = isMap(spec) && Array.isArray(spec.mergeKeys) ? spec.mergeKeys.map(String) : [];
  if (!gens) return { params: [], findings, partial: true };
  if (keys.length === 0) {
    findings.push({ rule: 'argocd-application-unreadable', severity: 'error', message: 'a merge generator needs mergeKeys', ...ctx.at(path), hint: 'Name the parameters that match sets across generators.' });
    return { params: [], findings, partial: true };
  }
  const keyValues = (p: Params) => keys.map((k) => (ctx.engine.goTemplate ? k.split('.').reduce<unknown>((cur, s) => (isMap(cur as Value) ? (cur as Params)[s] : undefined), p) : p[k]));
  const keyOf = (p: Params) => JSON.stringify(keyValues(p));
  let partial = false;
  const generated = gens.map((g, i) => generate(g, [...path, 'generators', i], ctx));
  for (const g of generated) {
    findings.push(...g.findings);
    partial ||= g.partial;
  }
  // Argo CD refuses the whole merge when one generator's sets are not unique by the keys.
  const byKey = generated.map((g) => new Map(g.params.map((p) => [keyOf(p), p])));
  const dup = generated.findIndex((g, i) => byKey[i].size < g.params.length);
  if (dup >= 0) {
    const twice = generated[dup].params.find((p, j, all) => all.findIndex((q) => keyOf(q) === keyOf(p)) < j) as Params;
    const shown = keyValues(twice).map((v, j) => `${keys[j]}=${goPrint(v)}`).join(', ');
    findings.push({ rule: 'argocd-application-unreadable', severity: 'error', message: `the parameter sets of generator ${dup + 1} are not unique by mergeKeys: two have ${shown}, which Argo CD refuses`, ...ctx.at([...path, 'generators', dup]), hint: 'Make mergeKeys name parameters that tell each parameter set of every child generator apart.' });
    return { params: [], findings, partial: true };
  }
  const base = generated[0].params.map((p) => ({ ...p }));
  for (const other of byKey.slice(1)) {
    base.forEach((p, i) => {
      const match = other.get(keyOf(p));
      if (match) base[i] = ctx.engine.goTemplate ? deepMerge(p, match) : { ...p, ...match };
    });
  }
  return { params: base, findings, partial };
}
