import { existsSync, readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { type Finding, isUserError, readBoundedText, UserError } from '../common';

/**
 * Every finding kept in JSON reports under `dir` (what the Nx targets write to
 * dist/reports/<target>/<app>.json for each app with findings, cached runs included), in a
 * stable file order. Nothing there means nothing found.
 */
export function readFindingReports(dir: string, root: string = process.cwd()): Finding[] {
  if (!existsSync(dir)) return [];
  const files = statSync(dir).isDirectory() ? walk(dir) : [dir];
  return files.flatMap((file) => {
    const shown = relative(root, file);
    let data: unknown;
    try {
      data = JSON.parse(readBoundedText(file, shown, { root: null, kind: 'report' }));
    } catch (e) {
      if (isUserError(e)) throw e;
      throw new UserError(`not a JSON report: ${(e as Error).message}`, { file: shown, hint: 'Delete it and re-run the targets that write dist/reports/.' });
    }
    const findings = (data as { findings?: unknown }).findings;
    if (!Array.isArray(findings)) throw new UserError('not a findings report: it has no "findings" list', { file: shown, hint: 'Point at dist/reports or a file written with --format json.' });
    return findings as Finding[];
  });
}

function walk(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true })
    .sort((a, b) => a.name.localeCompare(b.name))
    .flatMap((e) => (e.isDirectory() ? walk(join(dir, e.name)) : e.name.endsWith('.json') ? [join(dir, e.name)] : []));
}
