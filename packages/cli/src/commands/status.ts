import { formatStatusMarkdown, formatStatusTable, statusJson } from '@helm-values-manager/core';
import { promotion } from '../promotion';
import { applicationFlag, applicationNames, applicationTarget } from '../application-option';
import { loadCliWorkspace } from '../cli-workspace';
import { helmFlag, outputFlag, type Command } from '../command';

export const statusCommand: Command = {
  name: 'status',
  summary: 'Show what runs where: per app and env the deployed image tag, pending promotions, drift and findings',
  readsOnly: true,
  args: [{ name: 'APP', description: 'only these apps', optional: true, variadic: true }],
  flags: [
    { name: 'env', short: 'e', value: 'ENV', description: 'only this env column', multiple: true },
    applicationFlag('only the app and env column of this Argo CD Application (repeatable; a generated name too)', true),
    outputFlag(['text', 'json', 'markdown']),
    { name: 'wide', description: 'never abbreviate tags and names to fit the terminal' },
    helmFlag,
  ],
  help: 'Marks: >N promotable changes pending to the next env, ~N keys only this env sets (drift), !N validate findings.\nExit codes: 0 whatever it shows, 2 usage or input errors. See docs/status.md.',
  async run({ positionals, values, root }, io) {
    const ws = loadCliWorkspace({ root, values }, io);
    const targets = applicationNames(values).map((n) => applicationTarget(ws, n));
    const union = (a: string[] | undefined, b: string[]) => (a === undefined && b.length === 0 ? undefined : [...new Set([...(a ?? []), ...b])]);
    const status = (await promotion()).collectStatus(ws, { apps: union(positionals, targets.map((t) => t.app)) ?? [], envs: union(values.env as string[] | undefined, targets.map((t) => t.env)) });
    if (values.output === 'json') io.stdout(`${JSON.stringify(statusJson(status), null, 2)}\n`);
    else if (values.output === 'markdown') io.stdout(formatStatusMarkdown(status));
    else io.stdout(formatStatusTable(status, { wide: Boolean(values.wide), width: io.columns ?? (Number(io.env.COLUMNS) || 80) }));
    return 0;
  },
};
