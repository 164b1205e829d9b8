import { stringify } from 'yaml';
import { formatWithProvenance, loadWorkspace, resolveValues } from '@hvm/core';
import { outputFlag, type Command } from '../command';
import { collectSets, readSetFile, setFlags } from '../set-args';

export const valuesCommand: Command = {
  name: 'values',
  summary: 'Print the effective values of an app in an env',
  args: [
    { name: 'APP', description: 'the app (its folder name)' },
    { name: 'ENV', description: 'an environment of gitops.yaml' },
  ],
  flags: [
    { name: 'cluster', value: 'NAME', description: "add the cluster's overlay (values-ENV.NAME.yaml)" },
    { name: 'provenance', description: 'annotate each line with the file:line:col that set it (YAML only)' },
    ...setFlags,
    outputFlag(['yaml', 'json']),
  ],
  run({ positionals: [app, env], values, root }, io) {
    const ws = loadWorkspace(root());
    const res = resolveValues(ws, app, env, {
      cluster: values.cluster as string | undefined,
      sets: collectSets(values),
      readFile: readSetFile(io.cwd),
    });
    for (const w of res.warnings) io.stderr(`warning: ${w}\n`);
    if (values.output === 'json') io.stdout(`${JSON.stringify(res.values, null, 2)}\n`);
    else io.stdout(values.provenance ? formatWithProvenance(res) : stringify(res.values, { lineWidth: 0 }));
    return 0;
  },
};
