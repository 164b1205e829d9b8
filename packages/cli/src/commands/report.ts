import { existsSync } from 'node:fs';
import { isAbsolute, relative, resolve } from 'node:path';
import { FORMATS, hasErrors, readFindingReports, report, UserError } from '@helm-values-manager/core';
import { promotion } from '../promotion';
import { loadCliWorkspace } from '../cli-workspace';
import { helmFlag, outputFlag, type Command } from '../command';
import type { CliIO } from '../io';

export const reportCommand: Command = {
  name: 'report',
  summary: 'Print the findings that the Nx validate and lint targets kept in dist/reports, in any format (e.g. one SARIF file for code scanning), or write the status page with -o html',
  readsOnly: true,
  args: [{ name: 'DIR|FILE', description: 'where the reports are (default: dist/reports of the workspace)', optional: true, path: true }],
  flags: [
    outputFlag([...FORMATS, 'html']),
    { name: 'out', value: 'FILE', description: 'with -o html: write the page here (default: standard output)', path: true },
    { name: 'env', short: 'e', value: 'ENV', description: 'with -o html: only this env column', multiple: true },
    helmFlag,
  ],
  help: 'Examples:\n  gitops report dist/reports -o sarif > gitops.sarif\n  gitops report -o html --out dist/reports/status.html   # what runs where, values, promotions, findings (docs/status.md)',
  run({ positionals, values, root: findRoot }, io) {
    const root = findRoot();
    if (values.output === 'html') return htmlReport(findRoot, positionals, values, io);
    if (values.out || values.env) throw new UserError('--out and --env go with -o html', { hint: 'Run gitops report --help for every flag.' });
    const dir = resolve(io.cwd, positionals[0] ?? resolve(root, 'dist/reports'));
    // The targets keep a report only for apps with findings, so a clean run leaves nothing here.
    if (!existsSync(dir)) io.stderr(`nothing at ${relative(root, dir) || dir}: no findings kept, or the validate and lint targets have not run (npx nx run-many -t validate lint)\n`);
    const findings = readFindingReports(dir, root);
    io.stdout(report(findings, values.output as string, { color: io.color }));
    return hasErrors(findings) ? 1 : 0;
  },
};

/** The page is built from the workspace itself (validate and the promotion plans run here), not from kept reports. */
async function htmlReport(findRoot: () => string, positionals: string[], values: Record<string, unknown>, io: CliIO): Promise<number> {
  if (positionals.length > 0) throw new UserError('-o html reads the workspace, not a folder of kept findings', { hint: 'Drop the DIR argument; pick the file with --out FILE.' });
  const ws = loadCliWorkspace({ root: findRoot, values }, io);
  const envs = values.env as string[] | undefined;
  if (!values.out) {
    io.stdout((await promotion()).statusPage(ws, io.cwd, { envs }));
    return 0;
  }
  const out = resolve(io.cwd, values.out as string);
  if (relative(ws.root, out).startsWith('..') || isAbsolute(relative(ws.root, out))) {
    throw new UserError(`--out ${values.out as string} is outside the workspace`, { hint: 'Write the page inside it (e.g. --out dist/reports/status.html), or to standard output: gitops report -o html > FILE.' });
  }
  (await promotion()).writeStatusPage(ws, out, { envs });
  io.stderr(`wrote ${relative(io.cwd, out) || out}\n`);
  return 0;
}
