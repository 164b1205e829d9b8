import { parseDocument } from 'yaml';
import type { EnvConfig } from '../config';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { defaultTemplate, isMap, lazyPosition, type Path, type Position, renderTemplate, templatesDir, yamlScalar } from '../common';
import { plainYamlData } from '../yaml';
import type { AppResolution } from './resolve';
import type { Workspace } from './workspace';

export const EXTERNAL_SECRET_TEMPLATE = 'render/external-secret.yaml.hbs';
/** The first External Secrets Operator release that serves external-secrets.io/v1 (0.17.0 stopped serving v1beta1). */
export const EXTERNAL_SECRETS_V1_SINCE = '0.16.0';

export interface ExternalSecretDataItem {
  secretKey: unknown;
  remoteKey: unknown;
  property: unknown;
  /** Where this item is set in the values; the template's default items are located at externalSecrets.enabled. */
  at: Position;
  /** The values path of the item's remoteRef.key (for findings), when the values list it. */
  path?: string;
}

export interface ExternalSecretManifest {
  /** The rendered manifest. */
  text: string;
  apiVersion: string;
  storeName: unknown;
  storeKind: unknown;
  refreshInterval: unknown;
  /** Did the values set refreshInterval, or is it the default? */
  refreshIntervalSet: boolean;
  data: ExternalSecretDataItem[];
  /** Where a field of the manifest (a JSON pointer such as /spec/data/0/remoteRef/key) came from. */
  locate(pointer: string): Position;
}

/** The operator's apiVersion for an env's cluster: v1, or v1beta1 where gitops.yaml says the cluster runs an operator older than 0.16. */
export function externalSecretsApiVersion(ws: Workspace, env: EnvConfig, cluster?: string): string {
  const version = ws.config.clusters.find((c) => c.name === (cluster ?? env.clusters[0]))?.externalSecretsVersion;
  return version && compareVersions(version, EXTERNAL_SECRETS_V1_SINCE) < 0 ? 'external-secrets.io/v1beta1' : 'external-secrets.io/v1';
}

function compareVersions(a: string, b: string): number {
  const parts = (v: string) => v.replace(/^v/, '').split(/[.-]/).slice(0, 3).map((p) => Number.parseInt(p, 10) || 0);
  const [x, y] = [parts(a), parts(b)];
  for (let i = 0; i < 3; i++) if ((x[i] ?? 0) !== (y[i] ?? 0)) return (x[i] ?? 0) - (y[i] ?? 0);
  return 0;
}

/**
 * The ExternalSecret an app's `externalSecrets` values call for in an env (undefined when they do
 * not enable it), rendered from templates/render/external-secret.yaml.hbs: what `render` writes
 * and what the External Secrets checks read.
 */
export function externalSecretManifest(ws: Workspace, appName: string, env: EnvConfig, res: AppResolution, cluster?: string): ExternalSecretManifest | undefined {
  const es = res.values.externalSecrets;
  if (!isMap(es) || es.enabled !== true) return undefined;
  // where the manifest comes from when no value of its own placed a field: asked only then
  const enabledAt = () => res.originOf(['externalSecrets', 'enabled']) ?? { file: `templates/${EXTERNAL_SECRET_TEMPLATE}`, line: 0, column: 0 };
  const store = isMap(es.secretStoreRef) ? es.secretStoreRef : {};
  const items = Array.isArray(es.data) ? es.data : [];
  const apiVersion = externalSecretsApiVersion(ws, env, cluster);
  const model = {
    apiVersion,
    app: appName,
    env: env.name,
    name: `${appName}-secrets`,
    namespace: env.namespace,
    refreshInterval: typeof es.refreshInterval === 'string' ? es.refreshInterval : '1h',
    storeName: store.name ?? env.secretStore?.name ?? null,
    storeKind: store.kind ?? env.secretStore?.kind ?? 'ClusterSecretStore',
    // every field present (null when unset), so a gap shows as a schema finding, not a template error
    data: items.map((d) => {
      const entry = isMap(d) ? d : {};
      const ref = isMap(entry.remoteRef) ? entry.remoteRef : {};
      return { secretKey: entry.secretKey ?? null, remoteRef: { key: ref.key ?? null, property: ref.property ?? null } };
    }),
  };
  const manifest = rendered(ws, model);
  const spec = manifest.spec;
  const locate = (pointer: string): Position => {
    // The template copies spec.X from externalSecrets.X: the deepest value that exists fed it.
    const path = valuesPathOf(pointer);
    for (let n = path.length; n > 1; n--) {
      const o = res.originOf(path.slice(0, n));
      if (o) return o;
    }
    return enabledAt();
  };
  return {
    // read from the rendering only when asked: the checks need the spec alone
    get text() {
      return manifest.text;
    },
    apiVersion,
    storeName: spec.secretStoreRef?.name,
    storeKind: spec.secretStoreRef?.kind,
    refreshInterval: es.refreshInterval,
    refreshIntervalSet: es.refreshInterval !== undefined && es.refreshInterval !== null && es.refreshInterval !== '',
    data: (spec.data ?? []).map((d, i) => ({
      secretKey: d.secretKey,
      remoteKey: d.remoteRef?.key,
      property: d.remoteRef?.property,
      // worked out when a finding reads it
      at: lazyPosition(() => locate(`/spec/data/${i}/remoteRef/key`)),
      ...(i < items.length ? { path: `externalSecrets.data[${i}].remoteRef.key` } : {}),
    })),
    locate,
  };
}

