import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { isMap as isYamlMap, isScalar, isSeq, LineCounter, parseAllDocuments, type Node } from 'yaml';
import { type Finding, findingFromError, isUserError, pathExists, readBoundedText } from '../../common';
import { UNENCRYPTED_SECRET_FILE } from '../../rules';
import { encryptionRules } from '../../sops';
import type { AppInfo, Workspace } from '../../workspace';
import { secretTokenKind } from './secret-like';

const NOT_SECRETS = /(^\.sops\.ya?ml$|\.md$|^\.gitkeep$|^\.gitignore$)/i;

/** Every file under the app's secrets/ folder that is not encrypted. */
export function scanSecretFiles(ws: Workspace, app: AppInfo): Finding[] {
  return files(ws.root, `${app.dir}/secrets`).flatMap((file) => {
    let text: string;
    try {
      text = readBoundedText(join(ws.root, file), file, { root: ws.root, kind: 'secret file' });
    } catch (e) {
      if (!isUserError(e)) throw e;
      return [findingFromError(e, { app: app.name })];
    }
    return checkFile(file, text, app.name);
  });
}

function files(root: string, dir: string): string[] {
  if (!pathExists(join(root, dir))) return [];
  return readdirSync(join(root, dir), { withFileTypes: true })
    .sort((a, b) => a.name.localeCompare(b.name))
    .flatMap((e) => (e.isDirectory() ? files(root, `${dir}/${e.name}`) : NOT_SECRETS.test(e.name) ? [] : [`${dir}/${e.name}`]));
}

/** The problems of one file under secrets/ of `app`. */
export function checkFile(file: string, text: string, app: string): Finding[] {
  const finding = (line: number, column: number, message: string): Finding => ({
    rule: UNENCRYPTED_SECRET_FILE.id,
    severity: 'error',
    message,
    file,
    line,
    column,
    app,
    hint: UNENCRYPTED_SECRET_FILE.fix,
  });
  // SOPS dotenv files keep their metadata as sops_* keys, ini files in a [sops] section (whose
  // version and dates are in clear); ini writes `key = ENC[…]`.
  if (/^sops_mac=/m.test(text) || /^\s*mac\s*=\s*ENC\[/m.test(text)) {
    let section = '';
    const clear = text.split('\n').findIndex((l) => {
      const header = /^\s*\[([^\]]*)\]/.exec(l);
      if (header) section = header[1].trim();
      return !header && section !== 'sops' && /^[^#;\s][^=]*=/.test(l) && !/^sops_/.test(l) && !/=\s*ENC\[/.test(l);
    });
    return clear < 0 ? [] : [finding(clear + 1, 1, 'a SOPS file with a value in clear text')];
  }
  // A key, a dotenv file, a note: plain text is the most common way a secret gets committed.
  const plain = () => {
    const kind = secretTokenKind(text);
    return [finding(1, 1, kind ? `holds ${kind} in plain text: neither a SOPS file nor a SealedSecret` : 'plain text: neither a SOPS file nor a SealedSecret')];
  };
  const lc = new LineCounter();
  const docs = parseAllDocuments(text, { lineCounter: lc });
  const pos = (n: Node | null | undefined) => lc.linePos(n?.range?.[0] ?? 0);
  if (!Array.isArray(docs) || docs.length === 0 || docs.some((d) => d.errors.length > 0)) return plain();
  const out: Finding[] = [];
  for (const doc of docs) {
    const root = doc.contents;
    // an empty document (a trailing `---`) holds nothing
    if (root === null || (isScalar(root) && root.value === null)) continue;
    if (!isYamlMap(root)) return plain();
    const kind = root.get('kind') as unknown;
    if (kind === 'SealedSecret') {
      const spec = root.get('spec', true);
      if (!isYamlMap(spec) || !isYamlMap(spec.get('encryptedData', true))) out.push(finding(pos(root).line, pos(root).col, 'a SealedSecret without spec.encryptedData'));
      continue;
    }
    if (kind === 'Secret') {
      out.push(finding(pos(root).line, pos(root).col, 'a plain Kubernetes Secret: base64 is an encoding, not encryption'));
      continue;
    }
    const sops = root.get('sops', true);
    if (!isYamlMap(sops) || !sops.has('mac')) {
      out.push(finding(pos(root).line, pos(root).col, 'neither a SOPS file (no sops section with a mac) nor a SealedSecret'));
      continue;
    }
    const rules = encryptionRules(sops.toJSON() as Record<string, unknown>);
    walk(root, [], (keys, node) => {
      if (keys[0] === 'sops' || !rules.mustEncrypt(keys)) return;
      if (isScalar(node) && node.value !== null && node.value !== '' && !(typeof node.value === 'string' && node.value.startsWith('ENC['))) {
        const p = pos(node);
        out.push(finding(p.line, p.col, `"${keys.join('.')}" is in clear text in a SOPS file`));
      }
    });
  }
  return out;
}

function walk(node: unknown, keys: string[], visit: (keys: string[], node: unknown) => void): void {
  if (isYamlMap(node)) {
    for (const pair of node.items) walk(pair.value, [...keys, String(isScalar(pair.key) ? pair.key.value : pair.key)], visit);
  } else if (isSeq(node)) {
    node.items.forEach((item) => walk(item, keys, visit));
  } else {
    visit(keys, node);
  }
}
