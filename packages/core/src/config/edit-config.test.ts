import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { EXAMPLE_ROOT } from '../test-support/example-workspace';
import { parseValuesYaml } from '../yaml';
import { addCluster, addEnvironment } from './edit-config';
import { parseConfig } from './load-config';

const example = () => parseValuesYaml(readFileSync(join(EXAMPLE_ROOT, 'gitops.yaml'), 'utf8'), 'gitops.yaml');

/** Lines of `before` missing from `after`, in order: what an edit lost. */
function lostLines(before: string, after: string): string[] {
  const rest = after.split('\n');
  const lost: string[] = [];
  let k = 0;
  for (const line of before.split('\n')) {
    const found = rest.indexOf(line, k);
    if (found < 0) lost.push(line);
    else k = found + 1;
  }
  return lost;
}

describe('addEnvironment', () => {
  it('inserts the env after the given one, rewires promotion and keeps every comment and line', () => {
    const source = example();
    const text = addEnvironment(source, { name: 'qa', namespace: 'qa', tier: 'staging', secrets: 'external-secrets', secretStore: { name: 'vault-qa', kind: 'ClusterSecretStore' }, project: 'qa' }, 'staging');
    const config = parseConfig(parseValuesYaml(text, 'gitops.yaml'));
    expect(config.environments.map((e) => e.name)).toEqual(['dev', 'staging', 'qa', 'prod']);
    expect(config.environments[2]).toMatchObject({ namespace: 'qa', tier: 'staging', secretStore: { name: 'vault-qa' } });
    expect(config.promotion.paths).toEqual([
      { from: 'dev', to: ['staging'] },
      { from: 'staging', to: ['qa'] },
      { from: 'qa', to: ['prod'] },
    ]);
    // Nothing the user wrote is lost: comments, blank lines and the flow list survive.
    expect(lostLines(source.text, text)).toEqual([]);
    expect(text).toContain('    - from: staging\n      to: qa\n    - from: qa\n      to: prod\n  # Copied from');
    expect(text).toContain('# Never copied: these are right for one env only.');
    expect(text).toContain('labels: [promotion]');
    expect(text).toContain('  - name: qa\n    namespace: qa\n');
  });

  it('appends a last env and puts a first one before the others', () => {
    const last = parseConfig(parseValuesYaml(addEnvironment(example(), { name: 'dr', namespace: 'dr', tier: 'production', secrets: 'sops', project: 'default' }, 'prod'), 'g'));
    expect(last.environments.at(-1)?.name).toBe('dr');
    expect(last.promotion.paths.at(-1)).toEqual({ from: 'prod', to: ['dr'] });
    const first = parseConfig(parseValuesYaml(addEnvironment(example(), { name: 'sandbox', namespace: 'sandbox', tier: 'development', secrets: 'sops', project: 'default' }, undefined), 'g'));
    expect(first.environments[0].name).toBe('sandbox');
    expect(first.promotion.paths[0]).toEqual({ from: 'sandbox', to: ['dev'] });
  });

  it('refuses an env that exists', () => {
    expect(() => addEnvironment(example(), { name: 'prod', namespace: 'p', tier: 'production', secrets: 'sops', project: 'p' }, 'staging')).toThrow(/already exists/);
  });
});

describe('addCluster', () => {
  it('declares the cluster and adds it to the env after its default destination', () => {
    const source = example();
    const text = addCluster(source, { name: 'prod-eu', server: 'https://eu.example.com' }, 'prod');
    const config = parseConfig(parseValuesYaml(text, 'gitops.yaml'));
    expect(config.clusters.map((c) => c.name)).toEqual(['in-cluster', 'prod-eu']);
    expect(config.environments.find((e) => e.name === 'prod')?.clusters).toEqual(['in-cluster', 'prod-eu']);
    expect(lostLines(source.text, text)).toEqual([]);
  });

  it('turns a single cluster: into a list that keeps it first, in place', () => {
    const source = parseValuesYaml(example().text.replace('    tier: production\n', '    cluster: in-cluster # default destination\n    tier: production\n'), 'gitops.yaml');
    const text = addCluster(source, { name: 'prod-eu', server: 'https://eu.example.com' }, 'prod');
    expect(text).toContain('    namespace: production\n    clusters:\n      - in-cluster\n      - prod-eu\n    tier: production\n');
    expect(text).not.toContain('    cluster: in-cluster');
  });
});
