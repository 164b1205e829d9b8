/** Where in a file something is: 1-based line and column. */
export interface Position {
  file: string;
  line: number;
  column: number;
}

export function formatPosition(p: Partial<Position> & { file: string }): string {
  if (!p.line) return p.file;
  return `${p.file}:${p.line}:${p.column ?? 1}`;
}

/**
 * An error the user caused and can fix: bad input, an unknown name, a wrong flag.
 * Adapters print `message` (already located) and `hint`, and exit with `exitCode`;
 * no stack trace unless asked for.
 */
export class UserError extends Error {
  readonly file?: string;
  readonly line?: number;
  readonly column?: number;
  readonly hint?: string;
  readonly exitCode: number;

  constructor(
    message: string,
    opts: { file?: string; line?: number; column?: number; hint?: string; exitCode?: number; cause?: unknown } = {},
  ) {
    super(message, opts.cause === undefined ? undefined : { cause: opts.cause });
    this.name = 'UserError';
    this.file = opts.file;
    this.line = opts.line;
    this.column = opts.column;
    this.hint = opts.hint;
    this.exitCode = opts.exitCode ?? 2;
  }

  /** `file:line:col: message` followed by what to do. */
  format(): string {
    const where = this.file ? `${formatPosition({ file: this.file, line: this.line, column: this.column })}: ` : '';
    return `${where}${this.message}${this.hint ? `\n  ${this.hint}` : ''}`;
  }
}

export function isUserError(e: unknown): e is UserError {
  return e instanceof UserError;
}
