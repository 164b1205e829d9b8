import { isMap as isYamlMap, isPair, isScalar, isSeq, visit, type Document, type Scalar, type YAMLMap } from 'yaml';
import type { YamlFile } from '../yaml';
import { mentionsEnv, rewriteHost, rewriteName, type EnvNames } from './env-tokens';

/** Keys whose values are secrets: never copied into a new env. */
const SECRET_KEY = /(password|passwd|secret|token|api[-_]?key|private[-_]?key|credentials?)$/i;
/** A URL or connection string carrying a password. */
const URL_WITH_PASSWORD = /^[a-z][a-z0-9+.-]*:\/\/[^/\s:@]+:[^/\s@]+@/i;
const URL = /^([a-z][a-z0-9+.-]*:\/\/)([^/:?#\s]+)(.*)$/i;
const HOST_NAME = /^[a-z0-9*]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)+$/i;

export interface SeedResult {
  text: string;
  /** Values rewritten for the new env, as "old -> new". */
  rewritten: string[];
  /** How many secret values were left out. */
  droppedSecrets: number;
}

/**
 * A new env's overlay seeded from another env's: host names, TLS secret names and secret-store
 * names rewritten for the new env; secret values and the env's secret wiring (externalSecrets,
 * which the new env's backend writes afresh) left out; other values that name the old env kept
 * but marked with a comment so someone checks them. Comments and order otherwise stay.
 */
export function seedOverlay(source: YamlFile, from: EnvNames, to: EnvNames): SeedResult {
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
    Pair(_, pair) {
      const key = isScalar(pair.key) ? String(pair.key.value) : '';
      const value = pair.value;
      if (isScalar(value) && typeof value.value === 'string' && value.value !== '' && (SECRET_KEY.test(key) || URL_WITH_PASSWORD.test(value.value))) {
        droppedSecrets++;
        return visit.REMOVE;
      }
      return undefined;
    },
    Scalar(_, node, path) {
      if (typeof node.value !== 'string') return;
      const parent = path[path.length - 1];
      const owner = isPair(parent) ? parent : isSeq(parent) && isPair(path[path.length - 2]) ? path[path.length - 2] : undefined;
      if (isPair(parent) && parent.key === node) return;
      const key = isPair(owner) && isScalar(owner.key) ? String(owner.key.value) : '';
      const text = node.value;
      const url = URL.exec(text);
      if (/host/i.test(key) && HOST_NAME.test(text)) rewrite(node, rewriteHost(text, from, to.name));
      else if (url && HOST_NAME.test(url[2])) rewrite(node, `${url[1]}${rewriteHost(url[2], from, to.name)}${url[3]}`);
      else if (key === 'secretName' || (key === 'name' && isSecretStoreRef(path))) rewrite(node, rewriteName(text, from, to.name));
      else if (mentionsEnv(text, from)) node.comment = ` seeded from ${from.name}: check this value for ${to.name}`;
    },
  });
  pruneEmptyMaps(doc);
  return { text: doc.toString({ lineWidth: 0 }), rewritten, droppedSecrets };
}

function isSecretStoreRef(path: readonly unknown[]): boolean {
  const pair = path[path.length - 2];
  return isPair(pair) && isScalar(pair.key) && /secretStoreRef|storeRef/.test(String(pair.key.value));
}

/** Maps emptied by removing secrets (redis.auth after its password) are removed too. */
function pruneEmptyMaps(doc: Document): void {
  let removed = true;
  while (removed) {
    removed = false;
    visit(doc, {
      Pair(_, pair) {
        if (isYamlMap(pair.value) && (pair.value as YAMLMap).items.length === 0 && !(pair.value as YAMLMap).flow) {
          removed = true;
          return visit.REMOVE;
        }
        return undefined;
      },
    });
  }
}
