import { isMap as isYamlMap, isScalar, isSeq, parseAllDocuments, type Node, type Scalar, type YAMLMap } from 'yaml';
import { isMap, type Value } from '../common';
import type { AppDeployment, Workspace } from '../workspace';
import { replaceEnvTokens, type EnvNames } from './env-tokens';

/** An ApplicationSet file with the new env's list elements added, comments and format kept. */
export interface AppSetEdit {
  file: string;
  text: string;
}

/** An ApplicationSet that deploys the neighbour env by other means than a list element: what the user must add. */
export interface AppSetGap {
  file: string;
  line: number;
  column: number;
  message: string;
}

/** A cluster as a list element may name it: by its name or its API server URL. */
export interface ClusterNames {
  name: string;
  server: string;
}

/**
 * Where a new env's Applications must come from when ApplicationSets generate the neighbour
 * env's: each ApplicationSet whose list generator has an element naming the neighbour env gets a
 * copy of that element for the new env, right after it (the env's name and namespace replaced,
 * and the neighbour's cluster by the new env's when it has its own); any other (git files,
 * clusters, a name in a template) is a gap that says what to add.
 */
export function addEnvToApplicationSets(
  ws: Workspace,
  read: (file: string) => string | undefined,
  neighbour: EnvNames,
  env: EnvNames,
  clusters: { from?: ClusterNames; to?: ClusterNames } = {},
): { edits: AppSetEdit[]; gaps: AppSetGap[] } {
  const bySet = new Map<string, AppDeployment[]>();
  for (const d of ws.argo.deployments) {
    const set = d.plan.app.generatedBy?.applicationSet;
    if (!set || d.env !== neighbour.name) continue;
    const key = `${d.plan.app.file}\0${set}`;
    bySet.set(key, [...(bySet.get(key) ?? []), d]);
  }
  // Each file's text with the edits so far, so that two ApplicationSets of one file both get theirs.
  const edited = new Map<string, string>();
  const gaps: AppSetGap[] = [];
  for (const [key, deployments] of bySet) {
    const [file, applicationSet] = key.split('\0');
    const text = edited.get(file) ?? read(file);
    const next = text === undefined ? undefined : withListElement(text, applicationSet, { ...neighbour, cluster: clusters.from }, { ...env, cluster: clusters.to });
    if (next !== undefined) {
      edited.set(file, next.text);
      if (next.copiedUrl && clusters.to) {
        gaps.push({ file, ...next.at, message: `the element for ${env.name} in ApplicationSet "${applicationSet}" is a copy of ${neighbour.name}'s, ${next.copiedUrl} included, but ${env.name} deploys to cluster ${clusters.to.name} (${clusters.to.server}): change it there` });
      }
      continue;
    }
    const apps = [...new Set(deployments.map((d) => d.app))].sort();
    const at = deployments[0].plan.app.at(['metadata', 'name']);
    gaps.push({ file, line: at.line, column: at.column, message: gapMessage(applicationSet, apps, deployments[0].plan.app.generatedBy?.params ?? {}, neighbour, env) });
  }
  return { edits: [...edited].map(([file, text]) => ({ file, text })), gaps };
}

type EnvAndCluster = EnvNames & { cluster?: ClusterNames };

/**
 * The text with a copy of the list element that names the neighbour env inserted after it, where
 * the copy starts, and a URL it copied as it was (a cluster the new env may not deploy to);
 * undefined when there is none.
 */
