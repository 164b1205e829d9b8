import { assertAppGlobsMatch, FORMATS, getApp, hasErrors, lintApp, loadWorkspace, report, type Finding } from '@helm-values-manager/core';
import { annotate } from '../annotate';
import { outputFlag, type Command } from '../command';

export const lintCommand: Command = {
  name: 'lint',
  summary: 'Check the values files as written: unknown keys, redundant overrides, missing overlays, duplicate and undocumented keys',
  args: [{ name: 'APP', description: 'only this app', optional: true }],
  flags: [outputFlag([...FORMATS])],
  help: 'Exit codes: 0 clean, 1 findings, 2 usage or input errors. Rules: docs/rules.md.',
  run({ positionals, values, root }, io) {
    const ws = loadWorkspace(root());
    if (!positionals[0]) assertAppGlobsMatch(ws);
    const apps = positionals[0] ? [getApp(ws, positionals[0])] : ws.apps;
    const findings: Finding[] = apps.flatMap((a) => lintApp(ws, a.name));
    io.stdout(report(findings, values.output as string, { color: io.color, apps: apps.map((a) => a.name) }));
    annotate(findings, io);
    return hasErrors(findings) ? 1 : 0;
  },
};
