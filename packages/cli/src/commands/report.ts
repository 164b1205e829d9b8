import { existsSync } from 'node:fs';
import { relative, resolve } from 'node:path';
import { FORMATS, hasErrors, readFindingReports, report } from '@hvm/core';
import { outputFlag, type Command } from '../command';

export const reportCommand: Command = {
  name: 'report',
  summary: 'Print the findings that the Nx validate and lint targets kept in dist/reports, in any format (e.g. one SARIF file for code scanning)',
  args: [{ name: 'DIR|FILE', description: 'where the reports are (default: dist/reports of the workspace)', optional: true, path: true }],
  flags: [outputFlag([...FORMATS])],
  help: 'Example:\n  gitops report dist/reports -o sarif > gitops.sarif',
  run({ positionals, values, root: findRoot }, io) {
    const root = findRoot();
    const dir = resolve(io.cwd, positionals[0] ?? resolve(root, 'dist/reports'));
    // The targets keep a report only for apps with findings, so a clean run leaves nothing here.
    if (!existsSync(dir)) io.stderr(`nothing at ${relative(root, dir) || dir}: no findings kept, or the validate and lint targets have not run (npx nx run-many -t validate lint)\n`);
    const findings = readFindingReports(dir, root);
    io.stdout(report(findings, values.output as string, { color: io.color }));
    return hasErrors(findings) ? 1 : 0;
  },
};
