import type { Finding } from '../common';
import { printable } from './printable';

/** Findings as a JSON document: `{ findings: [...], errors, warnings }`. */
export function formatJson(findings: Finding[]): string {
  const sorted = printable(findings);
  return `${JSON.stringify(
    {
      findings: sorted,
      errors: sorted.filter((f) => f.severity === 'error').length,
      warnings: sorted.filter((f) => f.severity === 'warning').length,
    },
    null,
    2,
  )}\n`;
}
