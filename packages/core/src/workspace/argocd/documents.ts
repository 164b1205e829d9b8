import { type Document, LineCounter, parseAllDocuments } from 'yaml';
import type { Position } from '../../common';
import type { Finding } from '../../common';
import { isMap, type Path, type ValueMap } from '../../common';
import { plainYamlData, VALUES_YAML_OPTIONS, type YamlFile } from '../../yaml';
import { locate } from '../../yaml';

export type ArgoKind = 'Application' | 'ApplicationSet';

/** One Application or ApplicationSet document of a (possibly multi-document) YAML file. */
export interface ArgoDocument {
  kind: ArgoKind;
  name: string;
  /** Posix path relative to the workspace root. */
  file: string;
  /**
   * This document alone, for positions: `locate(yaml, path)` finds its lines in the file. Parsed
   * again from the text when read (a finding needs a position), so that no syntax tree outlives
   * the reading of its file.
   */
  readonly yaml: YamlFile;
  data: ValueMap;
}

const ARGO_GROUP = /^argoproj\.io\//;

/** Where `path` is written in the document (its key with `atKey`), else its nearest written ancestor, else the document's first line. */
export function positionIn(yaml: YamlFile, path: Path, atKey = false): Position {
  for (let n = path.length; n >= 0; n--) {
    const hit = locate(yaml, path.slice(0, n));
    if (hit) return n === path.length && !atKey ? hit.value : (hit.key ?? hit.value);
  }
  const start = yaml.doc.contents?.range?.[0] ?? 0;
  const lp = yaml.lineCounter.linePos(start);
  return { file: yaml.file, line: lp.line, column: lp.col };
}

/**
 * The Argo CD documents of one file. Other documents (an AppProject, a ConfigMap, a Helm
 * template that is not YAML yet) are skipped without a word: they are normal beside Applications.
 * A document that cannot be parsed is a finding at its line; the file's other documents still count.
 */
export function readArgoDocuments(text: string, file: string): { documents: ArgoDocument[]; findings: Finding[] } {
  const documents: ArgoDocument[] = [];
  const findings: Finding[] = [];
  const take = (data: unknown, index: number) => {
    if (!isMap(data) || typeof data.apiVersion !== 'string' || !ARGO_GROUP.test(data.apiVersion)) return;
    if (data.kind !== 'Application' && data.kind !== 'ApplicationSet') return;
    const metadata = isMap(data.metadata) ? data.metadata : {};
    const name = typeof metadata.name === 'string' ? metadata.name : '';
    const document = argoDocument(data.kind, name, file, text, index, data);
    if (!name) {
      const at = positionIn(document.yaml, ['metadata']);
      findings.push({ rule: 'argocd-application-unreadable', severity: 'error', message: `this ${data.kind} has no metadata.name`, ...at, hint: 'Give it a name: Argo CD refuses a nameless resource.' });
      return;
    }
    documents.push(document);
  };
  // Most files hold one document in plain block YAML: its data without a syntax tree.
  const plain = plainYamlData(text.startsWith('---\n') ? text.slice(4) : text, 'helm');
  if (plain) {
    take(plain, 0);
    return { documents, findings };
  }
  const { docs, lineCounter } = parseArgoText(text);
  for (const [index, doc] of docs.entries()) {
    const err = doc.errors[0];
    if (err) {
      // A Helm-templated manifest ({{ ... }}) is not YAML until rendered: not an Argo CD document here.
      if (/\{\{/.test(text.slice(doc.range[0], doc.range[2]))) continue;
      const at = lineCounter.linePos(err.pos[0]);
      findings.push({ rule: 'input', severity: 'error', message: `YAML syntax error: ${err.message.split('\n')[0]}`, file, line: at.line, column: at.col, hint: 'Fix the YAML syntax at this position; the other documents of the file are still read.' });
      continue;
    }
    let data: unknown;
    try {
      data = doc.toJS({ maxAliasCount: 1000 });
    } catch {
      continue;
    }
    take(data, index);
  }
  return { documents, findings };
}

function parseArgoText(text: string) {
  const lineCounter = new LineCounter();
  const { uniqueKeys: _unique, ...options } = VALUES_YAML_OPTIONS;
  return { docs: parseAllDocuments(text, { ...options, lineCounter }), lineCounter };
}

// The files parsed again for positions, most recent last: a file's findings come together.
const reparsed = new Map<string, ReturnType<typeof parseArgoText>>();
const REPARSED_KEPT = 8;

function argoDocument(kind: ArgoKind, name: string, file: string, text: string, index: number, data: ValueMap): ArgoDocument {
  return {
    kind,
    name,
    file,
    data,
    get yaml(): YamlFile {
      let parsed = reparsed.get(text);
      if (parsed) reparsed.delete(text);
      else parsed = parseArgoText(text);
      reparsed.set(text, parsed);
      if (reparsed.size > REPARSED_KEPT) reparsed.delete(reparsed.keys().next().value as string);
      const doc = (parsed.docs as Document.Parsed[])[index];
      return { file, text, doc, lineCounter: parsed.lineCounter, values: data };
    },
  };
}
