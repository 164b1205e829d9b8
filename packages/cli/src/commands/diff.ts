import { resolve } from 'node:path';
import { ageIdentitiesFromEnv, diffEnvs, envDiffJson, findHelm, formatEnvDiff, formatRenderedDiff, getApp, NO_HELM_NOTE, renderedEnvDiff, UserError, unlockSopsFiles, type Workspace } from '@helm-values-manager/core';
import { promotion } from '../promotion';
import { applicationFlag, applicationNames, applicationTarget, appOf } from '../application-option';
import { loadCliWorkspace } from '../cli-workspace';
import { helmFlag, outputFlag, type Command } from '../command';
import type { CliIO } from '../io';

export const diffCommand: Command = {
  name: 'diff',
  summary: "Show how an app's effective values (or, with --rendered, its manifests) differ between two envs; --against REF: what a change does to every affected app's manifests",
  args: [
    { name: 'APP', description: 'the app (with --against: only this app)', optional: true },
    { name: 'FROM', description: 'the env to compare from', optional: true },
    { name: 'TO', description: 'the env to compare with', optional: true },
  ],
  flags: [
    applicationFlag('an Argo CD Application instead of APP ENV: twice for FROM and TO (with --against: once, for its app)', true),
    outputFlag(['text', 'json', 'markdown']),
    { name: 'rendered', description: 'compare the manifests helm renders for the two envs, not the values' },
    { name: 'against', value: 'REF', description: 'a git ref: what the working tree changes in the rendered manifests of every app it touches, env by env' },
    helmFlag,
  ],
  help: 'Rendered diffs are unified diffs per manifest, secrets redacted; -o markdown for a PR comment (docs/render.md). Secret keys only one env has are listed; with SOPS_AGE_KEY or SOPS_AGE_KEY_FILE set, so are keys whose values both envs share (never the values).',
  async run({ positionals, values, root }, io) {
    const ws = loadCliWorkspace({ root, values }, io);
    const format = String(values.output);
    if (values.against !== undefined) {
      if (positionals.length > 1 || applicationNames(values).length > 1) throw new UserError('--against takes at most one APP (or one --application)', { hint: 'gitops diff --against origin/main [APP]' });
      return againstRef(ws, String(values.against), appOf(ws, positionals[0], values).app, format, values.helm as string | undefined, io);
    }
    const [app, from, to] = appFromTo(ws, positionals, applicationNames(values));
    if (values.rendered) {
      if (format === 'json') throw new UserError('--rendered prints text or markdown', { hint: 'Use -o text or -o markdown.' });
      const d = await renderedEnvDiff(ws, getApp(ws, app).name, from, to, helmOrFail(ws, values.helm as string | undefined, io));
      io.stdout(formatRenderedDiff([d].filter((x) => x.changes.length > 0), format as 'text', `${app}: ${from} and ${to} render the same manifests (but for their names).`));
      return 0;
    }
    if (format === 'markdown') throw new UserError('a values diff prints text or json', { hint: 'Use -o text or -o json, or add --rendered.' });
    const sopsKeys = await unlockSopsFiles(ws, [getApp(ws, app)], ageIdentitiesFromEnv(io.env));
    const d = diffEnvs(ws, app, from, to, sopsKeys);
    io.stdout(format === 'json' ? `${JSON.stringify(envDiffJson(d), null, 2)}\n` : formatEnvDiff(d));
    return 0;
  },
};

/** APP FROM TO, or two Applications that deploy the same app to two envs. */
function appFromTo(ws: Workspace, positionals: string[], applications: string[]): [string, string, string] {
  const usage = { hint: 'gitops diff alpha-members staging prod [--rendered], gitops diff -a alpha-members-staging -a alpha-members-prod, or gitops diff --against origin/main' };
  if (applications.length === 0) {
    if (positionals.length !== 3) throw new UserError('diff needs APP FROM TO, two --application, or --against REF', usage);
    return positionals as [string, string, string];
  }
  if (applications.length !== 2 || positionals.length > 0) throw new UserError('diff --application takes two Applications (FROM, then TO) and no APP FROM TO', usage);
  const [a, b] = applications.map((n) => applicationTarget(ws, n));
  if (a.app !== b.app) throw new UserError(`Applications "${applications[0]}" and "${applications[1]}" deploy different apps (${a.app} and ${b.app}): diff compares one app between two envs`, usage);
  return [a.app, a.env, b.env];
}

/** A rendered diff needs helm: without one it says so and stops (there is nothing else to show). */
function helmOrFail(ws: Workspace, flag: string | undefined, io: CliIO) {
  const helm = findHelm({ flag: flag === undefined ? undefined : resolve(io.cwd, flag), configured: ws.config.helm.binary, root: ws.root, env: io.env });
  if (!helm) throw new UserError(NO_HELM_NOTE, { hint: 'A rendered diff runs helm template: install helm, or name one with --helm.' });
  return helm.run;
}

async function againstRef(ws: Workspace, ref: string, app: string | undefined, format: string, flag: string | undefined, io: CliIO): Promise<number> {
  if (format === 'json') throw new UserError('--against prints text or markdown', { hint: 'Use -o text or -o markdown.' });
  const { diffs, notCharts } = await (await promotion()).renderedChangesAgainst(ws, ref, helmOrFail(ws, flag, io), app === undefined ? undefined : getApp(ws, app).name);
  for (const a of notCharts) io.stderr(`note: ${a} is not a chart (no Chart.yaml): its manifests are not rendered, so its change is not shown here (gitops diff APP FROM TO compares its values)\n`);
  io.stdout(formatRenderedDiff(diffs, format as 'text', `No rendered manifest changes against ${ref}${app ? ` for ${app}` : ''}.`));
  return 0;
}
