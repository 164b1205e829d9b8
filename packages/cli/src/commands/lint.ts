import { findWorkspaceRoot, getApp, hasErrors, lintApp, loadWorkspace, report, type Finding } from '@hvm/core';
import { annotate } from '../annotate';
import type { Command } from '../command';

export const lintCommand: Command = {
  name: 'lint',
  summary: 'Check the values files as written: unknown keys, redundant overrides, missing overlays, duplicate and undocumented keys',
  usage: 'gitops lint [APP] [--format text|json|sarif|junit]',
  arity: [0, 1],
  options: {
    format: { type: 'string', default: 'text' },
  },
  run({ positionals, values }, io) {
    const ws = loadWorkspace(findWorkspaceRoot(io.cwd));
    const apps = positionals[0] ? [getApp(ws, positionals[0])] : ws.apps;
    const findings: Finding[] = apps.flatMap((a) => lintApp(ws, a.name));
    io.stdout(report(findings, values.format as string, { color: io.color, apps: apps.map((a) => a.name) }));
    annotate(findings, io);
    return hasErrors(findings) ? 1 : 0;
  },
};
