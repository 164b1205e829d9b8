import { isMap as isYamlMap, isPair, isScalar, isSeq, Scalar, visit, type Document } from 'yaml';
import { isSecretLike } from '../checks';
import type { Path } from '../common';
import type { EnvConfig } from '../config';
import type { YamlFile } from '../yaml';
import { mentionsEnv, rewriteHost, rewriteName, type EnvNames } from './env-tokens';

const URL = /^([a-z][a-z0-9+.-]*:\/\/)([^/:?#\s]+)(.*)$/i;
const HOST_NAME = /^[a-z0-9*]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)+$/i;

export interface SeedResult {
  text: string;
  /** Values rewritten for the new env, as "old -> new". */
  rewritten: string[];
  /** How many secret values were left out (their keys kept, empty, pointing at the secret backend). */
  droppedSecrets: number;
}

/**
 * A new env's overlay seeded from another env's: host names, TLS secret names and secret-store
 * names rewritten for the new env; the env's secret wiring (externalSecrets, which the new env's
 * backend writes afresh) left out; every secret-like value (by the secret-scan rules: its key,
 * its content, an env item's name) emptied, its key kept with a comment that says where the
 * new env keeps it; other values that name the old env kept but marked with a comment so
 * someone checks them. Comments and order otherwise stay.
 */
export function seedOverlay(source: YamlFile, from: EnvNames, to: EnvNames & Partial<Pick<EnvConfig, 'secrets' | 'secretStore'>>): SeedResult {
  const doc = source.doc.clone() as Document;
  const rewritten: string[] = [];
  let droppedSecrets = 0;
  const rewrite = (node: Scalar, next: string) => {
    rewritten.push(`${String(node.value)} -> ${next}`);
    node.value = next;
  };
  const root = doc.contents;
  // The old env's own header comment describes the old env.
  doc.commentBefore = null;
  if (root) root.commentBefore = null;
  if (isYamlMap(root)) {
    const first = root.items[0];
    if (first && isScalar(first.key)) first.key.commentBefore = null;
    root.delete('externalSecrets');
  }

  visit(doc, {
    Scalar(_, node, path) {
      const parent = path[path.length - 1];
      if (isPair(parent) && parent.key === node) return;
      const at = valuePath(path, node);
      const siblings = isPair(parent) && isYamlMap(path[path.length - 2]) ? { name: (path[path.length - 2] as { get(k: string): unknown }).get('name') } : undefined;
      if (node.value !== '' && isSecretLike(at, node.value, siblings)) {
        droppedSecrets++;
        node.value = '';
        node.type = Scalar.QUOTE_DOUBLE;
        node.comment = ` secret: not copied from ${from.name}; keep it in ${secretHome(to)} and reference it`;
        return;
      }
      if (typeof node.value !== 'string') return;
      const owner = isPair(parent) ? parent : isSeq(parent) && isPair(path[path.length - 2]) ? path[path.length - 2] : undefined;
      const key = isPair(owner) && isScalar(owner.key) ? String(owner.key.value) : '';
      const text = node.value;
      const url = URL.exec(text);
      if (/host/i.test(key) && HOST_NAME.test(text)) rewrite(node, rewriteHost(text, from, to.name));
      else if (url && HOST_NAME.test(url[2])) rewrite(node, `${url[1]}${rewriteHost(url[2], from, to.name)}${url[3]}`);
      else if (key === 'secretName' || (key === 'name' && isSecretStoreRef(path))) rewrite(node, rewriteName(text, from, to.name));
      else if (mentionsEnv(text, from)) node.comment = ` seeded from ${from.name}: check this value for ${to.name}`;
    },
  });
  // An empty overlay stays empty: YAML would print its null as `null`.
  return { text: root ? doc.toString({ lineWidth: 0 }) : '', rewritten, droppedSecrets };
}

/** Is the scalar the `name` of a `storeRef:`/`secretStoreRef:` map? Its ancestors end: that key's pair, its map, the name's pair. */
function isSecretStoreRef(path: readonly unknown[]): boolean {
  const pair = path[path.length - 3];
  return isPair(pair) && isScalar(pair.key) && /secretStoreRef|storeRef/.test(String(pair.key.value));
}

/** Where the new env keeps its secrets, in words. */
function secretHome(env: EnvNames & Partial<Pick<EnvConfig, 'secrets' | 'secretStore'>>): string {
  if (env.secrets === 'external-secrets') return `the External Secrets store ${env.secretStore?.name ?? `vault-${env.name}`}`;
  if (env.secrets === 'sops') return `secrets/secrets-${env.name}.yaml.enc (SOPS)`;
  if (env.secrets === 'sealed-secrets') return 'a SealedSecret (nx g secret --seal)';
  return `${env.name}'s secret backend`;
}

/** The value path of a scalar from the visitor's ancestors: map keys, list indexes. */
function valuePath(ancestors: readonly unknown[], node: unknown): Path {
  const out: Path = [];
  const chain = [...ancestors, node];
  chain.forEach((n, i) => {
    if (isPair(n) && isScalar(n.key)) out.push(String(n.key.value));
    else if (isSeq(n)) out.push(n.items.indexOf(chain[i + 1] as never));
  });
  return out;
}
