import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { isMap as isYamlMap, isScalar, LineCounter, type Node, parseAllDocuments } from 'yaml';
import type { EnvConfig } from '../../config';
import { lazyPosition, pathExists, type Position } from '../../common';
import { type AppInfo, type AppResolution, externalSecretManifest, type Workspace } from '../../workspace';
import { isEncryptedValue, looksLikeSopsYaml, parseSopsDocument, type SopsDocument } from '../../sops';

export interface SecretKeyAt extends Position {
  name: string;
}

/** The secret keys an env's backend holds for an app, and where they are declared. */
export interface EnvSecretKeys {
  env: EnvConfig;
  /** Where the keys live (the SOPS file, the overlay that lists externalSecrets.data, the SealedSecret). */
  source: string;
  at: Position;
  keys: SecretKeyAt[];
  /** The env's SOPS file, read (not decrypted). */
  sops?: SopsDocument;
}

/** `secrets/secrets-<env>.yaml.enc` (or the `.yaml` that .sops.yaml also matches) of an app, when it exists. */
export function sopsSecretFile(ws: Workspace, app: AppInfo, env: string): string | undefined {
  return [`${app.dir}/secrets/secrets-${env}.yaml.enc`, `${app.dir}/secrets/secrets-${env}.yaml`].find((f) => pathExists(join(ws.root, f)));
}

export function sealedSecretFile(app: AppInfo, env: string): string {
  return `${app.dir}/secrets/sealed-secrets-${env}.yaml`;
}

/**
 * The path of a secret key inside a SOPS file: under `stringData`/`data` when the file is a
 * Kubernetes Secret (the spec's secrets-<env>.yaml), the whole value path otherwise (helm-secrets).
 */
export function secretKeyPath(sops: SopsDocument, path: string[]): string | undefined {
  if (isSecretManifest(sops)) return (path[0] === 'stringData' || path[0] === 'data') && path.length === 2 ? path[1] : undefined;
  return path.join('.');
}

export function isSecretManifest(sops: SopsDocument): boolean {
  return sops.leaves.some((l) => l.path.length === 2 && (l.path[0] === 'stringData' || l.path[0] === 'data')) && sops.leaves.some((l) => l.path.length === 1 && l.path[0] === 'kind');
}

/** The keys of an env's secret backend, or undefined when the env keeps none for this app. Read errors throw a UserError at their line. */
export function envSecretKeys(ws: Workspace, app: AppInfo, env: EnvConfig, res: AppResolution, cluster?: string): EnvSecretKeys | undefined {
  if (env.secrets === 'sops') {
    const file = sopsSecretFile(ws, app, env.name);
    if (!file) return undefined;
    const text = readFileSync(join(ws.root, file), 'utf8');
    if (!looksLikeSopsYaml(text)) return undefined; // a plaintext file: the unencrypted-secret-file check reports it
    const sops = parseSopsDocument(text, file);
    const keys = sops.leaves.flatMap((l) => {
      const name = secretKeyPath(sops, l.path);
      return name === undefined ? [] : [{ name, file, line: l.line, column: l.column }];
    });
    return { env, source: file, at: { file, line: 1, column: 1 }, keys: unique(keys), sops };
  }
  if (env.secrets === 'external-secrets') {
    const es = externalSecretManifest(ws, app.name, env, res, cluster);
    if (!es) return undefined;
    // the key's position stays lazy: only a finding works out its line
    const keys = es.data.flatMap((d) => (typeof d.secretKey === 'string' ? [Object.assign(lazyPosition(() => d.at), { name: d.secretKey })] : []));
    return { env, source: es.locate('/spec/data').file, at: es.locate('/spec/data'), keys: unique(keys) };
  }
  const file = sealedSecretFile(app, env.name);
  if (!pathExists(join(ws.root, file))) return undefined;
  const sealed = readSealedSecrets(readFileSync(join(ws.root, file), 'utf8'), file);
  return { env, source: file, at: sealed[0]?.at ?? { file, line: 1, column: 1 }, keys: unique(sealed.flatMap((s) => s.encryptedData.map((d) => ({ name: d.key, file, line: d.line, column: d.column })))) };
}

function unique(keys: SecretKeyAt[]): SecretKeyAt[] {
  const seen = new Set<string>();
  return keys.filter((k) => !seen.has(k.name) && seen.add(k.name));
}

/** One SealedSecret document as the scope checks need it. */
export interface SealedSecretDoc {
  at: Position;
  name?: string;
  namespace?: string;
  annotations: Record<string, string>;
  templateName?: string;
  encryptedData: { key: string; value: string; line: number; column: number }[];
}

/** The SealedSecrets of a file (other kinds and broken YAML are the unencrypted-secret-file check's to report). */
export function readSealedSecrets(text: string, file: string): SealedSecretDoc[] {
  const lc = new LineCounter();
  const out: SealedSecretDoc[] = [];
  const pos = (n: unknown) => lc.linePos((n as Node | undefined)?.range?.[0] ?? 0);
  for (const doc of parseAllDocuments(text, { lineCounter: lc })) {
    if (!('contents' in doc) || doc.errors.length > 0) continue;
    const root = doc.contents;
    if (!isYamlMap(root) || (root.toJSON() as { kind?: unknown }).kind !== 'SealedSecret') continue;
    const js = root.toJSON() as { metadata?: Record<string, unknown>; spec?: { template?: { metadata?: Record<string, unknown> } } };
    const str = (v: unknown) => (typeof v === 'string' ? v : undefined);
    const ann = js.metadata?.annotations;
    const enc = (root.getIn(['spec', 'encryptedData'], true) as Node | undefined) ?? undefined;
    const p = pos(root);
    out.push({
      at: { file, line: p.line, column: p.col },
      name: str(js.metadata?.name),
      namespace: str(js.metadata?.namespace),
      annotations: ann && typeof ann === 'object' ? Object.fromEntries(Object.entries(ann).map(([k, v]) => [k, String(v)])) : {},
      templateName: str(js.spec?.template?.metadata?.name),
      encryptedData: isYamlMap(enc)
        ? enc.items.flatMap((pair) => {
            const k = isScalar(pair.key) ? String(pair.key.value) : undefined;
            const v = isScalar(pair.value) ? pair.value.value : undefined;
            const at = pos(pair.key);
            return k === undefined ? [] : [{ key: k, value: typeof v === 'string' ? v : '', line: at.line, column: at.col }];
          })
        : [],
    });
  }
  return out;
}

/** SOPS-encrypted values files among an env's layers (helm-secrets style), read but not decrypted. */
export function encryptedValueLayers(res: AppResolution): SopsDocument[] {
  return res.files.filter((f) => looksLikeSopsYaml(f.text) && hasEncryptedLeaf(f.values) && isYamlMap(f.doc.contents)).map((f) => parseSopsDocument(f.text, f.file));
}

function hasEncryptedLeaf(v: unknown): boolean {
  if (isEncryptedValue(v)) return true;
  if (Array.isArray(v)) return v.some(hasEncryptedLeaf);
  return !!v && typeof v === 'object' && Object.values(v).some(hasEncryptedLeaf);
}
