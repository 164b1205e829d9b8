import { resolve } from 'node:path';
import { stringify } from 'yaml';
import { UserError, formatWithProvenance, helmRules, mergeFiles, readValuesYaml } from '@helm-values-manager/core';
import { outputFlag, type Command } from '../command';
import { collectSets, readSetFile, setFlags } from '../set-args';
import { printableValues, showSecretsFlag } from '../shown-values';

export const mergeCommand: Command = {
  name: 'merge',
  summary: 'Merge any values files exactly as helm -f ... -f ... would (no chart needed)',
  args: [],
  flags: [
    { name: 'values', short: 'f', value: 'FILE', description: 'a values file, later ones win', multiple: true, path: true },
    { name: 'defaults', value: 'FILE', description: "a chart's values.yaml to coalesce with, as Helm does (null then deletes a key)", path: true },
    { name: 'helm-version', value: 'VERSION', description: "follow this Helm's rules where Helm versions differ, e.g. 3.17 (default: the current Helm's; see docs/helm-compatibility.md)" },
    { name: 'provenance', description: 'annotate each line with the file:line:col that set it (YAML only)' },
    ...setFlags,
    showSecretsFlag,
    outputFlag(['yaml', 'json']),
  ],
  help: 'Example:\n  gitops merge -f values.yaml -f values-prod.yaml --set image.tag=1.2.3 -o json',
  run({ values, usage }, io) {
    const paths = (values.values as string[] | undefined) ?? [];
    if (paths.length === 0) throw new UserError('give at least one values file with -f', { hint: `Usage: ${usage}` });
    const version = values['helm-version'] as string | undefined;
    if (version !== undefined && !/^v?\d+(\.\d+){0,2}$/.test(version)) {
      throw new UserError(`--helm-version ${version}: not a Helm version`, { hint: 'Give a version such as 3.17, 3.17.3 or 4.1.4.' });
    }
    const read = (p: string) => readValuesYaml(resolve(io.cwd, p), p);
    const defaults = values.defaults ? read(values.defaults as string) : undefined;
    const res = mergeFiles(paths.map(read), { sets: collectSets(values), defaults, readFile: readSetFile(io.cwd), rules: helmRules(version) });
    for (const w of res.warnings) io.stderr(`warning: ${w}\n`);
    const shown = printableValues(res.values, values['show-secrets'], io);
    if (values.output === 'json') io.stdout(`${JSON.stringify(shown, null, 2)}\n`);
    else io.stdout(values.provenance ? formatWithProvenance(res, shown) : stringify(shown, { lineWidth: 0 }));
    return 0;
  },
};
