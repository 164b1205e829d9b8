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

  it("refuses a cluster API that is not [group/]version[/kind], at its line", () => {
    const e = configError('environments:\n  - name: dev\nclusters:\n  - name: eu\n    server: https://eu.example.com\n    apiVersions: [monitoring.coreos.com/v1, ServiceMonitor]\n');
    expect(e.message).toMatch(/gitops\.yaml:6:45: clusters\[0\]\.apiVersions\[1\] "ServiceMonitor" must match /);
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

  it('completes every setting a full gitops.yaml gives, exactly as written', () => {
    const c = parseConfig(
      parseValuesYaml(
        [
          'apps: apps/*',
          'helmVersion: "3.17"',
          'helm:',
          '  binary: tools/helm',
          'argocd:',
          '  applications: argocd/apps',
          '  repoURL: https://git.example.com/org/repo.git',
          '  targetRevision: release',
          '  namespace: gitops',
          'layouts:',
          '  - apps: [apps/*]',
          '    layers: ["{appDir}/values.yaml"]',
          '    chart: charts/{app}',
          'environments:',
          '  - name: dev',
          '    namespace: development',
          '    tier: development',
          '    secrets: sops',
          '    project: team',
          '    cluster: eu',
          '  - name: prod',
          '    parent: dev',
          '    clusters: [eu, us]',
          '    secretStore: { name: vault }',
          '    attributes: { region: us }',
          'clusters:',
          '  - name: eu',
          '    server: https://eu.example.com',
          '    description: Europe',
          '    kubernetesVersion: "1.31"',
          '    apiVersions: [monitoring.coreos.com/v1, monitoring.coreos.com/v1/ServiceMonitor]',
          '    externalSecretsVersion: "0.15"',
          '    sealedSecretsCertificate: certs/eu.pem',
          '  - name: us',
          '    server: https://us.example.com',
          '    labels: { tier: gold }',
          'promotion:',
          '  paths:',
          '    - from: dev',
          '      to: prod',
          '  promotable: [config.flags]',
          '  never: [replicaCount]',
          '  apps:',
          '    shop: { never: [image.tag] }',
          '  pullRequest:',
          '    base: main',
          '    labels: [release]',
          '    reviewers: [alice]',
          '    teamReviewers: [platform]',
          '    draft: true',
          'policy:',
          '  apps:',
          '    shop:',
          '      keys: { imageTag: app.image.version }',
          '    billing: {}',
          '',
        ].join('\n'),
        'gitops.yaml',
      ),
    );
    expect(c).toEqual({
      apps: ['apps/*'],
      argocd: {
        applications: ['argocd/apps'],
        applicationsDeclared: true,
        applicationsDir: 'argocd/apps',
        repoURLs: [],
        chartCache: [],
        names: ['{app}-{env}-{cluster}', '{app}-{env}', '{env}-{app}'],
        namespace: 'gitops',
        repoURL: 'https://git.example.com/org/repo.git',
        targetRevision: 'release',
      },
      layouts: [{ apps: ['apps/*'], chart: 'charts/{app}', layers: ['{appDir}/values.yaml'] }],
      environments: [
        { name: 'dev', namespace: 'development', clusters: ['eu'], tier: 'development', secrets: 'sops', project: 'team', attributes: {} },
        { name: 'prod', namespace: 'prod', clusters: ['eu', 'us'], tier: 'production', secrets: 'external-secrets', secretStore: { name: 'vault', kind: 'ClusterSecretStore' }, parent: 'dev', project: 'default', attributes: { region: 'us' } },
      ],
      clusters: [
        { name: 'eu', server: 'https://eu.example.com', description: 'Europe', kubernetesVersion: '1.31', apiVersions: ['monitoring.coreos.com/v1', 'monitoring.coreos.com/v1/ServiceMonitor'], externalSecretsVersion: '0.15', sealedSecretsCertificate: 'certs/eu.pem' },
        { name: 'us', server: 'https://us.example.com', labels: { tier: 'gold' } },
        { name: 'in-cluster', server: 'https://kubernetes.default.svc' },
      ],
      promotion: {
        paths: [{ from: 'dev', to: ['prod'] }],
        promotable: ['config.flags'],
        never: ['replicaCount'],
        apps: { shop: { never: ['image.tag'] } },
        pullRequest: { base: 'main', labels: ['release'], reviewers: ['alice'], teamReviewers: ['platform'], draft: true, timeoutSeconds: 300 },
      },
      policy: { tiers: {}, apps: { shop: { keys: { imageTag: 'app.image.version' } }, billing: { keys: {} } } },
      helm: { binary: 'tools/helm' },
      helmVersion: '3.17',
    });
  });

  it('fills in what a minimal gitops.yaml leaves out', () => {
    const c = parseConfig(parseValuesYaml('environments:\n  - name: a\n    secretStore: { name: s, kind: SecretStore }\n', 'gitops.yaml'));
    expect(c.apps).toEqual(['deployment/helm/*']);
    expect(c.argocd).toEqual({ applications: ['argocd/applications'], applicationsDeclared: false, applicationsDir: 'argocd/applications', repoURLs: [], chartCache: [], names: ['{app}-{env}-{cluster}', '{app}-{env}', '{env}-{app}'], namespace: 'argocd', targetRevision: 'main' });
    expect(c.environments[0]).toEqual({ name: 'a', namespace: 'a', clusters: ['in-cluster'], tier: 'production', secrets: 'external-secrets', secretStore: { name: 's', kind: 'SecretStore' }, project: 'default', attributes: {} });
    expect(c.promotion.pullRequest).toEqual({ labels: ['promotion'], reviewers: [], teamReviewers: [], draft: false, timeoutSeconds: 300 });
    expect(c.promotion.never).toContain('resources.**');
    expect(c.promotion.apps).toEqual({});
    expect(c.helm).toEqual({});
    expect('helmVersion' in c).toBe(false);
    expect(c.layouts).toEqual([]);
    expect(c.policy).toEqual({ tiers: {}, apps: {} });
    // Applications found by globs only: new ones go to the default folder
    expect(parseConfig(parseValuesYaml('argocd: { applications: [envs/*/apps, "x?"] }\nenvironments: [{name: a}]\n', 'gitops.yaml')).argocd.applicationsDir).toBe('argocd/applications');
    // an in-cluster declared by the user is not added twice
    expect(parseConfig(parseValuesYaml('clusters: [{name: in-cluster, server: https://k}]\nenvironments: [{name: a}]\n', 'gitops.yaml')).clusters).toEqual([{ name: 'in-cluster', server: 'https://k' }]);
  });

  it('names every broken reference between envs, clusters and promotion paths at its line', () => {
    const e = configError(
      [
        'environments:',
        '  - name: a',
        '    cluster: in-cluster',
        '    clusters: [in-cluster]',
        '  - name: b',
        '    parent: nope',
        '    clusters: [in-cluster, far]',
        'promotion:',
        '  paths:',
        '    - from: ghost',
        '      to: b',
        'argocd:',
        '  applications: [ok, C:/apps, "x\\\\..\\\\y"]',
        'apps: ok/*',
        '',
      ].join('\n'),
    );
    expect(e.message).toBe(
      [
        'gitops.yaml is not valid:',
        '  gitops.yaml:4:15: environments[0].clusters give either cluster or clusters, not both',
        '  gitops.yaml:6:13: environments[1].parent names env "nope", which is not declared',
        '  gitops.yaml:7:28: environments[1].clusters[1] names cluster "far", which is not declared under clusters',
        '  gitops.yaml:13:22: argocd.applications[1] "C:/apps" leads out of the repository; Applications must be inside it',
        '  gitops.yaml:13:31: argocd.applications[2] "x\\..\\y" leads out of the repository; Applications must be inside it',
        '  gitops.yaml:10:13: promotion.paths[0].from names env "ghost", which is not declared under environments',
      ].join('\n'),
    );
    expect(e.hint).toBe('Fix gitops.yaml as shown; its schema is packages/core/src/config/gitops.schema.json.');
  });

  it('lists the rules when an unknown rule id is nothing like any of them', () => {
    const e = configError('environments: [{name: a}]\npolicy:\n  tiers:\n    staging:\n      rules:\n        zzzzzz: warning\n');
    expect(e.message).toContain('gitops.yaml:6:9: policy.tiers.staging.rules.zzzzzz "zzzzzz" is not a rule (docs/rules.md lists them)');
  });

  it('reads an unquoted off (false in YAML 1.1) as off', () => {
    const config = parseConfig(parseValuesYaml('environments:\n  - name: prod\n    namespace: p\n    tier: production\n    secrets: sops\n    project: p\npolicy:\n  tiers:\n    production:\n      rules:\n        resources-set: off\n', 'gitops.yaml'));
    expect(config.policy.tiers.production?.rules).toEqual({ 'resources-set': 'off' });
  });

  it('refuses a duplicate env name and an env that is its own parent, at their lines', () => {
    expect(configError('environments:\n  - name: a\n  - name: a\n').message).toBe('gitops.yaml is not valid:\n  gitops.yaml:3:11: environments[1].name "a" is declared twice; env names must be unique');
    expect(configError('environments:\n  - name: a\n    parent: a\n').message).toBe('gitops.yaml is not valid:\n  gitops.yaml:3:13: environments[0].parent "a" must be declared before "a"');
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

