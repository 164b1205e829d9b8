"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.findingAt = findingAt;
/** A finding of the checked app in the checked env, at the line that set (or should set) the value. */
function findingAt(ctx, at, f) {
    return { rule: f.rule, severity: f.severity, message: f.message, file: at.file, line: at.line, column: at.column, app: ctx.app.name, env: ctx.env.name, path: f.path, hint: f.hint };
}
