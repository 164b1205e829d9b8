"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.ignoreComments = ignoreComments;
exports.dropIgnored = dropIgnored;
exports.applyIgnores = applyIgnores;
const common_1 = require("../common");
const rules_1 = require("../rules");
const MARKER = /#\s*gitops:ignore\b(.*)$/;
/** Ignore comments of a file, by line. */
function ignoreComments(text) {
    const out = new Map();
    if (!text.includes('gitops:ignore'))
        return out;
    text.split('\n').forEach((lineText, i) => {
        const m = MARKER.exec(lineText);
        if (!m)
            return;
        const [ids = '', ...reason] = m[1].trim().split(/\s+/);
        out.set(i + 1, { line: i + 1, column: (m.index ?? 0) + 1, rules: ids.split(',').filter(Boolean), reason: reason.join(' ') });
    });
    return out;
}
/** Reads each file's ignore comments once. */
function commentsReader(readText) {
    const byFile = new Map();
    const of = (file) => {
        let c = byFile.get(file);
        if (!c) {
            const text = readText(file);
            c = text === undefined ? new Map() : ignoreComments(text);
            byFile.set(file, c);
        }
        return c;
    };
    return { of, byFile };
}
function accepted(findings, commentsOf) {
    return findings.filter((f) => {
        if (f.rule === rules_1.IGNORE_COMMENT.id || f.line === 0)
            return true;
        const c = commentsOf(f.file).get(f.line);
        return !(c && c.reason && c.rules.includes(f.rule));
    });
}
/** Drop the findings that an ignore comment on their line accepts (for checks whose wrong ignore comments validate reports). */
function dropIgnored(findings, readText) {
    return accepted(findings, commentsReader(readText).of);
}
/**
 * Drop the findings that an ignore comment on their line accepts, and report the ignore
 * comments that are themselves wrong (no reason, unknown rule id) in the files of the findings
 * and in `files`.
 */
function applyIgnores(findings, opts) {
    const comments = commentsReader(opts.readText);
    const kept = accepted(findings, comments.of);
    for (const file of opts.files ?? [])
        comments.of(file);
    const problems = [];
    for (const [file, fileComments] of comments.byFile) {
        for (const c of fileComments.values()) {
            const base = { rule: rules_1.IGNORE_COMMENT.id, severity: 'error', file, line: c.line, column: c.column, hint: rules_1.IGNORE_COMMENT.fix };
            for (const id of c.rules.filter((r) => !opts.knownRules.includes(r))) {
                const guess = (0, common_1.didYouMean)(id, opts.knownRules);
                problems.push({ ...base, message: `unknown rule "${id}" in an ignore comment${guess ? `; did you mean "${guess}"?` : ''}` });
            }
            if (c.rules.length === 0)
                problems.push({ ...base, message: 'the ignore comment names no rule' });
            else if (!c.reason)
                problems.push({ ...base, message: `the ignore comment for ${c.rules.join(', ')} gives no reason, so it ignores nothing` });
        }
    }
    return [...kept, ...problems];
}
