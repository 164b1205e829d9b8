import { resolve } from 'node:path';
import { ageIdentitiesFromEnv, assertAppGlobsMatch, findHelm, FORMATS, getApp, hasErrors, report, unlockSopsFiles, validateRendered, workspaceFindings, type Finding } from '@helm-values-manager/core';
import { annotate } from '../annotate';
import { appOf, applicationFlag } from '../application-option';
import { loadCliWorkspace } from '../cli-workspace';
import { helmFlag, outputFlag, type Command } from '../command';

export const validateCommand: Command = {
  name: 'validate',
  summary: 'Check every app (or one) in every env (or one): schema, policy on the rendered manifests, secrets, Argo CD consistency',
  readsOnly: true,
  args: [{ name: 'APP', description: 'only this app', optional: true }],
  flags: [
    { name: 'env', short: 'e', value: 'ENV', description: 'only this env', multiple: true },
    applicationFlag('only the app and env this Argo CD Application deploys (a generated name too, or NAMESPACE/NAME)'),
    outputFlag([...FORMATS]),
    helmFlag,
  ],
  help: 'With helm (on PATH, helm.binary in gitops.yaml, or --helm), each chart is rendered per env as Argo CD renders it: its manifests are validated against the cluster\'s Kubernetes and CRD schemas and the hardening rules read the Pod specs, HPAs and Ingresses; without helm they read the values as early hints (docs/render.md).\nWith SOPS_AGE_KEY or SOPS_AGE_KEY_FILE set, SOPS files are decrypted in memory to check their MAC, placeholder values and values shared across tiers (docs/secrets.md).\nExit codes: 0 clean, 1 findings, 2 usage or input errors. Rules: docs/rules.md.',
  async run({ positionals, values, root }, io) {
    const ws = loadCliWorkspace({ root, values }, io);
    const { app: one, env } = appOf(ws, positionals[0], values);
    if (!one) assertAppGlobsMatch(ws);
    const apps = one ? [getApp(ws, one)] : ws.apps;
    const envs = env ? [env] : (values.env as string[] | undefined);
    const sopsKeys = await unlockSopsFiles(ws, apps, ageIdentitiesFromEnv(io.env));
    // What Argo CD cannot read outside any one app (globs matching nothing, unknown envs) is reported with the whole workspace.
    const helm = findHelm({ flag: values.helm === undefined ? undefined : resolve(io.cwd, values.helm as string), configured: ws.config.helm.binary, root: ws.root, env: io.env });
    // Every app at once: the helm processes queue for the cores (render/helm-process.ts).
    const results = await Promise.all(apps.map((a) => validateRendered(ws, a.name, { envs, sopsKeys, helm: helm?.run ?? null })));
    for (const n of new Set(results.flatMap((r) => r.notes))) io.stderr(`note: ${n}\n`);
    const findings: Finding[] = [...(one ? [] : workspaceFindings(ws)), ...results.flatMap((r) => r.findings)];
    io.stdout(report(findings, values.output as string, { color: io.color, apps: apps.map((a) => a.name) }));
    annotate(findings, io);
    return hasErrors(findings) ? 1 : 0;
  },
};
