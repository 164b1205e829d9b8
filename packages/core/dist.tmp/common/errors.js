"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.UserError = void 0;
exports.formatPosition = formatPosition;
exports.isUserError = isUserError;
function formatPosition(p) {
    if (!p.line)
        return p.file;
    return `${p.file}:${p.line}:${p.column ?? 1}`;
}
/**
 * An error the user caused and can fix: bad input, an unknown name, a wrong flag.
 * Adapters print `message` (already located) and `hint`, and exit with `exitCode`;
 * no stack trace unless asked for.
 */
class UserError extends Error {
    file;
    line;
    column;
    hint;
    exitCode;
    constructor(message, opts = {}) {
        super(message, opts.cause === undefined ? undefined : { cause: opts.cause });
        this.name = 'UserError';
        this.file = opts.file;
        this.line = opts.line;
        this.column = opts.column;
        this.hint = opts.hint;
        this.exitCode = opts.exitCode ?? 2;
    }
    /** `file:line:col: message` followed by what to do. */
    format() {
        const where = this.file ? `${formatPosition({ file: this.file, line: this.line, column: this.column })}: ` : '';
        return `${where}${this.message}${this.hint ? `\n  ${this.hint}` : ''}`;
    }
}
exports.UserError = UserError;
function isUserError(e) {
    return e instanceof UserError;
}
