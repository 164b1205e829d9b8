import { diffEnvs, envDiffJson, findWorkspaceRoot, formatEnvDiff, loadWorkspace, UserError } from '@hvm/core';
import type { Command } from '../command';

export const diffCommand: Command = {
  name: 'diff',
  summary: "Show how an app's effective values differ between two envs, and which differences promotion would copy",
  usage: 'gitops diff APP FROM TO [--format text|json]',
  arity: [3, 3],
  options: {
    format: { type: 'string', default: 'text' },
  },
  run({ positionals: [app, from, to], values }, io) {
    const ws = loadWorkspace(findWorkspaceRoot(io.cwd));
    const d = diffEnvs(ws, app, from, to);
    if (values.format === 'json') io.stdout(`${JSON.stringify(envDiffJson(d), null, 2)}\n`);
    else if (values.format === 'text') io.stdout(formatEnvDiff(d));
    else throw new UserError(`unknown format "${String(values.format)}"`, { hint: 'Use text or json.' });
    return 0;
  },
};
