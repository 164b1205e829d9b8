import { outputFlag, type Command } from '../command';
import { packageVersion } from '../package-version';

export const versionCommand: Command = {
  name: 'version',
  summary: 'Print the version of gitops (the same as gitops --version)',
  args: [],
  flags: [outputFlag(['text', 'json'])],
  run({ values }, io) {
    const version = packageVersion();
    io.stdout(values.output === 'json' ? `${JSON.stringify({ version, node: process.versions.node }, null, 2)}\n` : `${version}\n`);
    return 0;
  },
};
