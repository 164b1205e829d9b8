import { findWorkspaceRoot, getApp, hasErrors, loadWorkspace, renderApp, report, writeRendered, type Finding } from '@hvm/core';
import type { Command } from '../command';

export const renderCommand: Command = {
  name: 'render',
  summary: 'Write each app\'s effective values and manifests per env to dist/rendered/<app>/<env>/',
  usage: 'gitops render [APP] [--env ENV]...',
  arity: [0, 1],
  options: {
    env: { type: 'string', short: 'e', multiple: true },
  },
  run({ positionals, values }, io) {
    const ws = loadWorkspace(findWorkspaceRoot(io.cwd));
    const apps = positionals[0] ? [getApp(ws, positionals[0])] : ws.apps;
    const findings: Finding[] = [];
    const notes = new Set<string>();
    for (const app of apps) {
      const r = renderApp(ws, app.name, { envs: values.env as string[] | undefined });
      r.notes.forEach((n) => notes.add(n));
      findings.push(...r.findings);
      // An app with a problem keeps its previous output: nothing half-rendered.
      if (hasErrors(r.findings)) continue;
      writeRendered(ws.root, app.name, r.files);
      io.stdout(`${app.name}: ${r.files.length} files in dist/rendered/${app.name}/\n`);
    }
    for (const n of notes) io.stderr(`note: ${n}\n`);
    if (findings.length > 0) io.stdout(report(findings, 'text', { color: io.color }));
    return hasErrors(findings) ? 1 : 0;
  },
};
