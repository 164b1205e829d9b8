import { parseAllDocuments } from 'yaml';
import { isMap } from '../../common';

/** One app deployed to one place, as an Argo CD Application (or one element of an ApplicationSet) says. */
export interface ArgoDeployment {
  /** The manifest file it was read from. */
  file: string;
  kind: 'Application' | 'ApplicationSet';
  name?: string;
  /** Namespace of the Application resource: where Argo CD runs. */
  argoNamespace?: string;
  repoURL?: string;
  targetRevision?: string;
  /** Chart folder in the repository (`spec.source.path`). */
  path?: string;
  valueFiles: string[];
  project?: string;
  namespace?: string;
  server?: string;
  clusterName?: string;
}

type Map = Record<string, unknown>;
const str = (v: unknown): string | undefined => (typeof v === 'string' && v !== '' ? v : undefined);
const map = (v: unknown): Map => (isMap(v) ? (v as Map) : {});

/** The Helm source of an Application spec: `source`, or the `sources` entry with a path (multi-source). */
function helmSource(spec: Map): Map {
  if (isMap(spec.source)) return spec.source as Map;
  const sources = Array.isArray(spec.sources) ? spec.sources.filter(isMap) as Map[] : [];
  return sources.find((s) => str(s.path) !== undefined) ?? sources[0] ?? {};
}

function fromSpec(file: string, kind: ArgoDeployment['kind'], metadata: Map, spec: Map): ArgoDeployment {
  const source = helmSource(spec);
  const helm = map(source.helm);
  const destination = map(spec.destination);
  return {
    file,
    kind,
    name: str(metadata.name),
    argoNamespace: str(metadata.namespace),
    repoURL: str(source.repoURL),
    targetRevision: str(source.targetRevision),
    path: str(source.path)?.replace(/^\.\//, '').replace(/\/$/, ''),
    valueFiles: Array.isArray(helm.valueFiles) ? helm.valueFiles.map(String) : [],
    project: str(spec.project),
    namespace: str(destination.namespace),
    server: str(destination.server),
    clusterName: str(destination.name),
  };
}

/** `{{x}}`, `{{.x}}` and `{{ .x.y }}` of an ApplicationSet template, filled from one list element. */
function fill(value: unknown, element: Map): unknown {
  if (typeof value === 'string') {
    return value.replace(/\{\{\s*\.?([\w.-]+)\s*\}\}/g, (whole, key: string) => {
      const v = key.split('.').reduce<unknown>((o, k) => (isMap(o) ? (o as Map)[k] : undefined), element);
      return v === undefined ? whole : String(v);
    });
  }
  if (Array.isArray(value)) return value.map((v) => fill(v, element));
  if (isMap(value)) return Object.fromEntries(Object.entries(value as Map).map(([k, v]) => [k, fill(v, element)]));
  return value;
}

/** What one ApplicationSet deploys: its template once per element of its list generators. */
function fromApplicationSet(file: string, metadata: Map, spec: Map, unexpanded: string[]): ArgoDeployment[] {
  const template = map(spec.template);
  const generators = Array.isArray(spec.generators) ? (spec.generators.filter(isMap) as Map[]) : [];
  const elements = generators.flatMap((g) => {
    const list = map(g.list).elements;
    if (Array.isArray(list)) return list.filter(isMap) as Map[];
    unexpanded.push(`${file}: ApplicationSet ${str(metadata.name) ?? ''} uses a ${Object.keys(g)[0] ?? 'unknown'} generator, which init cannot expand offline`);
    return [];
  });
  return elements.map((e) => {
    const t = fill(template, e) as Map;
    return fromSpec(file, 'ApplicationSet', { ...map(t.metadata), namespace: str(metadata.namespace) }, map(t.spec));
  });
}

/** The Argo CD deployments a YAML file declares; files that are not YAML or hold no Argo CD kinds give none. */
export function argoDeployments(file: string, text: string, unexpanded: string[] = []): ArgoDeployment[] {
  if (!/argoproj\.io/.test(text)) return [];
  const out: ArgoDeployment[] = [];
  for (const doc of parseAllDocuments(text, { version: '1.1' })) {
    if (!('errors' in doc) || doc.errors.length) continue;
    const y = map(doc.toJS({ maxAliasCount: 100 }));
    if (!String(y.apiVersion ?? '').startsWith('argoproj.io/')) continue;
    if (y.kind === 'Application') out.push(fromSpec(file, 'Application', map(y.metadata), map(y.spec)));
    if (y.kind === 'ApplicationSet') out.push(...fromApplicationSet(file, map(y.metadata), map(y.spec), unexpanded));
  }
  return out;
}
