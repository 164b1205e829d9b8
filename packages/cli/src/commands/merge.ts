import { resolve } from 'node:path';
import { stringify } from 'yaml';
import { UserError, formatWithProvenance, mergeFiles, readValuesYaml } from '@hvm/core';
import type { Command } from '../command';
import { collectSets, readSetFile, setOptions } from '../set-args';

export const mergeCommand: Command = {
  name: 'merge',
  summary: 'Merge any values files exactly as helm -f ... -f ... would (no chart needed)',
  usage: 'gitops merge -f A.yaml [-f B.yaml]... [--defaults CHART-VALUES.yaml] [--set k=v]... [--provenance] [--output yaml|json]',
  arity: [0, 0],
  options: {
    ...setOptions,
    values: { type: 'string', short: 'f', multiple: true },
    defaults: { type: 'string' },
    provenance: { type: 'boolean' },
    output: { type: 'string', short: 'o', default: 'yaml' },
  },
  run({ values }, io) {
    const paths = (values.values as string[] | undefined) ?? [];
    if (paths.length === 0) throw new UserError('give at least one values file with -f', { hint: this.usage });
    const read = (p: string) => readValuesYaml(resolve(io.cwd, p), p);
    const defaults = values.defaults ? read(values.defaults as string) : undefined;
    const res = mergeFiles(paths.map(read), { sets: collectSets(values), defaults, readFile: readSetFile(io.cwd) });
    for (const w of res.warnings) io.stderr(`warning: ${w}\n`);
    if (values.output === 'json') io.stdout(`${JSON.stringify(res.values, null, 2)}\n`);
    else io.stdout(values.provenance ? formatWithProvenance(res) : stringify(res.values, { lineWidth: 0 }));
    return 0;
  },
};
