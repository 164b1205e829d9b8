import { isMap as isYamlMap, isScalar, isSeq, Pair, Scalar, type Document, type Node, type YAMLMap, type YAMLSeq } from 'yaml';
import { UserError } from '../common';
import type { YamlFile } from '../yaml';
import { CONFIG_FILE, DEFAULT_CLUSTER } from './defaults';
import type { ClusterConfig, SecretStoreRef, Tier, SecretsBackend } from './types';

/** An environment as the env generator declares it in gitops.yaml (only what differs from the defaults). */
export interface NewEnvironment {
  name: string;
  namespace: string;
  tier: Tier;
  secrets: SecretsBackend;
  secretStore?: SecretStoreRef;
  clusters?: string[];
  project: string;
}

/*
 * These edits work on the parsed document so that every comment, key order, quoting and flow
 * style the user wrote survives; only the new nodes are added.
 */

/** gitops.yaml text with `env` inserted after the env named `after` (first when undefined), promotion paths rewired. */
export function addEnvironment(source: YamlFile, env: NewEnvironment, after: string | undefined): string {
  const doc = source.doc.clone();
  const envs = seqAt(doc, ['environments']);
  const names = envs.items.map((item) => String((item as YAMLMap).get('name')));
  if (names.includes(env.name)) throw new UserError(`environment "${env.name}" already exists in ${CONFIG_FILE}`, { file: CONFIG_FILE, hint: 'Pick another --name.' });
  const index = after === undefined ? 0 : names.indexOf(after) + 1;
  if (after !== undefined && index === 0) throw new UserError(`unknown environment "${after}"`, { file: CONFIG_FILE, hint: `Environments: ${names.join(', ')}.` });
  const prev = after;
  const next = names[index] as string | undefined;

  const entry: Record<string, unknown> = { name: env.name, namespace: env.namespace };
  if (env.clusters) entry.clusters = env.clusters;
  Object.assign(entry, { tier: env.tier, secrets: env.secrets });
  if (env.secretStore) entry.secretStore = { ...env.secretStore };
  entry.project = env.project;
  envs.items.splice(index, 0, doc.createNode(entry));

  const paths = doc.getIn(['promotion', 'paths'], true);
  if (isSeq(paths)) rewirePaths(doc, paths, env.name, prev, next);
  return toText(doc, source.text);
}

/** Where promotion went prev -> next it now goes prev -> new -> next. */
function rewirePaths(doc: Document, paths: YAMLSeq, name: string, prev: string | undefined, next: string | undefined): void {
  const fromOf = (item: unknown) => (isYamlMap(item) ? String(item.get('from')) : undefined);
  if (prev !== undefined && next !== undefined) {
    for (let i = 0; i < paths.items.length; i++) {
      const item = paths.items[i];
      if (!isYamlMap(item) || fromOf(item) !== prev) continue;
      const to = item.get('to', true);
      if (isScalar(to) && String(to.value) === next) to.value = name;
      else if (isSeq(to) && to.items.some((t) => isScalar(t) && String(t.value) === next)) {
        for (const t of to.items) if (isScalar(t) && String(t.value) === next) t.value = name;
      } else continue;
      paths.items.splice(i + 1, 0, doc.createNode({ from: name, to: next }));
      return;
    }
  } else if (prev !== undefined) {
    paths.items.push(doc.createNode({ from: prev, to: name }));
  } else if (next !== undefined) {
    paths.items.unshift(doc.createNode({ from: name, to: next }));
  }
}

/** gitops.yaml text with `cluster` declared (unless it is already) and, when `env` is given, added to that env's clusters. */
export function addCluster(source: YamlFile, cluster: ClusterConfig, env?: string): string {
  const doc = source.doc.clone();
  let clusters = doc.get('clusters', true);
  if (!isSeq(clusters)) {
    clusters = doc.createNode([]) as YAMLSeq;
    doc.set('clusters', clusters);
  }
  const seq = clusters as YAMLSeq;
  if (!seq.items.some((c) => isYamlMap(c) && String(c.get('name')) === cluster.name)) {
    seq.items.push(doc.createNode({ name: cluster.name, server: cluster.server, ...(cluster.description ? { description: cluster.description } : {}) }));
  }
  if (env !== undefined) {
    const item = seqAt(doc, ['environments']).items.find((e) => isYamlMap(e) && String(e.get('name')) === env) as YAMLMap | undefined;
    if (!item) throw new UserError(`unknown environment "${env}"`, { file: CONFIG_FILE });
    const list = item.get('clusters', true);
    if (isSeq(list)) {
      list.items.push(doc.createNode(cluster.name));
    } else {
      // A single `cluster:` (or the in-cluster default) becomes a list whose first entry stays the default destination.
      const single = item.get('cluster', true);
      const first = isScalar(single) ? String(single.value) : DEFAULT_CLUSTER.name;
      const pair = new Pair(new Scalar('clusters'), doc.createNode([first, cluster.name]));
      const at = item.items.findIndex((p) => isScalar(p.key) && p.key.value === 'cluster');
      if (at >= 0) item.items.splice(at, 1, pair as Pair<unknown, unknown>);
      else item.items.splice(Math.min(2, item.items.length), 0, pair as Pair<unknown, unknown>);
    }
  }
  return toText(doc, source.text);
}

function seqAt(doc: Document, path: string[]): YAMLSeq {
  const node = doc.getIn(path, true) as Node | undefined;
  if (!isSeq(node)) throw new UserError(`${path.join('.')} in ${CONFIG_FILE} is not a list`, { file: CONFIG_FILE, hint: 'Declare it as a YAML list.' });
  return node;
}

/** Print with the file's own sequence indentation, and no line folding of long values. */
function toText(doc: Document, original: string): string {
  const indentSeq = !/^[A-Za-z_][\w-]*:[ \t]*\r?\n-/m.test(original);
  return doc.toString({ lineWidth: 0, indentSeq, flowCollectionPadding: /[[{] \S/.test(original) });
}
