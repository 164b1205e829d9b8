import { assertAppGlobsMatch, FORMATS, getApp, hasErrors, lintApp, report, type Finding } from '@helm-values-manager/core';
import { annotate } from '../annotate';
import { appOf, applicationFlag } from '../application-option';
import { loadCliWorkspace } from '../cli-workspace';
import { helmFlag, outputFlag, type Command } from '../command';

export const lintCommand: Command = {
  name: 'lint',
  summary: 'Check the values files as written: unknown keys, redundant overrides, missing overlays, duplicate and undocumented keys',
  readsOnly: true,
  args: [{ name: 'APP', description: 'only this app', optional: true }],
  flags: [applicationFlag('only the app this Argo CD Application deploys (a generated name too, or NAMESPACE/NAME)'), outputFlag([...FORMATS]), helmFlag],
  help: 'Exit codes: 0 clean, 1 findings, 2 usage or input errors. Rules: docs/rules.md.',
  run({ positionals, values, root }, io) {
    const ws = loadCliWorkspace({ root, values }, io);
    // Lint reads the files as written, every env at once: the Application names the app.
    const { app } = appOf(ws, positionals[0], values);
    if (!app) assertAppGlobsMatch(ws);
    const apps = app ? [getApp(ws, app)] : ws.apps;
    const findings: Finding[] = apps.flatMap((a) => lintApp(ws, a.name));
    io.stdout(report(findings, values.output as string, { color: io.color, apps: apps.map((a) => a.name) }));
    annotate(findings, io);
    return hasErrors(findings) ? 1 : 0;
  },
};