interface RenderedSpec {
  text: string;
  spec: { data?: { secretKey?: unknown; remoteRef?: { key?: unknown; property?: unknown } }[]; secretStoreRef?: { name?: unknown; kind?: unknown } };
}

interface ManifestModel {
  storeName: unknown;
  storeKind: unknown;
  data: unknown[];
}

const renderedByWorkspace = new WeakMap<Workspace, Map<string, RenderedSpec>>();

/**
 * The manifest's spec, once per workspace and model: validate asks for the same app and env from
 * two checks (keys across envs, the ExternalSecret itself).
 */
function rendered(ws: Workspace, model: ManifestModel): RenderedSpec {
  let byModel = renderedByWorkspace.get(ws);
  if (!byModel) renderedByWorkspace.set(ws, (byModel = new Map()));
  const key = JSON.stringify(model);
  let hit = byModel.get(key);
  if (!hit) {
    hit = shippedSpec(ws, model) ?? renderedSpec(ws, model);
    byModel.set(key, hit);
  }
  return hit;
}

/** The template rendered and read back. */
function renderedSpec(ws: Workspace, model: ManifestModel): RenderedSpec {
  const text = renderTemplate(ws.root, EXTERNAL_SECRET_TEMPLATE, model);
  const spec = ((plainYamlData(text, 'core') ?? parseDocument(text).toJS()) as { spec?: RenderedSpec['spec'] } | null)?.spec ?? {};
  return { text, spec };
}

interface DataModel {
  secretKey: unknown;
  remoteRef: { key: unknown; property: unknown };
}

const usesShipped = new WeakMap<Workspace, boolean>();

/**
 * The spec the shipped template gives, read straight from the model when the workspace keeps no
 * template of its own and every value it writes reads back as itself (null, or a name that YAML
 * reads as that string): rendering and parsing cost more than the checks that read it. The text
 * is rendered only when asked for (render writes it). Undefined otherwise: then it is rendered.
 */
function shippedSpec(ws: Workspace, model: ManifestModel): RenderedSpec | undefined {
  const data = model.data as DataModel[];
  // The template's own default keys, for values that list none, stay in the template.
  if (data.length === 0) return undefined;
  const fields = [model.storeName, model.storeKind, ...data.flatMap((d) => [d.secretKey, d.remoteRef.key, d.remoteRef.property])];
  if (!fields.every(readsBackAsItself)) return undefined;
  let shipped = usesShipped.get(ws);
  if (shipped === undefined) usesShipped.set(ws, (shipped = defaultTemplate(EXTERNAL_SECRET_TEMPLATE) !== undefined && !existsSync(join(templatesDir(ws.root), EXTERNAL_SECRET_TEMPLATE))));
  if (!shipped) return undefined;
  let text: string | undefined;
  return {
    get text() {
      return (text ??= renderTemplate(ws.root, EXTERNAL_SECRET_TEMPLATE, model));
    },
    spec: {
      secretStoreRef: { name: model.storeName, kind: model.storeKind },
      // as the template writes them: property only when set ({{#if}})
      data: data.map((d) => ({ secretKey: d.secretKey, remoteRef: { key: d.remoteRef.key, ...(d.remoteRef.property === null ? {} : { property: d.remoteRef.property }) } })),
    },
  };
}

/** null, or a string `{{x}}` writes plain and YAML 1.2 reads back as the same string (a letter first: no number, no .inf). */
function readsBackAsItself(v: unknown): boolean {
  return v === null || (typeof v === 'string' && /^[A-Za-z][A-Za-z0-9_./-]*$/.test(v) && yamlScalar(v) === v);
}

/** The externalSecrets value behind a field of the rendered ExternalSecret, e.g. /spec/data/0/remoteRef/key. */
function valuesPathOf(pointer: string): Path {
  const parts = pointer.split('/').slice(1).map((p) => (/^\d+$/.test(p) ? Number(p) : p.replace(/~1/g, '/').replace(/~0/g, '~')));
  return parts[0] === 'spec' ? ['externalSecrets', ...parts.slice(1)] : ['externalSecrets', 'enabled'];
}
