// Writes the Kubernetes schemas render validates manifests against, trimmed to the kinds charts
// deploy, from a Kubernetes OpenAPI v2 document (`kubectl get --raw /openapi/v2`, or the
// swagger.json of a Kubernetes release):
//   node -r @swc-node/register tools/kube-schemas/generate.ts swagger.json 1.36 > kubernetes-1.36.json
// The output is strict as kubeconform's -strict schemas are: an unknown field is an error.
import { readFileSync } from 'node:fs';

/** The kinds render validates; anything else a chart renders is reported as not validated. */
export const KINDS = [
  'io.k8s.api.apps.v1.Deployment',
  'io.k8s.api.apps.v1.StatefulSet',
  'io.k8s.api.apps.v1.DaemonSet',
  'io.k8s.api.batch.v1.Job',
  'io.k8s.api.batch.v1.CronJob',
  'io.k8s.api.core.v1.Pod',
  'io.k8s.api.core.v1.Service',
  'io.k8s.api.core.v1.ServiceAccount',
  'io.k8s.api.core.v1.ConfigMap',
  'io.k8s.api.core.v1.Secret',
  'io.k8s.api.core.v1.PersistentVolumeClaim',
  'io.k8s.api.core.v1.Namespace',
  'io.k8s.api.networking.v1.Ingress',
  'io.k8s.api.networking.v1.NetworkPolicy',
  'io.k8s.api.autoscaling.v2.HorizontalPodAutoscaler',
  'io.k8s.api.policy.v1.PodDisruptionBudget',
  'io.k8s.api.rbac.v1.Role',
  'io.k8s.api.rbac.v1.RoleBinding',
  'io.k8s.api.rbac.v1.ClusterRole',
  'io.k8s.api.rbac.v1.ClusterRoleBinding',
];

type Schema = Record<string, unknown>;
const REF = '#/definitions/';

/** One definition as JSON Schema: no prose, null allowed where a field is optional (as the API server accepts), unknown fields refused. */
function trim(def: Schema): Schema {
  if (def.format === 'int-or-string') return { type: ['string', 'integer', 'null'] };
  const out: Schema = {};
  for (const [k, v] of Object.entries(def)) {
    if (k === 'description' || k.startsWith('x-kubernetes-') || k === 'format') continue;
    if (k === 'properties') out.properties = Object.fromEntries(Object.entries(v as Record<string, Schema>).map(([p, s]) => [p, trim(s)]));
    else if (k === 'items' || k === 'additionalProperties') out[k] = typeof v === 'object' && v !== null ? trim(v as Schema) : v;
    else if (k === 'type') out.type = [v, 'null'];
    else out[k] = v;
  }
  // a $ref with siblings: keep only the ref, and let null through as the API server does
  if (typeof out.$ref === 'string') return { anyOf: [{ $ref: out.$ref }, { type: 'null' }] };
  if (out.properties && out.additionalProperties === undefined) out.additionalProperties = false;
  return out;
}

export function generate(swagger: { definitions: Record<string, Schema> }, version: string): Schema {
  const defs = swagger.definitions;
  const keep = new Map<string, Schema>();
  const visit = (name: string) => {
    if (keep.has(name)) return;
    const def = defs[name];
    if (!def) throw new Error(`${name} is not in the OpenAPI document`);
    // a Quantity is written as a string or a number (`cpu: 1`), as the API server accepts
    const t = name.endsWith('.api.resource.Quantity') ? { type: ['string', 'number', 'null'] } : trim(def);
    keep.set(name, t);
    JSON.stringify(def, (k, v) => {
      if (k === '$ref' && typeof v === 'string' && v.startsWith(REF)) visit(v.slice(REF.length));
      return v;
    });
  };
  const kinds: Record<string, string> = {};
  for (const name of KINDS) {
    visit(name);
    const gvk = (defs[name]['x-kubernetes-group-version-kind'] as { group: string; version: string; kind: string }[])[0];
    const apiVersion = gvk.group ? `${gvk.group}/${gvk.version}` : gvk.version;
    kinds[`${apiVersion}/${gvk.kind}`] = name;
    // apiVersion and kind are required and fixed per kind, as in kubeconform's schemas
    const t = keep.get(name) as { properties: Record<string, Schema>; required?: string[] };
    t.properties.apiVersion = { enum: [apiVersion] };
    t.properties.kind = { enum: [gvk.kind] };
    t.required = [...new Set([...(t.required ?? []), 'apiVersion', 'kind'])];
  }
  const sorted = Object.fromEntries([...keep.entries()].sort(([a], [b]) => a.localeCompare(b)));
  return { kubernetesVersion: version, kinds, definitions: sorted };
}

if (require.main === module) {
  const [file, version] = process.argv.slice(2);
  if (!file || !/^\d+\.\d+$/.test(version ?? '')) {
    process.stderr.write('usage: generate.ts SWAGGER.json MAJOR.MINOR > kubernetes-MAJOR.MINOR.json\n');
    process.exit(2);
  }
  process.stdout.write(`${JSON.stringify(generate(JSON.parse(readFileSync(file, 'utf8')), version))}\n`);
}
