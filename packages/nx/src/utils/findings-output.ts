import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { formatJson, githubAnnotations, hasErrors, report, shouldAnnotate, writeOutputFile, type Finding } from '@helm-values-manager/core';
import { REPORTS_DIR } from '../plugins/targets';
import type { AppTaskResult } from './app-task';

/**
 * Print an app's findings and keep them as the target's output
 * (dist/reports/<target>/<app>.json), so a cached run restores them and
 * `gitops report` can turn every app's findings into one SARIF file.
 * A clean app keeps no file: most apps are clean, and writing and caching a file for each
 * cost a large repository more than checking them.
 */
export function findingsResult(root: string, target: string, app: string, findings: Finding[], format = 'text'): AppTaskResult {
  const file = `${REPORTS_DIR}/${target}/${app}.json`;
  if (findings.length > 0 || existsSync(join(root, file))) writeOutputFile(root, file, findings.length > 0 ? formatJson(findings) : null);
  const color = process.env.FORCE_COLOR !== undefined && process.env.FORCE_COLOR !== '0';
  const annotations = shouldAnnotate(process.env) ? githubAnnotations(findings) : '';
  return { success: !hasErrors(findings), output: report(findings, format, { color, apps: [app] }) + annotations };
}
