"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.configSchemaPath = configSchemaPath;
exports.loadConfig = loadConfig;
exports.parseConfig = parseConfig;
const node_fs_1 = require("node:fs");
const node_path_1 = require("node:path");
const common_1 = require("../common");
const rules_1 = require("../rules");
const values_1 = require("../values");
const yaml_1 = require("../yaml");
const defaults_1 = require("./defaults");
let configSchema;
/** The JSON Schema that gitops.yaml must satisfy (also published for editors). */
function configSchemaPath() {
    return (0, node_path_1.join)(__dirname, 'gitops.schema.json');
}
function schema() {
    configSchema ??= (0, values_1.compileSchemaText)((0, node_fs_1.readFileSync)(configSchemaPath(), 'utf8'), 'gitops.schema.json');
    return configSchema;
}
/** Read, validate and complete `gitops.yaml` in `root`. */
function loadConfig(root) {
    const source = (0, yaml_1.readValuesYaml)((0, node_path_1.join)(root, defaults_1.CONFIG_FILE), defaults_1.CONFIG_FILE);
    return { config: parseConfig(source), source };
}
/** Validate a parsed gitops.yaml and fill in defaults; every problem is named at its line. */
function parseConfig(source) {
    const raw = source.values;
    const problems = (0, values_1.checkSchema)(schema(), raw).map((v) => ({ path: v.path, message: v.message, atKey: v.atKey }));
    if (problems.length === 0)
        problems.push(...semanticProblems(raw));
    if (problems.length > 0) {
        const lines = problems.map((p) => `${(0, common_1.formatPosition)((0, yaml_1.nearestPosition)(source, p.path, p))}: ${(0, common_1.formatPath)(p.path)} ${p.message}`);
        throw new common_1.UserError(`${defaults_1.CONFIG_FILE} is not valid:\n  ${lines.join('\n  ')}`, {
            hint: `Fix ${defaults_1.CONFIG_FILE} as shown; its schema is packages/core/src/config/gitops.schema.json.`,
        });
    }
    return complete(raw);
}
function semanticProblems(raw) {
    const out = [];
    const envs = raw.environments;
    const clusters = (raw.clusters ?? []).map((c) => String(c.name));
    const names = new Map();
    envs.forEach((e, i) => {
        const name = String(e.name);
        if (names.has(name))
            out.push({ path: ['environments', i, 'name'], message: `"${name}" is declared twice; env names must be unique` });
        names.set(name, i);
        if (e.cluster !== undefined && e.clusters !== undefined)
            out.push({ path: ['environments', i, 'clusters'], message: 'give either cluster or clusters, not both' });
    });
    envs.forEach((e, i) => {
        if (e.parent !== undefined) {
            const p = names.get(String(e.parent));
            if (p === undefined)
                out.push({ path: ['environments', i, 'parent'], message: `names env "${String(e.parent)}", which is not declared` });
            else if (p >= i)
                out.push({ path: ['environments', i, 'parent'], message: `"${String(e.parent)}" must be declared before "${String(e.name)}"` });
        }
        const declared = e.clusters ?? (e.cluster === undefined ? [] : [e.cluster]);
        declared.forEach((c, k) => {
            if (c !== defaults_1.DEFAULT_CLUSTER.name && !clusters.includes(c)) {
                const path = e.clusters ? ['environments', i, 'clusters', k] : ['environments', i, 'cluster'];
                out.push({ path, message: `names cluster "${c}", which is not declared under clusters` });
            }
        });
    });
    const promotion = (0, common_1.isMap)(raw.promotion) ? raw.promotion : {};
    (promotion.paths ?? []).forEach((p, i) => {
        for (const [field, value] of [['from', p.from], ['to', p.to]]) {
            const list = Array.isArray(value) ? value : [value];
            list.forEach((n, k) => {
                if (!names.has(String(n))) {
                    const path = Array.isArray(value) ? ['promotion', 'paths', i, field, k] : ['promotion', 'paths', i, field];
                    out.push({ path, message: `names env "${String(n)}", which is not declared under environments` });
                }
            });
        }
    });
    const tiers = (0, common_1.isMap)(raw.policy) && (0, common_1.isMap)(raw.policy.tiers) ? raw.policy.tiers : {};
    const known = rules_1.RULES.map((r) => r.id);
    for (const [tier, settings] of Object.entries(tiers)) {
        const rules = (0, common_1.isMap)(settings) && (0, common_1.isMap)(settings.rules) ? settings.rules : {};
        for (const id of Object.keys(rules).filter((r) => !known.includes(r))) {
            const guess = (0, common_1.didYouMean)(id, known);
            out.push({ path: ['policy', 'tiers', tier, 'rules', id], atKey: true, message: `"${id}" is not a rule${guess ? `; did you mean "${guess}"?` : ' (docs/rules.md lists them)'}` });
        }
    }
    return out;
}
function complete(raw) {
    const clusters = (raw.clusters ?? []).map((c) => ({
        name: String(c.name),
        server: String(c.server),
        ...(c.description === undefined ? {} : { description: String(c.description) }),
    }));
    if (!clusters.some((c) => c.name === defaults_1.DEFAULT_CLUSTER.name))
        clusters.push({ ...defaults_1.DEFAULT_CLUSTER });
    const environments = raw.environments.map((e) => ({
        name: String(e.name),
        namespace: String(e.namespace ?? e.name),
        clusters: e.clusters ?? [String(e.cluster ?? defaults_1.DEFAULT_CLUSTER.name)],
        tier: e.tier ?? 'production',
        secrets: e.secrets ?? 'external-secrets',
        ...((0, common_1.isMap)(e.secretStore)
            ? { secretStore: { name: String(e.secretStore.name), kind: e.secretStore.kind ?? 'ClusterSecretStore' } }
            : {}),
        ...(e.parent === undefined ? {} : { parent: String(e.parent) }),
        project: String(e.project ?? 'default'),
    }));
    const argo = (0, common_1.isMap)(raw.argocd) ? raw.argocd : {};
    const promotion = (0, common_1.isMap)(raw.promotion) ? raw.promotion : {};
    const pr = (0, common_1.isMap)(promotion.pullRequest) ? promotion.pullRequest : {};
    const paths = promotion.paths
        ? promotion.paths.map((p) => ({ from: String(p.from), to: Array.isArray(p.to) ? p.to.map(String) : [String(p.to)] }))
        : environments.slice(1).map((e, i) => ({ from: environments[i].name, to: [e.name] }));
    const apps = raw.apps === undefined ? [defaults_1.DEFAULT_APPS_GLOB] : Array.isArray(raw.apps) ? raw.apps.map(String) : [String(raw.apps)];
    return {
        apps,
        argocd: {
            applications: String(argo.applications ?? 'argocd/applications'),
            namespace: String(argo.namespace ?? 'argocd'),
            ...(argo.repoURL === undefined ? {} : { repoURL: String(argo.repoURL) }),
            targetRevision: String(argo.targetRevision ?? 'main'),
        },
        environments,
        clusters,
        promotion: {
            paths,
            promotable: promotion.promotable ?? defaults_1.DEFAULT_KEY_RULES.promotable,
            never: promotion.never ?? defaults_1.DEFAULT_KEY_RULES.never,
            apps: promotion.apps ?? {},
            pullRequest: {
                ...(pr.base === undefined ? {} : { base: String(pr.base) }),
                labels: pr.labels ?? ['promotion'],
                reviewers: pr.reviewers ?? [],
                teamReviewers: pr.teamReviewers ?? [],
                draft: pr.draft === true,
            },
        },
        policy: { tiers: policyTiers(raw) },
    };
}
/** Rule settings per tier; an unquoted `off` reads as false in YAML 1.1 and means off. */
function policyTiers(raw) {
    const tiers = (0, common_1.isMap)(raw.policy) && (0, common_1.isMap)(raw.policy.tiers) ? raw.policy.tiers : {};
    return Object.fromEntries(Object.entries(tiers).map(([tier, t]) => {
        const rules = (0, common_1.isMap)(t) && (0, common_1.isMap)(t.rules) ? t.rules : {};
        return [tier, { rules: Object.fromEntries(Object.entries(rules).map(([id, v]) => [id, v === false ? 'off' : v])) }];
    }));
}
