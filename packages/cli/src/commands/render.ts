import { resolve } from 'node:path';
import { findHelm, getApp, hasErrors, RENDERED_DIR, renderApp, report, UserError, writeRendered, type Finding } from '@helm-values-manager/core';
import { appOf, applicationFlag } from '../application-option';
import { loadCliWorkspace } from '../cli-workspace';
import { helmFlag, type Command } from '../command';

export const renderCommand: Command = {
  name: 'render',
  summary: 'Write each app\'s helm-rendered manifests and effective values per env to dist/rendered/<app>/<env>/',
  args: [{ name: 'APP', description: 'only this app', optional: true }],
  flags: [
    { name: 'env', short: 'e', value: 'ENV', description: 'only this env; the others keep their previous output', multiple: true },
    applicationFlag('only the app and env this Argo CD Application deploys (a generated name too, or NAMESPACE/NAME)'),
    { name: 'out-dir', value: 'DIR', description: 'write under DIR/<app>/<env>/ instead of dist/rendered/ (relative to the current folder)', aliases: ['out'], path: true },
    helmFlag,
  ],
  help: 'Manifests: docs/render.md. A chart (Chart.yaml) is rendered with helm template as Argo CD renders it, validated against the cluster\'s Kubernetes and CRD schemas, and the hardening rules run on its Pod specs.',
  async run({ positionals, values, root }, io) {
    const ws = loadCliWorkspace({ root, values }, io);
    const one = appOf(ws, positionals[0], values);
    const apps = one.app ? [getApp(ws, one.app)] : ws.apps;
    // --out-dir is the user's path, so relative to where they are; the default lives in the workspace.
    const outDir = values['out-dir'] as string | undefined;
    const out = outDir ? resolve(io.cwd, outDir) : RENDERED_DIR;
    const envs = one.env ? [one.env] : (values.env as string[] | undefined);
    // Envs not asked for keep their previous output; an env gone from gitops.yaml loses it.
    const keep = envs ? ws.config.environments.map((e) => e.name).filter((e) => !envs.includes(e)) : [];
    const helm = findHelm({ flag: values.helm === undefined ? undefined : resolve(io.cwd, values.helm as string), configured: ws.config.helm.binary, root: ws.root, env: io.env });
    const findings: Finding[] = [];
    const notes = new Set<string>();
    // Every app at once: the helm processes queue for the cores (render/helm-process.ts).
    const results = await Promise.all(apps.map((app) => renderApp(ws, app.name, { envs, helm: helm?.run ?? null })));
    results.forEach((r, i) => {
      const app = apps[i];
      r.notes.forEach((n) => notes.add(n));
      findings.push(...r.findings);
      // A manifest its schema refuses, or input that cannot be read, keeps the previous output: nothing half-rendered.
      if (r.findings.some((f) => f.severity === 'error' && (f.rule === 'manifest-schema' || f.rule === 'input'))) return;
      const dir = writeRendered(ws.root, app.name, r.files, { out, keep });
      io.stdout(`${app.name}: ${r.files.length} files in ${outDir ? dir : `${RENDERED_DIR}/${app.name}`}/\n`);
    });
    for (const n of notes) io.stderr(`note: ${n}\n`);
    // Input that cannot be read at all is a usage error (exit 2), not a finding about the output.
    const broken = findings.filter((f) => f.rule === 'input');
    if (broken.length > 0) {
      for (const f of broken) io.stderr(`error: ${new UserError(f.message, f).format()}\n`);
      return 2;
    }
    if (findings.length > 0) io.stdout(report(findings, 'text', { color: io.color }));
    return hasErrors(findings) ? 1 : 0;
  },
};
