import { isMap as isYamlMap, isScalar, isSeq, type Document, type YAMLMap, type YAMLSeq } from 'yaml';
import { isMap, UserError, type ValueMap } from '../common';
import type { EnvConfig, SecretStoreRef } from '../config';
import { type AppInfo, clusterTargets, externalSecretManifest, resolveValues, type Workspace } from '../workspace';
import type { SealingScope } from '../sealing';
import { sealedScope } from '../checks';
import { nearestPosition, type YamlFile } from '../yaml';

/** One key of an app's Secret and where External Secrets reads it: `APP/NAMESPACE/<remote>` in the store. */
export interface SecretKeySpec {
  secretKey: string;
  /** The part after APP/NAMESPACE/. */
  remote: string;
  property: string | null;
}

const SECRET_DATA_KEY = /^[-._a-zA-Z0-9]+$/;

/** Kubernetes Secret data keys: letters, digits, '-', '_' and '.'. */
export function assertSecretKey(name: unknown): string {
  const text = typeof name === 'string' ? name : String(name ?? '');
  if (!SECRET_DATA_KEY.test(text) || text.length > 253) {
    throw new UserError(`secret key ${JSON.stringify(text)} is not allowed: a Kubernetes Secret key holds only letters, digits, '-', '_' and '.'`, {
      hint: 'Pass --name with a key such as redis-password.',
    });
  }
  return text;
}

/** `APP/NAMESPACE/remote`: where the spec keeps an app's secrets in the store. */
export function remoteKeyPath(app: string, namespace: string, remote: string): string {
  return `${app}/${namespace}/${remote}`;
}

/** The keys an env's overlay wires through External Secrets (`externalSecrets.data`). */
export function externalSecretKeys(values: ValueMap, app: string, namespace: string): SecretKeySpec[] {
  const es = values.externalSecrets;
  const data = isMap(es) && Array.isArray(es.data) ? es.data : [];
  const prefix = `${app}/${namespace}/`;
  return data.filter(isMap).flatMap((d) => {
    const ref = isMap(d.remoteRef) ? d.remoteRef : {};
    if (typeof d.secretKey !== 'string' || typeof ref.key !== 'string') return [];
    const remote = ref.key.startsWith(prefix) ? ref.key.slice(prefix.length) : (ref.key.split('/').pop() as string);
    return [{ secretKey: d.secretKey, remote, property: typeof ref.property === 'string' ? ref.property : null }];
  });
}

/** The keys of the ExternalSecret an env renders now (the template's defaults when the values list none). */
export function renderedExternalSecretKeys(ws: Workspace, app: AppInfo, env: EnvConfig): SecretKeySpec[] {
  const cluster = clusterTargets(ws, app.dir, env.name)[0];
  const es = externalSecretManifest(ws, app.name, env, resolveValues(ws, app.name, env.name, { cluster }), cluster);
  const prefix = `${app.name}/${env.namespace}/`;
  return (es?.data ?? []).flatMap((d) =>
    typeof d.secretKey === 'string' && typeof d.remoteKey === 'string'
      ? [{ secretKey: d.secretKey, remote: d.remoteKey.startsWith(prefix) ? d.remoteKey.slice(prefix.length) : d.remoteKey, property: typeof d.property === 'string' ? d.property : null }]
      : [],
  );
}

/** The keys a SealedSecret lists under spec.encryptedData. */
export function sealedSecretKeys(values: ValueMap): string[] {
  const spec = values.spec;
  return isMap(spec) && isMap(spec.encryptedData) ? Object.keys(spec.encryptedData) : [];
}

/** Keys from several envs, first occurrence wins, in order seen. */
export function mergeSecretKeys(...lists: SecretKeySpec[][]): SecretKeySpec[] {
  const seen = new Map<string, SecretKeySpec>();
  for (const list of lists) for (const k of list) if (!seen.has(k.secretKey)) seen.set(k.secretKey, k);
  return [...seen.values()];
}

/**
 * The overlay with `key` wired into externalSecrets.data (switching External Secrets on with
 * `store` if the overlay did not yet); unchanged text when the key is already there.
 */
