"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.lintApp = lintApp;
const node_fs_1 = require("node:fs");
const node_path_1 = require("node:path");
const yaml_1 = require("yaml");
const common_1 = require("../../common");
const ignore_1 = require("../ignore");
const workspace_1 = require("../../workspace");
const values_1 = require("../../values");
const rules_1 = require("../../rules");
const yaml_2 = require("../../yaml");
const schema_keys_1 = require("./schema-keys");
/**
 * Source hygiene of one app's values files as written (not their effective values): unknown
 * keys, overrides that change nothing, missing overlays, duplicate keys, undocumented base keys.
 */
function lintApp(ws, appName) {
    const app = (0, workspace_1.getApp)(ws, appName);
    const out = [];
    const finding = (rule, severity, file, line, column, message, extra = {}) => ({
        rule: rule.id,
        severity,
        message,
        file,
        line,
        column,
        app: app.name,
        hint: rule.fix,
        ...extra,
    });
    const texts = new Map();
    const read = (l) => {
        try {
            const y = (0, workspace_1.readCached)(l.absPath, l.file);
            texts.set(y.file, y.text);
            return y;
        }
        catch (e) {
            if (!(0, common_1.isUserError)(e))
                throw e;
            const f = (0, common_1.findingFromError)(e, { app: app.name });
            out.push(/^duplicate key/.test(e.message) ? { ...f, rule: rules_1.DUPLICATE_KEY.id } : f);
            return undefined;
        }
    };
    const baseLayer = (0, workspace_1.layers)(ws, app, ws.config.environments[0].name)[0];
    const base = read(baseLayer);
    if (!base)
        return (0, common_1.sortFindings)(out);
    out.push(...undocumented(base).map((p) => finding(rules_1.UNDOCUMENTED_KEY, 'warning', base.file, p.line, p.column, 'has no comment saying what it sets', { path: p.key })));
    const schema = readSchema((0, node_path_1.join)(ws.root, app.dir, workspace_1.SCHEMA_FILE));
    const known = (path) => (0, common_1.getAt)(base.values, path) !== undefined ||
        (0, schema_keys_1.schemaDeclares)(schema, path) ||
        path.some((_, i) => {
            const parent = (0, common_1.getAt)(base.values, path.slice(0, i));
            return i > 0 && (0, common_1.isMap)(parent) && Object.keys(parent).length === 0;
        });
    const linted = new Set();
    for (const env of ws.config.environments) {
        const clusters = [undefined, ...(0, workspace_1.getEnv)(ws, env.name).clusters.filter((c) => (0, node_fs_1.existsSync)((0, node_path_1.join)(ws.root, app.dir, (0, workspace_1.overlayFileName)(env.name, c))))];
        for (const cluster of clusters) {
            const all = (0, workspace_1.layers)(ws, app, env.name, cluster);
            const top = all[all.length - 1];
            if (!top.exists) {
                if (!cluster)
                    out.push(finding(rules_1.MISSING_OVERLAY, 'warning', top.file, 0, 0, `env "${env.name}" has no overlay file`, { env: env.name }));
                continue;
            }
            if (linted.has(top.file))
                continue;
            linted.add(top.file);
            const overlay = read(top);
            if (!overlay)
                continue;
            const below = all.slice(0, -1).filter((l) => l.exists).map(read).filter((y) => y !== undefined);
            const lower = below.reduce((acc, y) => (0, values_1.mergeMaps)(acc, y.values), {});
            walkOverlay(overlay.values, [], (path, value) => {
                const pos = (0, yaml_2.locate)(overlay, path);
                const at = pos?.key ?? pos?.value ?? { line: 1, column: 1 };
                if (!known(path)) {
                    const parent = (0, common_1.getAt)(base.values, path.slice(0, -1));
                    const siblings = [...((0, common_1.isMap)(parent) ? Object.keys(parent) : []), ...(0, schema_keys_1.schemaKeys)(schema, path.slice(0, -1))];
                    const guess = (0, common_1.didYouMean)(String(path[path.length - 1]), siblings);
                    out.push(finding(rules_1.UNKNOWN_KEY, guess ? 'error' : 'warning', overlay.file, at.line, at.column, guess ? `is not a key of ${workspace_1.BASE_VALUES} or ${workspace_1.SCHEMA_FILE}; did you mean "${(0, common_1.formatPath)([...path.slice(0, -1), guess])}"?` : `is set here but declared in neither ${workspace_1.BASE_VALUES} nor ${workspace_1.SCHEMA_FILE}`, { env: env.name, path: (0, common_1.formatPath)(path) }));
                    return 'stop';
                }
                if (!(0, common_1.isMap)(value) && JSON.stringify((0, common_1.getAt)(lower, path)) === JSON.stringify(value)) {
                    const v = pos?.value ?? at;
                    out.push(finding(rules_1.REDUNDANT_OVERRIDE, 'warning', overlay.file, v.line, v.column, `is already ${JSON.stringify(value)} without this line`, { env: env.name, path: (0, common_1.formatPath)(path) }));
                }
                return 'continue';
            });
        }
    }
    // `# gitops:ignore RULE reason` accepts a lint finding as it does a validate finding; validate reports wrong ones.
    return (0, common_1.sortFindings)((0, ignore_1.dropIgnored)(out, (file) => texts.get(file)));
}
/** Visit every key path of an overlay, maps before their children; lists are values as a whole, as Helm replaces them. */
function walkOverlay(values, prefix, visit) {
    for (const [k, v] of Object.entries(values)) {
        const path = [...prefix, k];
        if (visit(path, v) === 'stop')
            continue;
        if ((0, common_1.isMap)(v))
            walkOverlay(v, path, visit);
    }
}
/** Top-level keys of the base with neither a comment line right above them nor a comment at the end of their line. */
function undocumented(y) {
    const lines = y.text.split('\n');
    const root = y.doc.contents;
    if (!(0, yaml_1.isMap)(root))
        return [];
    return root.items.flatMap((pair) => {
        if (!(0, yaml_1.isScalar)(pair.key) || !pair.key.range)
            return [];
        const { line, col } = y.lineCounter.linePos(pair.key.range[0]);
        const above = lines[line - 2]?.trim() ?? '';
        const own = lines[line - 1] ?? '';
        const documented = above.startsWith('#') || /\s#/.test(own.slice(col - 1));
        return documented ? [] : [{ key: String(pair.key.value), line, column: col }];
    });
}
function readSchema(abs) {
    if (!(0, node_fs_1.existsSync)(abs))
        return undefined;
    try {
        const parsed = JSON.parse((0, node_fs_1.readFileSync)(abs, 'utf8'));
        return (0, common_1.isMap)(parsed) ? parsed : undefined;
    }
    catch {
        // validate reports a broken schema at its line; lint just knows fewer keys
        return undefined;
    }
}
