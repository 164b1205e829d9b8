import type { Finding } from '../common';
import { printable } from './printable';

// GitHub's workflow-command escaping: data escapes %, CR, LF; properties also ':' and ','.
const data = (s: string) => s.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
const prop = (s: string) => data(s).replace(/:/g, '%3A').replace(/,/g, '%2C');

const COMMAND = { error: 'error', warning: 'warning', info: 'notice' } as const;

/** Findings as GitHub Actions annotations (`::error file=...,line=...::message`), shown on the PR's diff. */
export function githubAnnotations(findings: Finding[]): string {
  return printable(findings)
    .map((f) => {
      const props = [`file=${prop(f.file)}`, ...(f.line ? [`line=${f.line}`, `col=${f.column || 1}`] : []), `title=${prop(`${f.rule}${f.env ? ` (${f.env})` : ''}`)}`];
      const text = `${f.path ? `${f.path}: ` : ''}${f.message}${f.hint ? `\n${f.hint}` : ''}`;
      return `::${COMMAND[f.severity]} ${props.join(',')}::${data(text)}\n`;
    })
    .join('');
}

/** GitHub Actions sets GITHUB_ACTIONS=true in every step. */
export function shouldAnnotate(env: Record<string, string | undefined>): boolean {
  return env.GITHUB_ACTIONS === 'true';
}
