import { type Finding, formatPosition } from '../common';
import { printable } from './printable';

const xml = (s: string) =>
  s
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    // XML 1.0 cannot hold most control characters at all
    .replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F]/g, '');

/**
 * JUnit XML for CI test tabs: one suite per app, one test case per finding (a failure for an
 * error, a skipped case with the message for a warning), and a passing case for a clean app.
 */
export function formatJunit(findings: Finding[], apps: string[] = []): string {
  const byApp = new Map<string, Finding[]>(apps.map((a) => [a, []]));
  for (const f of printable(findings)) {
    const key = f.app ?? '(workspace)';
    byApp.set(key, [...(byApp.get(key) ?? []), f]);
  }
  const suites = [...byApp.entries()].sort(([a], [b]) => a.localeCompare(b));
  const total = (pred: (f: Finding) => boolean) => findings.filter(pred).length;
  const lines = ['<?xml version="1.0" encoding="UTF-8"?>', `<testsuites name="gitops" tests="${findings.length + suites.filter(([, fs]) => fs.length === 0).length}" failures="${total((f) => f.severity === 'error')}">`];
  for (const [app, fs] of suites) {
    const errors = fs.filter((f) => f.severity === 'error').length;
    lines.push(`  <testsuite name="${xml(app)}" tests="${fs.length || 1}" failures="${errors}" skipped="${fs.length - errors}">`);
    if (fs.length === 0) lines.push(`    <testcase classname="${xml(app)}" name="no problems"/>`);
    for (const f of fs) {
      const name = `${f.rule}${f.env ? ` [${f.env}]` : ''} ${formatPosition(f)}`;
      const text = `${formatPosition(f)}: ${f.path ? `${f.path}: ` : ''}${f.message}${f.hint ? `\n${f.hint}` : ''}`;
      lines.push(`    <testcase classname="${xml(app)}" name="${xml(name)}" file="${xml(f.file)}">`);
      lines.push(f.severity === 'error' ? `      <failure type="${xml(f.rule)}" message="${xml(f.message)}">${xml(text)}</failure>` : `      <skipped message="${xml(`${f.severity}: ${f.message}`)}"/>`);
      lines.push('    </testcase>');
    }
    lines.push('  </testsuite>');
  }
  lines.push('</testsuites>');
  return `${lines.join('\n')}\n`;
}
