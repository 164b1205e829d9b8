import { UserError } from '../errors';
import type { Finding } from '../finding';
import { formatJson } from './json';
import { formatText } from './text';

export { formatJson } from './json';
export { formatText, summary } from './text';
export { readFindingReports } from './read-reports';

export const FORMATS = ['text', 'json'] as const;
export type Format = (typeof FORMATS)[number];

/** Render findings in a named format. */
export function report(findings: Finding[], format: string, opts: { color?: boolean } = {}): string {
  switch (format) {
    case 'text':
      return formatText(findings, opts);
    case 'json':
      return formatJson(findings);
    default:
      throw new UserError(`unknown format "${format}"`, { hint: `Use one of: ${FORMATS.join(', ')}.` });
  }
}
