import { ageIdentitiesFromEnv, FORMATS, getApp, hasErrors, loadWorkspace, report, unlockSopsFiles, validateApp, workspaceFindings, type Finding } from '@hvm/core';
import { annotate } from '../annotate';
import { outputFlag, type Command } from '../command';

export const validateCommand: Command = {
  name: 'validate',
  summary: 'Check every app (or one) in every env (or one): schema, policy, secrets, Argo CD consistency',
  args: [{ name: 'APP', description: 'only this app', optional: true }],
  flags: [{ name: 'env', short: 'e', value: 'ENV', description: 'only this env', multiple: true }, outputFlag([...FORMATS])],
  help: 'With SOPS_AGE_KEY or SOPS_AGE_KEY_FILE set, SOPS files are decrypted in memory to check their MAC, placeholder values and values shared across tiers (docs/secrets.md).\nExit codes: 0 clean, 1 findings, 2 usage or input errors. Rules: docs/rules.md.',
  async run({ positionals, values, root }, io) {
    const ws = loadWorkspace(root());
    const apps = positionals[0] ? [getApp(ws, positionals[0])] : ws.apps;
    const envs = values.env as string[] | undefined;
    const sopsKeys = await unlockSopsFiles(ws, apps, ageIdentitiesFromEnv(io.env));
    const findings: Finding[] = [...(positionals[0] ? [] : workspaceFindings(ws)), ...apps.flatMap((a) => validateApp(ws, a.name, { envs, sopsKeys }))];
    io.stdout(report(findings, values.output as string, { color: io.color, apps: apps.map((a) => a.name) }));
    annotate(findings, io);
    return hasErrors(findings) ? 1 : 0;
  },
};
