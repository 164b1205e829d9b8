import { type Finding, UserError } from '../common';
import { type RuleMeta, RULES } from '../rules';
import { formatJson } from './json';
import { formatJunit } from './junit';
import { formatSarif } from './sarif';
import { formatText } from './text';

export { formatJson } from './json';
export { formatText, summary } from './text';
export { readFindingReports } from './read-reports';
export { formatSarif } from './sarif';
export { formatJunit } from './junit';
export { githubAnnotations, shouldAnnotate } from './github';

export const FORMATS = ['text', 'json', 'sarif', 'junit'] as const;
export type Format = (typeof FORMATS)[number];

export interface ReportOptions {
  color?: boolean;
  /** Rule descriptions for SARIF (every known rule by default). */
  rules?: RuleMeta[];
  /** Apps checked, so clean ones show as passing JUnit suites. */
  apps?: string[];
}

/** Render findings in a named format. */
export function report(findings: Finding[], format: string, opts: ReportOptions = {}): string {
  switch (format) {
    case 'text':
      return formatText(findings, opts);
    case 'json':
      return formatJson(findings);
    case 'sarif':
      return formatSarif(findings, opts.rules ?? RULES);
    case 'junit':
      return formatJunit(findings, opts.apps);
    default:
      throw new UserError(`unknown format "${format}"`, { hint: `Use one of: ${FORMATS.join(', ')}.` });
  }
}
export { formatHtmlReport, type HtmlReportOptions } from './html/html-report';
