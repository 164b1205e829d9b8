import { didYouMean, type Finding } from '../common';
import { IGNORE_COMMENT } from '../rules';

const MARKER = /#\s*gitops:ignore\b(.*)$/;

interface IgnoreComment {
  line: number;
  column: number;
  rules: string[];
  reason: string;
}

/** Ignore comments of a file, by line. */
export function ignoreComments(text: string): Map<number, IgnoreComment> {
  const out = new Map<number, IgnoreComment>();
  if (!text.includes('gitops:ignore')) return out;
  text.split('\n').forEach((lineText, i) => {
    const m = MARKER.exec(lineText);
    if (!m) return;
    const [ids = '', ...reason] = m[1].trim().split(/\s+/);
    out.set(i + 1, { line: i + 1, column: (m.index ?? 0) + 1, rules: ids.split(',').filter(Boolean), reason: reason.join(' ') });
  });
  return out;
}

/** Reads each file's ignore comments once. */
function commentsReader(readText: (file: string) => string | undefined) {
  const byFile = new Map<string, Map<number, IgnoreComment>>();
  const of = (file: string) => {
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

function accepted(findings: Finding[], commentsOf: (file: string) => Map<number, IgnoreComment>): Finding[] {
  return findings.filter((f) => {
    if (f.rule === IGNORE_COMMENT.id || f.line === 0) return true;
    const c = commentsOf(f.file).get(f.line);
    return !(c && c.reason && c.rules.includes(f.rule));
  });
}

/** Drop the findings that an ignore comment on their line accepts (for checks whose wrong ignore comments validate reports). */
export function dropIgnored(findings: Finding[], readText: (file: string) => string | undefined): Finding[] {
  return accepted(findings, commentsReader(readText).of);
}

/**
 * Drop the findings that an ignore comment on their line accepts, and report the ignore
 * comments that are themselves wrong (no reason, unknown rule id) in the files of the findings
 * and in `files`.
 */
export function applyIgnores(findings: Finding[], opts: { knownRules: string[]; files?: string[]; readText: (file: string) => string | undefined }): Finding[] {
  const comments = commentsReader(opts.readText);
  const kept = accepted(findings, comments.of);
  for (const file of opts.files ?? []) comments.of(file);
  const problems: Finding[] = [];
  for (const [file, fileComments] of comments.byFile) {
    for (const c of fileComments.values()) {
      const base = { rule: IGNORE_COMMENT.id, severity: 'error' as const, file, line: c.line, column: c.column, hint: IGNORE_COMMENT.fix };
      for (const id of c.rules.filter((r) => !opts.knownRules.includes(r))) {
        const guess = didYouMean(id, opts.knownRules);
        problems.push({ ...base, message: `unknown rule "${id}" in an ignore comment${guess ? `; did you mean "${guess}"?` : ''}` });
      }
      if (c.rules.length === 0) problems.push({ ...base, message: 'the ignore comment names no rule' });
      else if (!c.reason) problems.push({ ...base, message: `the ignore comment for ${c.rules.join(', ')} gives no reason, so it ignores nothing` });
    }
  }
  return [...kept, ...problems];
}
