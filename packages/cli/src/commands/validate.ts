import { findWorkspaceRoot, getApp, hasErrors, loadWorkspace, report, validateApp, type Finding } from '@hvm/core';
import { annotate } from '../annotate';
import type { Command } from '../command';

export const validateCommand: Command = {
  name: 'validate',
  summary: 'Check every app (or one) in every env (or one): schema, policy, plaintext secrets, Argo CD consistency',
  usage: 'gitops validate [APP] [--env ENV]... [--format text|json|sarif|junit]',
  arity: [0, 1],
  options: {
    env: { type: 'string', short: 'e', multiple: true },
    format: { type: 'string', default: 'text' },
  },
  run({ positionals, values }, io) {
    const ws = loadWorkspace(findWorkspaceRoot(io.cwd));
    const apps = positionals[0] ? [getApp(ws, positionals[0])] : ws.apps;
    const envs = values.env as string[] | undefined;
    const findings: Finding[] = apps.flatMap((a) => validateApp(ws, a.name, { envs }));
    io.stdout(report(findings, values.format as string, { color: io.color, apps: apps.map((a) => a.name) }));
    annotate(findings, io);
    return hasErrors(findings) ? 1 : 0;
  },
};
