import { readNxJson } from '@nx/devkit';
import { createTreeWithEmptyWorkspace } from '@nx/devkit/testing';
import { describe, expect, it } from 'vitest';
import { PLUGIN } from '../shared/plugin-name';
import { yamlOf } from '../shared/test-tree';
import presetGenerator from './generator';

describe('the preset (create-nx-workspace --preset=<plugin>)', () => {
  it('starts a GitOps repository: gitops.yaml with three envs, one app with overlays and Applications, the plugin registered', async () => {
    const tree = createTreeWithEmptyWorkspace();
    await presetGenerator(tree, { name: 'platform', app: 'shop', repoURL: 'https://git.example.com/platform.git' });
    const config = yamlOf(tree, 'gitops.yaml');
    expect(config.environments.map((e: any) => e.name)).toEqual(['dev', 'staging', 'prod']);
    expect(config.argocd.repoURL).toBe('https://git.example.com/platform.git');
    for (const env of ['dev', 'staging', 'prod']) {
      expect(tree.exists(`deployment/helm/shop/values-${env}.yaml`), env).toBe(true);
      expect(yamlOf(tree, `argocd/applications/shop-${env}.yaml`).spec.source.repoURL).toBe('https://git.example.com/platform.git');
    }
    expect(readNxJson(tree)?.plugins).toContainEqual({ plugin: PLUGIN });
    expect(tree.read('.env', 'utf8')).toMatch(/^NX_ISOLATE_PLUGINS=false$/m);
    expect(tree.read('.env', 'utf8')).not.toMatch(/NX_BATCH_MODE/);
  });
});
