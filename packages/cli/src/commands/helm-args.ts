import { relative } from 'node:path';
import { argoVariablesIn, formatHelmCommand, helmArgv, helmInvocation } from '@helm-values-manager/core';
import { appEnvOf, applicationFlag } from '../application-option';
import { loadCliWorkspace } from '../cli-workspace';
import { helmFlag, outputFlag, type Command } from '../command';
import { collectSets, setFlags } from '../set-args';

export const helmArgsCommand: Command = {
  name: 'helm-args',
  summary: 'Print the helm upgrade --install command that deploys an app to an env, as Argo CD would',
  args: [
    { name: 'APP', description: 'the app (omit with --application)', optional: true },
    { name: 'ENV', description: 'an environment of gitops.yaml (omit with --application)', optional: true },
  ],
  flags: [
    applicationFlag(),
    { name: 'cluster', value: 'NAME', description: "deploy to this cluster of the env (adds values-ENV.NAME.yaml)" },
    { name: 'release', value: 'NAME', description: "the release name (default: the Argo CD Application's helm.releaseName, else its name)" },
    ...setFlags,
    outputFlag(['text', 'json']),
    helmFlag,
  ],
  help: 'Examples:\n  gitops helm-args alpha-members prod\n  gitops helm-args --application alpha-members-prod\n  gitops helm-args alpha-members dev --set image.tag=dev-$(git rev-parse --short HEAD) -o json',
  run({ positionals, values, root, usage }, io) {
    const workspace = loadCliWorkspace({ root, values }, io);
    const ws = workspace.root;
    const { app, env, cluster } = appEnvOf(workspace, positionals, values, usage);
    const argo = helmInvocation(workspace, app, env, { cluster: (values.cluster as string | undefined) ?? cluster, extraSets: collectSets(values) });
    // e.g. the spec's manual deploys install "alpha-members" where Argo CD installs "alpha-members-prod"
    const inv = values.release ? { ...argo, release: values.release as string } : argo;
    const argv = helmArgv(inv, 'upgrade', (p) => relative(io.cwd, `${ws}/${p}`) || '.');
    if (values.output === 'json') {
      io.stdout(`${JSON.stringify(['helm', ...argv])}\n`);
      return 0;
    }
    io.stdout(`${formatHelmCommand(argv)}\n`);
    const vars = argoVariablesIn(argv);
    if (vars.length > 0) io.stderr(`note: ${vars.map((v) => `$${v}`).join(', ')} ${vars.length > 1 ? 'are' : 'is'} filled in by Argo CD (${inv.application}); set ${vars.length > 1 ? 'them' : 'it'} in your shell to deploy the same values\n`);
    return 0;
  },
};
