import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { formatJson, githubAnnotations, hasErrors, report, shouldAnnotate, type Finding } from '@hvm/core';
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
  const file = join(root, REPORTS_DIR, target, `${app}.json`);
  if (findings.length > 0) {
    mkdirSync(dirname(file), { recursive: true });
    // A task output: Nx replaces it from the cache whole, so no temporary file is needed.
    writeFileSync(file, formatJson(findings));
  } else {
    rmSync(file, { force: true });
  }
  const color = process.env.FORCE_COLOR !== undefined && process.env.FORCE_COLOR !== '0';
  const annotations = shouldAnnotate(process.env) ? githubAnnotations(findings) : '';
  return { success: !hasErrors(findings), output: report(findings, format, { color, apps: [app] }) + annotations };
}