function withListElement(text: string, applicationSet: string, from: EnvAndCluster, to: EnvAndCluster): { text: string; at: { line: number; column: number }; copiedUrl?: string } | undefined {
  for (const doc of parseAllDocuments(text)) {
    if (!('contents' in doc) || doc.errors.length > 0) continue;
    const root = doc.contents;
    if (!isYamlMap(root) || String(root.get('kind')) !== 'ApplicationSet' || String(root.getIn(['metadata', 'name'])) !== applicationSet) continue;
    const element = listElements(root.getIn(['spec', 'generators'], true) as Node | undefined).find((el) => el.items.some((p) => isScalar(p.value) && p.value.value === from.name));
    if (!element?.range) return undefined;
    const start = text.lastIndexOf('\n', element.range[0] - 1) + 1;
    const lineEnd = text.indexOf('\n', element.range[1] - 1);
    const end = lineEnd < 0 ? text.length : lineEnd + 1;
    // The copy: each scalar that names the old env, rewritten in place (quotes and layout kept).
    const scalars = element.items.flatMap(({ key, value }) => {
      // a map or a list has no text of its own to rename; a key without a value has none
      const v = value as Scalar | null;
      return typeof v?.value === 'string' ? [{ key: String(key), value: v.value, range: v.range as [number, number, number] }] : [];
    });
    const replacements = scalars.map((v) => ({ from: v.range[0] - start, to: v.range[1] - start, value: renamed(v.value, from, to, v.key) })).filter((r) => r.value !== undefined);
    const copiedUrl = scalars.find((v) => v.value.includes('://') && renamed(v.value, from, to, v.key) === undefined)?.value;
    let block = text.slice(start, end);
    for (const r of replacements.sort((a, b) => b.from - a.from)) {
      const raw = block.slice(r.from, r.to);
      const quote = /^["']/.test(raw) ? raw[0] : '';
      block = `${block.slice(0, r.from)}${quote}${r.value}${quote}${block.slice(r.to)}`;
    }
    if (!block.endsWith('\n')) block = `\n${block}`;
    const line = text.slice(0, end).split('\n').length + (block.startsWith('\n') ? 1 : 0);
    const column = element.range[0] - start + 1;
    return { text: `${text.slice(0, end)}${block}${text.slice(end)}`, at: { line, column }, ...(copiedUrl ? { copiedUrl } : {}) };
  }
  return undefined;
}

/** Every element map of the list generators among these generators, matrix and merge children included. */
function listElements(generators: Node | undefined): YAMLMap[] {
  if (!isSeq(generators)) return [];
  return generators.items.flatMap((g) => {
    if (!isYamlMap(g)) return [];
    const elements = g.getIn(['list', 'elements'], true);
    const own = isSeq(elements) ? elements.items.filter(isYamlMap) : [];
    const nested = ['matrix', 'merge'].flatMap((k) => listElements(g.getIn([k, 'generators'], true) as Node | undefined));
    return [...own, ...nested];
  });
}

/**
 * The new env's value for a scalar of the old env's element: its name, namespace and cluster
 * replaced (other URLs are left alone). Where the old env's name is its namespace too, the key
 * tells which one the value is.
 */
function renamed(value: string, from: EnvAndCluster, to: EnvAndCluster, key: string): string | undefined {
  if (value === from.name && value === from.namespace) return /namespace|^ns$/i.test(key) ? to.namespace : to.name;
  if (value === from.name) return to.name;
  if (value === from.namespace) return to.namespace;
  if (from.cluster && to.cluster && value === from.cluster.server) return to.cluster.server;
  if (from.cluster && to.cluster && value === from.cluster.name) return to.cluster.name;
  if (value.includes('://')) return undefined;
  return replaceEnvTokens(value, from, to.name);
}

function gapMessage(applicationSet: string, apps: string[], params: Record<string, Value>, from: EnvNames, to: EnvNames): string {
  const nested = isMap(params.path) ? params.path : undefined;
  const dir = nested ? nested.path : params.path;
  const name = nested ? nested.filename : params['path.filename'];
  const source = typeof dir === 'string' && typeof name === 'string' ? `${dir}/${name}` : undefined;
  const like = source?.split('/').map((seg) => replaceEnvTokens(seg, from, to.name) ?? seg).join('/');
  const what = like && source && like !== source ? `add ${like} like ${source} (its git files generator reads it)` : `make one of its generators yield ${to.name} as it yields ${from.name}`;
  return `ApplicationSet "${applicationSet}" deploys ${apps.join(', ')} to ${from.name}, but not from a list element naming it, so ${to.name} could not be added for you: ${what}`;
}
