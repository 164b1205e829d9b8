import { type Finding, formatPosition, type Severity } from '../common';
import { printable } from './printable';

const COLORS: Record<Severity, string> = { error: '\u001b[31m', warning: '\u001b[33m', info: '\u001b[36m' };
const DIM = '\u001b[2m';
const BOLD = '\u001b[1m';
const RESET = '\u001b[0m';

/**
 * Findings grouped by file, one line each as `file:line:col severity path: message [rule, envs]`
 * (clickable in terminals and editors). A finding repeated across envs is printed once.
 */
export function formatText(findings: Finding[], opts: { color?: boolean } = {}): string {
  const paint = (code: string, s: string) => (opts.color ? `${code}${s}${RESET}` : s);
  const merged = mergeAcrossEnvs(printable(findings));
  const lines: string[] = [];
  let lastFile: string | undefined;
  for (const { f, envs } of merged) {
    if (f.file !== lastFile) {
      if (lastFile !== undefined) lines.push('');
      lines.push(paint(BOLD, f.file));
      lastFile = f.file;
    }
    const where = formatPosition(f);
    const what = f.path ? `${f.path}: ${f.message}` : f.message;
    const tags = [f.rule, ...(envs.length ? [envs.join(', ')] : [])].join(' · ');
    lines.push(`  ${where}  ${paint(COLORS[f.severity], f.severity)}  ${what}  ${paint(DIM, `[${tags}]`)}`);
    if (f.hint) lines.push(`    ${paint(DIM, f.hint)}`);
  }
  if (lines.length > 0) lines.push('');
  lines.push(summary(findings));
  return `${lines.join('\n')}\n`;
}

export function summary(findings: Finding[]): string {
  const n = (s: Severity) => findings.filter((f) => f.severity === s).length;
  const errors = n('error');
  const warnings = n('warning');
  if (errors === 0 && warnings === 0) return 'No problems found.';
  return `${errors} error${errors === 1 ? '' : 's'}, ${warnings} warning${warnings === 1 ? '' : 's'}`;
}

function mergeAcrossEnvs(findings: Finding[]): { f: Finding; envs: string[] }[] {
  const out: { f: Finding; envs: string[] }[] = [];
  const byKey = new Map<string, { f: Finding; envs: string[] }>();
  for (const f of findings) {
    const key = JSON.stringify([f.file, f.line, f.column, f.rule, f.severity, f.path, f.message]);
    const hit = byKey.get(key);
    if (hit) {
      if (f.env && !hit.envs.includes(f.env)) hit.envs.push(f.env);
      continue;
    }
    const entry = { f, envs: f.env ? [f.env] : [] };
    byKey.set(key, entry);
    out.push(entry);
  }
  return out;
}
