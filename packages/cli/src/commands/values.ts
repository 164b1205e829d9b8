import { stringify } from 'yaml';
import { findWorkspaceRoot, formatWithProvenance, loadWorkspace, resolveValues } from '@hvm/core';
import type { Command } from '../command';
import { collectSets, readSetFile, setOptions } from '../set-args';

export const valuesCommand: Command = {
  name: 'values',
  summary: 'Print the effective values of an app in an env',
  usage: 'gitops values APP ENV [--cluster NAME] [--provenance] [--set k=v]... [--output yaml|json]',
  arity: [2, 2],
  options: {
    ...setOptions,
    cluster: { type: 'string' },
    provenance: { type: 'boolean' },
    output: { type: 'string', short: 'o', default: 'yaml' },
  },
  run({ positionals, values }, io) {
    const [app, env] = positionals;
    const ws = loadWorkspace(findWorkspaceRoot(io.cwd));
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
