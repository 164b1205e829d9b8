import { stringify } from 'yaml';
import { deploymentByApplication, ENCRYPTED_MARK, formatPosition, formatWithProvenance, resolveDeployment, resolveValues, UserError } from '@helm-values-manager/core';
import { applicationFlag } from '../application-option';
import { loadCliWorkspace } from '../cli-workspace';
import { helmFlag, outputFlag, type Command } from '../command';
import { collectSets, readSetFile, setFlags } from '../set-args';
import { printableValues, showSecretsFlag } from '../shown-values';

export const valuesCommand: Command = {
  name: 'values',
  summary: 'Print the effective values of an app in an env: what Argo CD deploys',
  readsOnly: true,
  args: [
    { name: 'APP', description: 'the app (named by the Applications that deploy it, or its folder)', optional: true },
    { name: 'ENV', description: 'an environment of gitops.yaml', optional: true },
  ],
  flags: [
    applicationFlag(),
    { name: 'cluster', value: 'NAME', description: "add the cluster's overlay (values-ENV.NAME.yaml)" },
    { name: 'provenance', description: 'annotate each line with the file:line:col that set it (YAML only)' },
    ...setFlags,
    showSecretsFlag,
    outputFlag(['yaml', 'json']),
    helmFlag,
  ],
  run({ positionals, values, root, usage }, io) {
    // An Application that deploys to no declared env still has values: shown here, unlike the checks.
    const application = values.application as string | undefined;
    if (application ? positionals.length !== 0 : positionals.length !== 2) {
      throw new UserError(application ? '--application names the deployment: give no APP ENV with it' : 'values takes APP ENV, or --application NAME', { hint: `Usage: ${usage}` });
    }
    const [app, env] = positionals;
    const ws = loadCliWorkspace({ root, values }, io);
    const opts = { cluster: values.cluster as string | undefined, sets: collectSets(values), readFile: readSetFile(io.cwd) };
    const res = application ? resolveDeployment(ws, deploymentByApplication(ws, application), opts) : resolveValues(ws, app, env, opts);
    for (const w of res.warnings) io.stderr(`warning: ${w}\n`);
    // Never silently partial: say what these values cannot include.
    for (const f of res.deployment?.plan.findings ?? []) io.stderr(`${f.severity}: ${formatPosition(f)}: ${f.message}\n`);
    if (res.opaque.length > 0) io.stderr(`note: ${res.opaque.length} value${res.opaque.length === 1 ? '' : 's'} come${res.opaque.length === 1 ? 's' : ''} from SOPS-encrypted files and ${res.opaque.length === 1 ? 'is' : 'are'} shown as ${ENCRYPTED_MARK}\n`);
    const shown = printableValues(res.values, values['show-secrets'], io);
    if (values.output === 'json') io.stdout(`${JSON.stringify(shown, null, 2)}\n`);
    else io.stdout(values.provenance ? formatWithProvenance(res, shown) : stringify(shown, { lineWidth: 0 }));
    return 0;
  },
};
