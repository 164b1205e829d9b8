import { ageIdentitiesFromEnv, assertAppGlobsMatch, deploymentByApplication, FORMATS, getApp, hasErrors, loadWorkspace, report, unlockSopsFiles, UserError, validateApp, workspaceFindings, type Finding } from '@helm-values-manager/core';
import { annotate } from '../annotate';
import { appOfAppsHelm } from '../app-of-apps-helm';
import { outputFlag, type Command } from '../command';

export const validateCommand: Command = {
  name: 'validate',
  summary: 'Check every app (or one) in every env (or one): schema, policy, secrets, Argo CD consistency',
  args: [{ name: 'APP', description: 'only this app', optional: true }],
  flags: [
    { name: 'env', short: 'e', value: 'ENV', description: 'only this env', multiple: true },
    { name: 'application', short: 'a', value: 'NAME', description: 'only the app and env this Argo CD Application deploys' },
    outputFlag([...FORMATS]),
  ],
  help: 'With SOPS_AGE_KEY or SOPS_AGE_KEY_FILE set, SOPS files are decrypted in memory to check their MAC, placeholder values and values shared across tiers (docs/secrets.md).\nExit codes: 0 clean, 1 findings, 2 usage or input errors. Rules: docs/rules.md.',
  async run({ positionals, values, root }, io) {
    const ws = loadWorkspace(root(), { helm: appOfAppsHelm(root()) });
    if (!positionals[0] && !values.application) assertAppGlobsMatch(ws);
    const d = values.application ? deploymentByApplication(ws, values.application as string) : undefined;
    if (d && !d.env) throw new UserError(`Application "${String(values.application)}" deploys to no env of gitops.yaml, so no env's checks apply`, { hint: 'Declare its env, or name it with argocd.names patterns (docs/layouts.md).' });
    const one = d?.app ?? positionals[0];
    const apps = one ? [getApp(ws, one)] : ws.apps;
    const envs = d ? [d.env as string] : (values.env as string[] | undefined);
    const sopsKeys = await unlockSopsFiles(ws, apps, ageIdentitiesFromEnv(io.env));
    // What Argo CD cannot read outside any one app (globs matching nothing, unknown envs) is reported with the whole workspace.
    const findings: Finding[] = [...(one ? [] : workspaceFindings(ws)), ...apps.flatMap((a) => validateApp(ws, a.name, { envs, sopsKeys }))];
    io.stdout(report(findings, values.output as string, { color: io.color, apps: apps.map((a) => a.name) }));
    annotate(findings, io);
    return hasErrors(findings) ? 1 : 0;
  },
};
