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

  it('writes only what differs, in order, and rewires a path whose to is a list', () => {
    const source = parseValuesYaml('environments:\n- name: dev\n- name: prod\npromotion:\n  paths:\n  - from: other\n    to: prod\n  - from: dev\n    to: [prod, dr]\n', 'gitops.yaml');
    const text = addEnvironment(source, { name: 'qa', namespace: 'quality', tier: 'staging', secrets: 'sops', clusters: ['in-cluster', 'eu'], project: 'default' }, 'dev');
    expect(text).toBe(
      'environments:\n- name: dev\n- name: qa\n  namespace: quality\n  clusters:\n  - in-cluster\n  - eu\n  tier: staging\n  secrets: sops\n  project: default\n- name: prod\npromotion:\n  paths:\n  - from: other\n    to: prod\n  - from: dev\n    to: [qa, dr]\n  - from: qa\n    to: prod\n',
    );
  });

  it('leaves promotion alone when no path leads from the env before to the one after', () => {
    const source = parseValuesYaml('environments:\n  - name: dev\n  - name: prod\npromotion:\n  paths:\n    - from: dev\n      to: [dr]\n', 'gitops.yaml');
    expect(addEnvironment(source, { name: 'qa', namespace: 'qa', tier: 'staging', secrets: 'sops', project: 'p' }, 'dev')).toContain('promotion:\n  paths:\n    - from: dev\n      to: [dr]\n');
    const noPaths = parseValuesYaml('environments: [{name: dev}]\n', 'gitops.yaml');
    expect(addEnvironment(noPaths, { name: 'qa', namespace: 'qa', tier: 'staging', secrets: 'sops', project: 'p' }, 'dev')).toBe('environments: [{name: dev}, {name: qa, namespace: qa, tier: staging, secrets: sops, project: p}]\n');
  });

  it('refuses an unknown neighbour and an environments key that is no list, saying what to do', () => {
    expect(() => addEnvironment(example(), { name: 'qa', namespace: 'qa', tier: 'staging', secrets: 'sops', project: 'p' }, 'nope')).toThrow(
      expect.objectContaining({ message: 'unknown environment "nope"', file: 'gitops.yaml', hint: 'Environments: dev, staging, prod.' }),
    );
    expect(() => addEnvironment(parseValuesYaml('environments: {}\n', 'gitops.yaml'), { name: 'qa', namespace: 'qa', tier: 'staging', secrets: 'sops', project: 'p' }, undefined)).toThrow(
      expect.objectContaining({ message: 'environments in gitops.yaml is not a list', hint: 'Declare it as a YAML list.' }),
    );
  });

  it('refuses an env that exists', () => {
    expect(() => addEnvironment(example(), { name: 'prod', namespace: 'p', tier: 'production', secrets: 'sops', project: 'p' }, 'staging')).toThrow(
      expect.objectContaining({ message: 'environment "prod" already exists in gitops.yaml', file: 'gitops.yaml', hint: 'Pick another --name.' }),
    );
  });

  it('rewires only the path that led to the next env, whatever else leaves the same env', () => {
    const source = parseValuesYaml('environments:\n  - name: dev\n  - name: prod\npromotion:\n  paths:\n    - from: dev\n      to: dr\n    - from: dev\n      to: [dr]\n    - from: dev\n      to: prod\n', 'gitops.yaml');
    expect(addEnvironment(source, { name: 'qa', namespace: 'qa', tier: 'staging', secrets: 'sops', project: 'p' }, 'dev')).toBe(
      'environments:\n  - name: dev\n  - name: qa\n    namespace: qa\n    tier: staging\n    secrets: sops\n    project: p\n  - name: prod\npromotion:\n  paths:\n    - from: dev\n      to: dr\n    - from: dev\n      to: [dr]\n    - from: dev\n      to: qa\n    - from: qa\n      to: prod\n',
    );
  });

  it('adds no path for the first env of a workspace that has none, and keeps a list that is not indented even after a key with trailing spaces', () => {
    const empty = parseValuesYaml('environments: []\npromotion:\n  paths: []\n', 'gitops.yaml');
    expect(addEnvironment(empty, { name: 'qa', namespace: 'qa', tier: 'staging', secrets: 'sops', project: 'p' }, undefined)).toBe('environments: [{name: qa, namespace: qa, tier: staging, secrets: sops, project: p}]\npromotion:\n  paths: []\n');
    const trailing = parseValuesYaml('environments:  \n- name: dev\n', 'gitops.yaml');
    expect(addEnvironment(trailing, { name: 'qa', namespace: 'qa', tier: 'staging', secrets: 'sops', project: 'p' }, 'dev')).toBe('environments:\n- name: dev\n- name: qa\n  namespace: qa\n  tier: staging\n  secrets: sops\n  project: p\n');
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

  it('declares a cluster only once, with its description, and adds it to an env that lists clusters', () => {
    const source = parseValuesYaml('environments:\n  - name: a\n    clusters: [eu]\nclusters:\n  - name: eu\n    server: https://eu\n', 'gitops.yaml');
    expect(addCluster(source, { name: 'eu', server: 'https://other' })).toBe(source.text);
    expect(addCluster(parseValuesYaml(source.text.replace('[eu]', '[ eu ]'), 'gitops.yaml'), { name: 'us', server: 'https://us' }, 'a')).toBe(
      'environments:\n  - name: a\n    clusters: [ eu, us ]\nclusters:\n  - name: eu\n    server: https://eu\n  - name: us\n    server: https://us\n',
    );
    expect(addCluster(source, { name: 'us', server: 'https://us', description: 'US east' })).toBe(
      'environments:\n  - name: a\n    clusters: [eu]\nclusters:\n  - name: eu\n    server: https://eu\n  - name: us\n    server: https://us\n    description: US east\n',
    );
    expect(() => addCluster(source, { name: 'us', server: 'https://us' }, 'nope')).toThrow(expect.objectContaining({ message: 'unknown environment "nope"', file: 'gitops.yaml' }));
  });

  it('starts a clusters list when there is none, and gives an env without cluster: the default first, after its name and namespace', () => {
    const source = parseValuesYaml('environments:\n  - name: a\n    namespace: n\n    tier: staging\n  - name: b\n', 'gitops.yaml');
    expect(addCluster(source, { name: 'eu', server: 'https://eu' }, 'a')).toBe(
      'environments:\n  - name: a\n    namespace: n\n    clusters:\n      - in-cluster\n      - eu\n    tier: staging\n  - name: b\nclusters:\n  - name: eu\n    server: https://eu\n',
    );
    expect(addCluster(source, { name: 'eu', server: 'https://eu' }, 'b')).toContain('  - name: b\n    clusters:\n      - in-cluster\n      - eu\n');
  });

  it('keeps a single cluster: of another name first, also when it is the env\'s first key', () => {
    const source = parseValuesYaml('environments:\n  - cluster: eu\n    name: a\n    tier: staging\nclusters:\n  - name: eu\n    server: https://eu\n', 'gitops.yaml');
    expect(addCluster(source, { name: 'us', server: 'https://us' }, 'a')).toBe(
      'environments:\n  - clusters:\n      - eu\n      - us\n    name: a\n    tier: staging\nclusters:\n  - name: eu\n    server: https://eu\n  - name: us\n    server: https://us\n',
    );
  });

  it('turns a single cluster: into a list that keeps it first, in place', () => {
    const source = parseValuesYaml(example().text.replace('    tier: production\n', '    cluster: in-cluster # default destination\n    tier: production\n'), 'gitops.yaml');
    const text = addCluster(source, { name: 'prod-eu', server: 'https://eu.example.com' }, 'prod');
    expect(text).toContain('    namespace: production\n    clusters:\n      - in-cluster\n      - prod-eu\n    tier: production\n');
    expect(text).not.toContain('    cluster: in-cluster');
  });
});
