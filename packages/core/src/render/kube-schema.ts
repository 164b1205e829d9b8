import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import Ajv, { type ErrorObject, type ValidateFunction } from 'ajv';
import type { ManifestProblem } from './manifest-schema';

/** The Kubernetes versions whose schemas ship with the tool, oldest first (kube-schemas/README.md): those still in support. */
export const VENDORED_KUBERNETES_VERSIONS = ['1.33', '1.34', '1.35', '1.36'];
/** The version a cluster that declares none is validated against: the newest that ships. */
export const DEFAULT_KUBERNETES_VERSION = VENDORED_KUBERNETES_VERSIONS[VENDORED_KUBERNETES_VERSIONS.length - 1];
/** Where a workspace keeps the schemas of other versions (kubernetes-<version>.json, from tools/kube-schemas/generate.ts). */
export const WORKSPACE_KUBE_SCHEMAS = 'schemas/kubernetes';

interface SchemaFile {
  kubernetesVersion: string;
  /** `apiVersion/kind` -> definition name. */
  kinds: Record<string, string>;
  definitions: Record<string, unknown>;
}

/** The schemas of one Kubernetes version: validates the kinds it knows. */
export interface KubeSchemas {
  version: string;
  /** Where they came from (shown when a cluster's version had to fall back). */
  source: string;
  /** Problems of a manifest of a known kind; undefined when the kind has no schema here. */
  validate(doc: Record<string, unknown>): ManifestProblem[] | undefined;
}

const loaded = new Map<string, KubeSchemas>();

/**
 * The schemas for a cluster's Kubernetes version (MAJOR.MINOR): the workspace's own for
 * that version, else the vendored ones of that minor, else the nearest vendored version (the
 * oldest for an older cluster, the newest for a newer one). `exact` says whether the version asked
 * for is the one validated against.
 */
export function kubeSchemas(root: string, version = DEFAULT_KUBERNETES_VERSION): { schemas: KubeSchemas; exact: boolean } {
  const own = join(root, WORKSPACE_KUBE_SCHEMAS, `kubernetes-${version}.json`);
  if (existsSync(own)) return { schemas: load(own, `${WORKSPACE_KUBE_SCHEMAS}/kubernetes-${version}.json`), exact: true };
  const nearest = VENDORED_KUBERNETES_VERSIONS.includes(version) ? version : older(version, VENDORED_KUBERNETES_VERSIONS[0]) ? VENDORED_KUBERNETES_VERSIONS[0] : DEFAULT_KUBERNETES_VERSION;
  const vendored = join(__dirname, 'kube-schemas', `kubernetes-${nearest}.json`);
  return { schemas: load(vendored, `the schemas of Kubernetes ${nearest} that ship with gitops`), exact: nearest === version };
}

/** Is minor version `a` (1.31) older than `b` (1.33)? */
function older(a: string, b: string): boolean {
  const [am, an] = a.split('.').map(Number);
  const [bm, bn] = b.split('.').map(Number);
  return am < bm || (am === bm && an < bn);
}

function load(abs: string, source: string): KubeSchemas {
  const hit = loaded.get(abs);
  if (hit) return hit;
  const file = JSON.parse(readFileSync(abs, 'utf8')) as SchemaFile;
  const ajv = new Ajv({ allErrors: true, strict: false, allowUnionTypes: true, logger: false });
  ajv.addSchema({ $id: 'kube', definitions: file.definitions });
  const compiled = new Map<string, ValidateFunction>();
  const schemas: KubeSchemas = {
    version: file.kubernetesVersion,
    source,
    validate(doc) {
      const key = `${String(doc.apiVersion)}/${String(doc.kind)}`;
      const def = file.kinds[key];
      if (!def) return undefined;
      let v = compiled.get(def);
      if (!v) compiled.set(def, (v = ajv.getSchema(`kube#/definitions/${def}`) as ValidateFunction));
      return v(doc) ? [] : problems(v.errors ?? []);
    },
  };
  loaded.set(abs, schemas);
  return schemas;
}

/** Ajv's errors as one line per problem: the `null` branch every optional field allows is noise. */
function problems(errors: ErrorObject[]): ManifestProblem[] {
  const out = new Map<string, ManifestProblem>();
  for (const e of errors) {
    if (e.keyword === 'anyOf' || /\/anyOf\/1\/type$/.test(e.schemaPath)) continue;
    const message =
      e.keyword === 'additionalProperties'
        ? `unknown field "${String(e.params.additionalProperty)}"`
        : e.keyword === 'type'
          ? `must be ${String(e.params.type).split(',').filter((t) => t !== 'null').join(' or ')}`
          : e.keyword === 'enum'
            ? `must be one of ${(e.params.allowedValues as unknown[]).join(', ')}`
            : e.message ?? 'is invalid';
    const pointer = e.keyword === 'additionalProperties' ? `${e.instancePath}/${String(e.params.additionalProperty)}` : e.keyword === 'required' ? `${e.instancePath}/${String(e.params.missingProperty)}` : e.instancePath;
    out.set(`${pointer} ${message}`, { pointer, message });
  }
  return [...out.values()];
}
