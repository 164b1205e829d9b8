export type Severity = 'error' | 'warning' | 'info';

/** One problem found by any check. Checks return findings; reporters print them. */
export interface Finding {
  /** Rule id, e.g. `schema`, `yaml`, `image-tag-pinned`. */
  rule: string;
  severity: Severity;
  message: string;
  file: string;
  line: number;
  column: number;
  app?: string;
  env?: string;
  /** The value path, in formatPath form. */
  path?: string;
  /** What to do about it. */
  hint?: string;
}

export function hasErrors(findings: Finding[]): boolean {
  return findings.some((f) => f.severity === 'error');
}

/** A user error (a broken file) as a finding, so one bad app does not hide the others' results. */
export function findingFromError(e: { message: string; file?: string; line?: number; column?: number; hint?: string }, ctx: { app?: string; env?: string } = {}): Finding {
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
export function sortFindings(findings: Finding[]): Finding[] {
  return [...findings].sort(
    (a, b) =>
      a.file.localeCompare(b.file) ||
      a.line - b.line ||
      a.column - b.column ||
      a.rule.localeCompare(b.rule) ||
      (a.env ?? '').localeCompare(b.env ?? '') ||
      a.message.localeCompare(b.message),
  );
}