export function addExternalSecretKey(overlay: YamlFile, app: string, namespace: string, store: SecretStoreRef | undefined, key: SecretKeySpec, current: SecretKeySpec[] = []): string {
  const doc = overlay.doc.clone() as Document;
  if (!isYamlMap(doc.contents)) doc.contents = doc.createNode({}) as YAMLMap;
  let es = doc.get('externalSecrets', true);
  if (!isYamlMap(es)) {
    es = doc.createNode({ enabled: true, ...(store ? { secretStoreRef: { name: store.name, kind: store.kind } } : {}), refreshInterval: '1h' }) as YAMLMap;
    doc.set('externalSecrets', es);
  }
  const map = es as YAMLMap;
  let seq = map.get('data', true) as unknown;
  if (!isSeq(seq)) {
    // The first listed key replaces the ExternalSecret's default keys: list those too, or they would be dropped.
    seq = doc.createNode(current.filter((k) => k.secretKey !== key.secretKey).map((k) => ({ secretKey: k.secretKey, remoteRef: { key: remoteKeyPath(app, namespace, k.remote), ...(k.property ? { property: k.property } : {}) } })));
    map.set('data', seq);
  }
  const data = seq as YAMLSeq;
  if (data.items.some((d) => isYamlMap(d) && String(d.get('secretKey')) === key.secretKey)) return overlay.text;
  const remoteRef: Record<string, string> = { key: remoteKeyPath(app, namespace, key.remote) };
  if (key.property) remoteRef.property = key.property;
  data.items.push(doc.createNode({ secretKey: key.secretKey, remoteRef }));
  return doc.toString({ lineWidth: 0 });
}

/** The annotation that widens a SealedSecret's scope; strict has none. */
export const SCOPE_ANNOTATIONS: Record<Exclude<SealingScope, 'strict'>, string> = {
  'namespace-wide': 'sealedsecrets.bitnami.com/namespace-wide',
  'cluster-wide': 'sealedsecrets.bitnami.com/cluster-wide',
};

/** The scope the controller unseals a SealedSecret with, from its annotations (cluster-wide wins). */
export function sealedSecretScope(values: ValueMap): SealingScope {
  const metadata = isMap(values.metadata) ? values.metadata : {};
  const annotations = isMap(metadata.annotations) ? metadata.annotations : {};
  return sealedScope(Object.fromEntries(Object.entries(annotations).map(([k, v]) => [k, String(v)])));
}

/**
 * The SealedSecret with `key` listed under spec.encryptedData: set to `sealed.value` when given
 * (replacing an older ciphertext, and annotating the scope it was sealed with, since the
 * controller unseals every value of the object with one scope), else left as an empty
 * placeholder to seal later. Unchanged text when there is nothing to do.
 */
export function setSealedSecretKey(stub: YamlFile, key: string, sealed?: { value: string; scope: SealingScope }): string {
  const doc = stub.doc.clone() as Document;
  const spec = doc.get('spec', true);
  if (!isYamlMap(spec)) throw new UserError('not a SealedSecret: it has no spec', { ...nearestPosition(stub, ['spec']), hint: 'Restore the stub from templates/secrets/sealed-secret.yaml.hbs.' });
  let node = spec.get('encryptedData', true) as unknown;
  if (!isYamlMap(node)) {
    node = doc.createNode({});
    spec.set('encryptedData', node);
  }
  const map = node as YAMLMap;
  // A block map, even when the stub started out as `{}`.
  map.flow = false;
  const current = map.get(key, true);
  if (isScalar(current) && (sealed === undefined || current.value === sealed.value)) return stub.text;
  if (sealed) setScope(doc, stub, key, sealed.scope);
  map.set(key, sealed?.value ?? '');
  return doc.toString({ lineWidth: 0 });
}

function setScope(doc: Document, stub: YamlFile, key: string, scope: SealingScope): void {
  const was = sealedSecretScope(stub.values);
  if (was === scope) return;
  const spec = isMap(stub.values.spec) ? stub.values.spec : {};
  const others = Object.entries(isMap(spec.encryptedData) ? spec.encryptedData : {}).filter(([k, v]) => k !== key && typeof v === 'string' && v !== '');
  if (others.length > 0) {
    throw new UserError(`the values of this SealedSecret are sealed ${was}, so ${key} cannot be sealed ${scope}`, {
      ...nearestPosition(stub, ['spec', 'encryptedData', others[0][0]], { atKey: true }),
      hint: `Seal with --scope ${was}, or re-seal ${others.map(([k]) => k).join(', ')} with --scope ${scope} too.`,
    });
  }
  const metadata = doc.get('metadata', true);
  if (!isYamlMap(metadata)) throw new UserError('not a SealedSecret: it has no metadata', { ...nearestPosition(stub, ['metadata']), hint: 'Restore the stub from templates/secrets/sealed-secret.yaml.hbs.' });
  let annotations = metadata.get('annotations', true) as unknown;
  if (!isYamlMap(annotations)) {
    annotations = doc.createNode({});
    metadata.set('annotations', annotations);
  }
  const map = annotations as YAMLMap;
  for (const [s, annotation] of Object.entries(SCOPE_ANNOTATIONS)) {
    if (s === scope) map.set(annotation, 'true');
    else map.delete(annotation);
  }
  if (map.items.length === 0) metadata.delete('annotations');
}
