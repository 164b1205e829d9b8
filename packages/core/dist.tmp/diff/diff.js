"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.diffValues = diffValues;
exports.diffEnvs = diffEnvs;
exports.formatEnvDiff = formatEnvDiff;
exports.envDiffJson = envDiffJson;
const common_1 = require("../common");
const config_1 = require("../config");
const workspace_1 = require("../workspace");
const checks_1 = require("../checks");
/** Leaf by leaf, how `to` differs from `from`. Lists are compared whole, as Helm replaces them whole. */
function diffValues(from, to, prefix = []) {
    const out = [];
    for (const key of [...new Set([...Object.keys(from), ...Object.keys(to)])].sort()) {
        const path = [...prefix, key];
        const a = from[key];
        const b = to[key];
        if (!(key in to))
            out.push({ path, kind: 'only-in-from', from: a });
        else if (!(key in from))
            out.push({ path, kind: 'only-in-to', to: b });
        else if ((0, common_1.isMap)(a) && (0, common_1.isMap)(b))
            out.push(...diffValues(a, b, path));
        else if (JSON.stringify(a) !== JSON.stringify(b))
            out.push({ path, kind: 'changed', from: a, to: b });
    }
    return out;
}
/** The semantic difference of an app's effective values between two envs, with what promotion may copy. */
function diffEnvs(ws, app, from, to) {
    (0, workspace_1.getApp)(ws, app);
    (0, workspace_1.getEnv)(ws, from);
    (0, workspace_1.getEnv)(ws, to);
    const a = (0, workspace_1.resolveValues)(ws, app, from);
    const b = (0, workspace_1.resolveValues)(ws, app, to);
    return {
        app,
        from,
        to,
        entries: diffValues(a.values, b.values).map((e) => ({
            ...e,
            key: (0, common_1.formatPath)(e.path),
            promotable: (0, config_1.isPromotable)(ws.config, app, e.path),
            ...(e.kind !== 'only-in-to' ? { fromAt: a.originOf(e.path) } : {}),
            ...(e.kind !== 'only-in-from' ? { toAt: b.originOf(e.path) } : {}),
        })),
    };
}
const show = (path, v) => JSON.stringify((0, checks_1.redactAny)(path, v) ?? null);
/** The diff for people: changed, then only-in-from, then only-in-to; promotable or pinned; secrets redacted. */
function formatEnvDiff(d) {
    if (d.entries.length === 0)
        return `${d.app}: ${d.from} and ${d.to} have the same effective values.\n`;
    const lines = [`${d.app}: ${d.from} -> ${d.to}`];
    const tag = (e) => (e.promotable ? '[promotable]' : '[pinned per env]');
    const section = (kind, title, fmt) => {
        const es = d.entries.filter((e) => e.kind === kind);
        if (es.length === 0)
            return;
        lines.push(`  ${title}:`);
        for (const e of es)
            lines.push(`    ${fmt(e)}  ${tag(e)}`);
    };
    section('changed', 'changed', (e) => `~ ${e.key}: ${show(e.path, e.from)} -> ${show(e.path, e.to)}`);
    section('only-in-from', `only in ${d.from}`, (e) => `- ${e.key}: ${show(e.path, e.from)}`);
    section('only-in-to', `only in ${d.to}`, (e) => `+ ${e.key}: ${show(e.path, e.to)}`);
    const promotable = d.entries.filter((e) => e.promotable).length;
    lines.push(`  ${d.entries.length} difference${d.entries.length === 1 ? '' : 's'}, ${promotable} promotable.`);
    return `${lines.join('\n')}\n`;
}
/** The diff as data, secrets redacted. */
function envDiffJson(d) {
    return { ...d, entries: d.entries.map(({ path, ...e }) => ({ ...e, from: (0, checks_1.redactAny)(path, e.from), to: (0, checks_1.redactAny)(path, e.to) })) };
}
