import { diffEnvs, envDiffJson, formatEnvDiff, loadWorkspace } from '@hvm/core';
import { outputFlag, type Command } from '../command';

export const diffCommand: Command = {
  name: 'diff',
  summary: "Show how an app's effective values differ between two envs, and which differences promotion would copy",
  args: [
    { name: 'APP', description: 'the app' },
    { name: 'FROM', description: 'the env to compare from' },
    { name: 'TO', description: 'the env to compare with' },
  ],
  flags: [outputFlag(['text', 'json'])],
  run({ positionals: [app, from, to], values, root }, io) {
    const d = diffEnvs(loadWorkspace(root()), app, from, to);
    io.stdout(values.output === 'json' ? `${JSON.stringify(envDiffJson(d), null, 2)}\n` : formatEnvDiff(d));
    return 0;
  },
};
