"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.hasErrors = hasErrors;
exports.findingFromError = findingFromError;
exports.sortFindings = sortFindings;
function hasErrors(findings) {
    return findings.some((f) => f.severity === 'error');
}
/** A user error (a broken file) as a finding, so one bad app does not hide the others' results. */
function findingFromError(e, ctx = {}) {
    return {
        rule: 'input',
        severity: 'error',
        message: e.message,
        file: e.file ?? '(workspace)',
        line: e.line ?? 0,
        column: e.column ?? 0,
        ...ctx,
        ...(e.hint ? { hint: e.hint } : {}),
    };
}
/** Stable order: file, line, column, then rule and env. */
function sortFindings(findings) {
    return [...findings].sort((a, b) => a.file.localeCompare(b.file) ||
        a.line - b.line ||
        a.column - b.column ||
        a.rule.localeCompare(b.rule) ||
        (a.env ?? '').localeCompare(b.env ?? '') ||
        a.message.localeCompare(b.message));
}
