"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.addEnvironment = addEnvironment;
exports.addCluster = addCluster;
const yaml_1 = require("yaml");
const common_1 = require("../common");
const defaults_1 = require("./defaults");
/*
 * These edits work on the parsed document so that every comment, key order, quoting and flow
 * style the user wrote survives; only the new nodes are added.
 */
/** gitops.yaml text with `env` inserted after the env named `after` (first when undefined), promotion paths rewired. */
function addEnvironment(source, env, after) {
    const doc = source.doc.clone();
    const envs = seqAt(doc, ['environments']);
    const names = envs.items.map((item) => String(item.get('name')));
    if (names.includes(env.name))
        throw new common_1.UserError(`environment "${env.name}" already exists in ${defaults_1.CONFIG_FILE}`, { file: defaults_1.CONFIG_FILE, hint: 'Pick another --name.' });
    const index = after === undefined ? 0 : names.indexOf(after) + 1;
    if (after !== undefined && index === 0)
        throw new common_1.UserError(`unknown environment "${after}"`, { file: defaults_1.CONFIG_FILE, hint: `Environments: ${names.join(', ')}.` });
    const prev = after;
    const next = names[index];
    const entry = { name: env.name, namespace: env.namespace };
    if (env.clusters)
        entry.clusters = env.clusters;
    Object.assign(entry, { tier: env.tier, secrets: env.secrets });
    if (env.secretStore)
        entry.secretStore = { ...env.secretStore };
    entry.project = env.project;
    envs.items.splice(index, 0, doc.createNode(entry));
    const paths = doc.getIn(['promotion', 'paths'], true);
    if ((0, yaml_1.isSeq)(paths))
        rewirePaths(doc, paths, env.name, prev, next);
    return toText(doc, source.text);
}
/** Where promotion went prev -> next it now goes prev -> new -> next. */
function rewirePaths(doc, paths, name, prev, next) {
    const fromOf = (item) => ((0, yaml_1.isMap)(item) ? String(item.get('from')) : undefined);
    if (prev !== undefined && next !== undefined) {
        for (let i = 0; i < paths.items.length; i++) {
            const item = paths.items[i];
            if (!(0, yaml_1.isMap)(item) || fromOf(item) !== prev)
                continue;
            const to = item.get('to', true);
            if ((0, yaml_1.isScalar)(to) && String(to.value) === next)
                to.value = name;
            else if ((0, yaml_1.isSeq)(to) && to.items.some((t) => (0, yaml_1.isScalar)(t) && String(t.value) === next)) {
                for (const t of to.items)
                    if ((0, yaml_1.isScalar)(t) && String(t.value) === next)
                        t.value = name;
            }
            else
                continue;
            paths.items.splice(i + 1, 0, doc.createNode({ from: name, to: next }));
            return;
        }
    }
    else if (prev !== undefined) {
        paths.items.push(doc.createNode({ from: prev, to: name }));
    }
    else if (next !== undefined) {
        paths.items.unshift(doc.createNode({ from: name, to: next }));
    }
}
/** gitops.yaml text with `cluster` declared (unless it is already) and, when `env` is given, added to that env's clusters. */
function addCluster(source, cluster, env) {
    const doc = source.doc.clone();
    let clusters = doc.get('clusters', true);
    if (!(0, yaml_1.isSeq)(clusters)) {
        clusters = doc.createNode([]);
        doc.set('clusters', clusters);
    }
    const seq = clusters;
    if (!seq.items.some((c) => (0, yaml_1.isMap)(c) && String(c.get('name')) === cluster.name)) {
        seq.items.push(doc.createNode({ name: cluster.name, server: cluster.server, ...(cluster.description ? { description: cluster.description } : {}) }));
    }
    if (env !== undefined) {
        const item = seqAt(doc, ['environments']).items.find((e) => (0, yaml_1.isMap)(e) && String(e.get('name')) === env);
        if (!item)
            throw new common_1.UserError(`unknown environment "${env}"`, { file: defaults_1.CONFIG_FILE });
        const list = item.get('clusters', true);
        if ((0, yaml_1.isSeq)(list)) {
            list.items.push(doc.createNode(cluster.name));
        }
        else {
            // A single `cluster:` (or the in-cluster default) becomes a list whose first entry stays the default destination.
            const single = item.get('cluster', true);
            const first = (0, yaml_1.isScalar)(single) ? String(single.value) : defaults_1.DEFAULT_CLUSTER.name;
            const pair = new yaml_1.Pair(new yaml_1.Scalar('clusters'), doc.createNode([first, cluster.name]));
            const at = item.items.findIndex((p) => (0, yaml_1.isScalar)(p.key) && p.key.value === 'cluster');
            if (at >= 0)
                item.items.splice(at, 1, pair);
            else
                item.items.splice(Math.min(2, item.items.length), 0, pair);
        }
    }
    return toText(doc, source.text);
}
function seqAt(doc, path) {
    const node = doc.getIn(path, true);
    if (!(0, yaml_1.isSeq)(node))
        throw new common_1.UserError(`${path.join('.')} in ${defaults_1.CONFIG_FILE} is not a list`, { file: defaults_1.CONFIG_FILE, hint: 'Declare it as a YAML list.' });
    return node;
}
/** Print with the file's own sequence indentation, and no line folding of long values. */
function toText(doc, original) {
    const indentSeq = !/^[A-Za-z_][\w-]*:[ \t]*\r?\n-/m.test(original);
    return doc.toString({ lineWidth: 0, indentSeq, flowCollectionPadding: /[[{] \S/.test(original) });
}
