import { type Document, isAlias, isMap, isScalar, isSeq, LineCounter, type Node, parseDocument, type Scalar } from 'yaml';
import { UserError } from '../common';
import { encryptionRules, type EncryptionRules } from './encryption-rules';

/** One value of a SOPS file, in the order SOPS walks the tree (the order its MAC hashes). */
export interface SopsLeaf {
  /** Map keys from the root; list items add none, as in SOPS. */
  path: string[];
  node: Scalar;
  line: number;
  column: number;
  /** Encrypted as the file's rules say (an `_unencrypted` key stays in clear). */
  encrypted: boolean;
}

export interface AgeStanza {
  recipient: string;
  /** The data key, age-encrypted (armored) to `recipient`. */
  enc: string;
}

/** A SOPS YAML file as read: the document (to edit it in place) and what SOPS keeps about it. */
export interface SopsDocument {
  file: string;
  text: string;
  doc: Document;
  leaves: SopsLeaf[];
  rules: EncryptionRules;
  age: AgeStanza[];
  /** Master key types other than age (kms, pgp, ...) by name: the file opens only with those. */
  otherKeyTypes: string[];
  lastmodified: string;
  mac: string;
  version: string;
  /** Where `sops.mac` is, for findings about it. */
  macAt: { line: number; column: number };
}

const OTHER_MASTER_KEYS = ['kms', 'gcp_kms', 'azure_kv', 'hc_vault', 'hckms', 'pgp'];

/** Does this text look like a SOPS YAML file (a `sops` map with a `mac`) without reading it all? */
export function looksLikeSopsYaml(text: string): boolean {
  return /^sops:\s*$/m.test(text) && /^\s+mac:/m.test(text);
}

/** Read a SOPS-encrypted YAML (or JSON) file; a file that is not one is a UserError at its position. */
export function parseSopsDocument(text: string, file: string): SopsDocument {
  const lc = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lc, keepSourceTokens: false, uniqueKeys: true });
  const pos = (n: Node | null | undefined) => {
    const p = lc.linePos(n?.range?.[0] ?? 0);
    return { line: p.line, column: p.col };
  };
  const err = doc.errors[0];
  if (err) {
    const p = err.linePos?.[0];
    throw new UserError(`not valid YAML: ${err.message.split('\n')[0]}`, { file, line: p?.line, column: p?.col, hint: 'Restore the file from Git; edit SOPS files with sops or gitops secret set, not by hand.' });
  }
  const root = doc.contents;
  const sops = isMap(root) ? root.get('sops', true) : undefined;
  if (!isMap(root) || !isMap(sops)) {
    throw new UserError('not a SOPS file: it has no top-level sops section', { file, line: 1, column: 1, hint: 'Encrypt it with sops --encrypt (or gitops secret set), and commit only the encrypted file.' });
  }
  const meta = sops.toJSON() as Record<string, unknown>;
  const need = (k: string): string => {
    const v = meta[k];
    if (typeof v !== 'string' || v === '') {
      const p = pos(sops);
      throw new UserError(`the sops section has no ${k}`, { file, line: p.line, column: p.column, hint: 'The file was cut or hand-edited: restore it from Git, or re-encrypt it with sops.' });
    }
    return v;
  };
  const rules = encryptionRules(meta);
  const leaves: SopsLeaf[] = [];
  const walk = (node: unknown, path: string[]): void => {
    if (isAlias(node)) return walk(node.resolve(doc), path);
    if (isMap(node)) {
      for (const pair of node.items) {
        const key = isScalar(pair.key) ? pair.key.value : pair.key;
        if (path.length === 0 && key === 'sops') continue;
        if (typeof key !== 'string') {
          const p = pos(pair.key as Node);
          throw new UserError(`a key that is not a string (${String(key)}): SOPS supports only string keys`, { file, line: p.line, column: p.column, hint: 'Quote the key.' });
        }
        walk(pair.value, [...path, key]);
      }
    } else if (isSeq(node)) {
      for (const item of node.items) walk(item, path);
    } else if (isScalar(node) && node.value !== null && node.value !== undefined) {
      leaves.push({ path, node, ...pos(node), encrypted: rules.mustEncrypt(path) });
    }
  };
  walk(root, []);
  const age = Array.isArray(meta.age) ? (meta.age as Record<string, unknown>[]).filter((a) => typeof a?.recipient === 'string' && typeof a?.enc === 'string').map((a) => ({ recipient: a.recipient as string, enc: a.enc as string })) : [];
  const groups = Array.isArray(meta.key_groups) ? (meta.key_groups as Record<string, unknown>[]) : [];
  for (const g of groups) if (Array.isArray(g?.age)) for (const a of g.age as Record<string, unknown>[]) if (typeof a?.recipient === 'string' && typeof a?.enc === 'string') age.push({ recipient: a.recipient, enc: a.enc });
  const otherKeyTypes = OTHER_MASTER_KEYS.filter((k) => [meta, ...groups].some((m) => Array.isArray(m?.[k]) && (m[k] as unknown[]).length > 0));
  const macNode = sops.get('mac', true) as Node | undefined;
  return { file, text, doc, leaves, rules, age, otherKeyTypes, lastmodified: need('lastmodified'), mac: need('mac'), version: typeof meta.version === 'string' ? meta.version : '', macAt: pos(macNode ?? sops) };
}

/** Dotted names of a SOPS file's values (SOPS keeps key names in clear): what the missing-key checks compare. */
export function sopsKeyNames(sops: SopsDocument): string[] {
  return [...new Set(sops.leaves.map((l) => l.path.join('.')))];
}
