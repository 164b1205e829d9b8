import { describe, expect, it } from 'vitest';
import { UserError } from '../common';
import { parseValuesYaml } from '../yaml';
import { loadConfig, parseConfig } from './load-config';
import { EXAMPLE_ROOT } from '../test-support/example-workspace';

function configError(text: string): UserError {
  try {
    parseConfig(parseValuesYaml(text, 'gitops.yaml'));
  } catch (e) {
    if (e instanceof UserError) return e;
    throw e;
  }
  throw new Error('expected a UserError');
}

describe('gitops.yaml', () => {
  it('loads the example with envs in promotion order and defaults filled in', () => {
    const { config } = loadConfig(EXAMPLE_ROOT);
    expect(config.environments.map((e) => [e.name, e.namespace, e.tier, e.secrets])).toEqual([
      ['dev', 'development', 'development', 'sops'],
      ['staging', 'staging', 'staging', 'external-secrets'],
      ['prod', 'production', 'production', 'external-secrets'],
    ]);
    expect(config.environments[2].secretStore).toEqual({ name: 'vault-production', kind: 'ClusterSecretStore' });
    expect(config.apps).toEqual(['deployment/helm/*']);
    expect(config.promotion.paths).toEqual([
      { from: 'dev', to: ['staging'] },
      { from: 'staging', to: ['prod'] },
    ]);
  });

  it('fills defaults for a minimal file: one cluster, promotion along the declared order', () => {
    const c = parseConfig(parseValuesYaml('environments:\n  - name: a\n  - name: b\n', 'gitops.yaml'));
    expect(c.environments[0]).toMatchObject({ namespace: 'a', clusters: ['in-cluster'], tier: 'production', secrets: 'external-secrets' });
    expect(c.clusters).toEqual([{ name: 'in-cluster', server: 'https://kubernetes.default.svc' }]);
    expect(c.promotion.paths).toEqual([{ from: 'a', to: ['b'] }]);
    expect(c.promotion.promotable).toContain('image.tag');
  });

  it('names each schema failure at its line', () => {
    const e = configError('environments:\n  - name: dev\n    tier: prodution\n  - name: Bad_Name\n');
    expect(e.message).toContain('gitops.yaml:3:11: environments[0].tier "prodution" must be one of "development", "staging", "production"');
    expect(e.message).toMatch(/gitops\.yaml:4:11: environments\[1\]\.name "Bad_Name" must match/);
    expect(e.exitCode).toBe(2);
  });

  it('takes helmVersion as a quoted version, and refuses a number (3.20 would read as 3.2)', () => {
    const base = 'environments:\n  - name: dev\n';
    expect(parseConfig(parseValuesYaml(`${base}helmVersion: "3.17"\n`, 'gitops.yaml')).helmVersion).toBe('3.17');
    const e = configError(`${base}helmVersion: 3.20\n`);
    expect(e.message).toMatch(/gitops\.yaml:3:14: helmVersion .*string/);
  });

  it('refuses unknown keys, with their position', () => {
    expect(configError('environments:\n  - name: dev\nenviroments: []\n').message).toContain('gitops.yaml:3:1: enviroments is not allowed here');
  });

  it('checks references between envs, clusters and promotion paths', () => {
    const e = configError(
      [
        'environments:',
        '  - name: prod-eu',
        '    parent: prod',
        '    cluster: eu-1',
        '  - name: prod',
        'promotion:',
        '  paths:',
        '    - from: prod',
        '      to: [qa]',
      ].join('\n'),
    );
    expect(e.message).toContain('gitops.yaml:3:13: environments[0].parent "prod" must be declared before "prod-eu"');
    expect(e.message).toContain('gitops.yaml:4:14: environments[0].cluster names cluster "eu-1", which is not declared under clusters');
    expect(e.message).toContain('gitops.yaml:9:12: promotion.paths[0].to[0] names env "qa", which is not declared under environments');
  });

  it('refuses a rule id the catalog does not know, with a suggestion', () => {
    const e = configError('environments:\n  - name: prod\n    namespace: p\n    tier: production\n    secrets: sops\n    project: p\npolicy:\n  tiers:\n    production:\n      rules:\n        image-tag-pined: warning\n        resources-set: off\n');
    expect(e.message).toContain('gitops.yaml:11:9: policy.tiers.production.rules.image-tag-pined "image-tag-pined" is not a rule; did you mean "image-tag-pinned"?');
    expect(e.message).not.toContain('resources-set');
  });

  it('reads an unquoted off (false in YAML 1.1) as off', () => {
    const config = parseConfig(parseValuesYaml('environments:\n  - name: prod\n    namespace: p\n    tier: production\n    secrets: sops\n    project: p\npolicy:\n  tiers:\n    production:\n      rules:\n        resources-set: off\n', 'gitops.yaml'));
    expect(config.policy.tiers.production?.rules).toEqual({ 'resources-set': 'off' });
  });

  it('refuses a duplicate env name', () => {
    expect(configError('environments:\n  - name: a\n  - name: a\n').message).toContain('"a" is declared twice');
  });

  it('bounds the GitHub calls of a promotion: 300 s unless promotion.pullRequest.timeoutSeconds says otherwise', () => {
    expect(loadConfig(EXAMPLE_ROOT).config.promotion.pullRequest.timeoutSeconds).toBe(300);
    const text = 'environments: [{name: dev}]\npromotion:\n  pullRequest:\n    timeoutSeconds: 60\n';
    expect(parseConfig(parseValuesYaml(text, 'gitops.yaml')).promotion.pullRequest.timeoutSeconds).toBe(60);
    expect(configError(text.replace('60', '0')).format()).toContain("gitops.yaml:4:21: promotion.pullRequest.timeoutSeconds 0 must be >= 1");
  });

  it('reads where Applications are, how they are named and declared layouts with env attributes', () => {
    const c = parseConfig(
      parseValuesYaml(
        [
          'argocd:',
          '  applications: [envs/*, argocd]',
          '  repoURLs: [git@github.com:org/repo.git]',
          '  chartCache: vendor/charts',
          "  names: ['{env}--{app}']",
          'layouts:',
          '  - apps: charts/*',
          "    layers: ['{appDir}/values.yaml', '{appDir}/regions/{region}-values.yaml']",
          'environments:',
          '  - name: prod-us',
          '    attributes: { region: us }',
          'clusters:',
          '  - name: eu',
          '    server: https://eu.example.com',
          '    labels: { env: prod }',
        ].join('\n'),
        'gitops.yaml',
      ),
    );
    expect(c.argocd).toMatchObject({ applications: ['envs/*', 'argocd'], applicationsDeclared: true, applicationsDir: 'argocd', repoURLs: ['git@github.com:org/repo.git'], chartCache: ['vendor/charts'], names: ['{env}--{app}'] });
    expect(c.layouts).toEqual([{ apps: ['charts/*'], chart: '{appDir}', layers: ['{appDir}/values.yaml', '{appDir}/regions/{region}-values.yaml'] }]);
    expect(c.environments[0].attributes).toEqual({ region: 'us' });
    expect(c.clusters[0].labels).toEqual({ env: 'prod' });
  });

  it('refuses a layer placeholder that nothing fills, with a suggestion', () => {
    const e = configError("layouts:\n  - apps: charts/*\n    layers: ['{appDir}/{regoin}.yaml']\nenvironments:\n  - name: a\n    attributes: { region: us }\n");
    expect(e.message).toContain('gitops.yaml:3:14: layouts[0].layers[0] names {regoin}, which is neither app, appDir, env, cluster nor an attribute of any env; did you mean {region}?');
  });

  it('refuses app globs and an Applications folder that lead out of the repository, at their lines', () => {
    const e = configError('apps: [deployment/helm/*, ../other/*]\nargocd:\n  applications: ../escape/apps\nenvironments:\n  - name: dev\n');
    expect(e.message).toBe(
      'gitops.yaml is not valid:\n' +
        '  gitops.yaml:1:27: apps[1] "../other/*" leads out of the repository; app folders must be inside it\n' +
        '  gitops.yaml:3:17: argocd.applications "../escape/apps" leads out of the repository; Applications must be inside it',
    );
    expect(configError('apps: /srv/apps/*\nenvironments:\n  - name: dev\n').message).toMatch(/gitops\.yaml:1:7: apps "\/srv\/apps\/\*" leads out of the repository/);
  });
});

