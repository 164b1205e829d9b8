import type { Tree } from '@nx/devkit';
import { CONFIG_FILE, renderTemplate } from '@helm-values-manager/core';
import { generateApp } from '../app/generator';
import initGenerator from '../init/generator';
import { asNxError, treeTemplates } from '../shared/tree-workspace';
import type { PresetGeneratorSchema } from './schema';

/** `create-nx-workspace --preset=<plugin>`: a new GitOps repository like the example workspace. */
export default async function presetGenerator(tree: Tree, options: PresetGeneratorSchema = {}): Promise<void> {
  await asNxError(async () => {
    if (!tree.exists(CONFIG_FILE)) {
      const repoURL = options.repoURL ?? 'https://github.com/example/gitops.git';
      tree.write(CONFIG_FILE, renderTemplate(tree.root, 'preset/gitops.yaml.hbs', { repoURL }, treeTemplates(tree)));
    }
    await initGenerator(tree, { skipGitopsYaml: true });
    generateApp(tree, { name: options.app ?? 'hello' });
  });
}
