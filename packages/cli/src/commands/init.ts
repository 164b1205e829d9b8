import { existsSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { CONFIG_FILE, detectLayout, gitOriginUrl, gitopsYamlText, initChartRenderer, initSummary, repoFileText, repoFiles } from '@helm-values-manager/core';
import type { Command } from '../command';

export const initCommand: Command = {
  name: 'init',
  summary: 'Write gitops.yaml from the Argo CD Applications and values files this repository holds',
  args: [],
  flags: [{ name: 'dry-run', description: 'print what it detects and the gitops.yaml it would write; write nothing' }],
  help: 'Apps, envs and clusters come from the Argo CD Applications and ApplicationSets found anywhere in the\nrepository, or from values file names (values-ENV.yaml, values_ENV.yaml, ENV/values.yaml) when there are\nnone. An existing gitops.yaml is kept, so running it again changes nothing.',
  run({ values, startDir }, io) {
    const root = startDir();
    const layout = detectLayout(repoFiles(root), repoFileText(root), { originURL: gitOriginUrl(root) }, initChartRenderer(root, io.env));
    const file = join(root, CONFIG_FILE);
    const exists = existsSync(file);
    if (values['dry-run']) {
      io.stdout(exists ? initSummary(layout, 'kept') : `${gitopsYamlText(layout)}---\n${initSummary(layout, 'written').replace(/^Wrote/m, 'Would write')}`);
      return 0;
    }
    if (!exists) {
      // Written whole or not at all: an interrupted init leaves no half gitops.yaml.
      writeFileSync(`${file}.tmp`, gitopsYamlText(layout));
      renameSync(`${file}.tmp`, file);
    }
    io.stderr(initSummary(layout, exists ? 'kept' : 'written'));
    return 0;
  },
};
