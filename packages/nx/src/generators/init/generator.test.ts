import { readNxJson } from '@nx/devkit';
import { describe, expect, it } from 'vitest';
import { exampleTree, snapshot, written, yamlOf } from '../shared/test-tree';
import { PLUGIN } from '../shared/plugin-name';
import initGenerator from './generator';

describe('nx g init (what nx add runs)', () => {
  it('registers the plugin, loads it in Nx\'s own process and writes gitops.yaml from the Argo CD Applications', async () => {
    const tree = exampleTree();
    tree.delete('gitops.yaml');
    await initGenerator(tree);
    expect(readNxJson(tree)?.plugins).toContainEqual({ plugin: PLUGIN });
    expect(tree.read('.env', 'utf8')).toMatch(/^NX_ISOLATE_PLUGINS=false$/m);
    // Batching is the executors' own preference: forcing it with NX_BATCH_MODE would batch every other plugin's executors too.
    expect(tree.read('.env', 'utf8')).not.toMatch(/NX_BATCH_MODE/);
    const config = yamlOf(tree, 'gitops.yaml');
    expect(config.apps).toBe('deployment/helm/*');
    expect(config.environments.map((e: any) => [e.name, e.namespace, e.tier])).toEqual([
      ['dev', 'development', 'development'],
      ['staging', 'staging', 'staging'],
      ['prod', 'production', 'production'],
    ]);
    expect(config.argocd).toEqual({ applications: 'argocd/applications', namespace: 'argocd', repoURL: 'https://github.com/org/alpha-members.git', targetRevision: 'main' });
  });

  it('changes nothing when run again, and keeps a gitops.yaml and .env settings the user wrote', async () => {
    const tree = exampleTree();
    tree.write('.env', 'NX_BATCH_MODE=false\nexport NX_ISOLATE_PLUGINS=true\n');
    const userConfig = tree.read('gitops.yaml', 'utf8');
    await initGenerator(tree);
    expect(tree.read('gitops.yaml', 'utf8')).toBe(userConfig);
    expect(tree.read('.env', 'utf8')).toBe('NX_BATCH_MODE=false\nexport NX_ISOLATE_PLUGINS=true\n');
    const before = snapshot(tree);
    await initGenerator(tree);
    expect(written(before, snapshot(tree))).toEqual([]);
  });
});

describe('nx g init in a repository that never used Nx', () => {
  it('creates nx.json with the plugin registered', async () => {
    const tree = exampleTree();
    tree.delete('nx.json');
    await initGenerator(tree);
    expect(readNxJson(tree)?.plugins).toEqual([{ plugin: PLUGIN }]);
  });
});
