import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { reloadWorkspace } from '../shared/tree-workspace';
import { exampleTree, snapshot, treeOf, written, yamlOf } from '../shared/test-tree';
import { treeArgo } from './application-sets';
import envGenerator, { generateEnv } from './generator';

const APP = 'deployment/helm/alpha-members';

describe('nx g env', () => {
  it('declares qa before prod and gives the app an overlay, External Secrets wiring and an Argo CD Application', async () => {
    const tree = exampleTree();
    const before = snapshot(tree);
    await envGenerator(tree, { name: 'qa' });
    expect(written(before, snapshot(tree))).toEqual(['argocd/applications/alpha-members-qa.yaml', `${APP}/values-qa.yaml`, 'gitops.yaml']);

    const config = yamlOf(tree, 'gitops.yaml');
    expect(config.environments.map((e: any) => e.name)).toEqual(['dev', 'staging', 'qa', 'prod']);
    expect(config.environments[2]).toEqual({
      name: 'qa',
      namespace: 'qa',
      tier: 'staging',
      secrets: 'external-secrets',
      secretStore: { name: 'vault-qa', kind: 'ClusterSecretStore' },
      project: 'qa',
    });
    expect(config.promotion.paths).toEqual([
      { from: 'dev', to: 'staging' },
      { from: 'staging', to: 'qa' },
      { from: 'qa', to: 'prod' },
    ]);
    expect(tree.read('gitops.yaml', 'utf8')).toContain('# Never copied: these are right for one env only.');

    const overlay = tree.read(`${APP}/values-qa.yaml`, 'utf8') as string;
    expect(overlay).toMatch(/^# qa overrides for alpha-members \(namespace qa, staging tier\)/);
    expect(yamlOf(tree, `${APP}/values-qa.yaml`)).toEqual({
      externalSecrets: { enabled: true, secretStoreRef: { name: 'vault-qa', kind: 'ClusterSecretStore' }, refreshInterval: '1h' },
    });

    const argo = yamlOf(tree, 'argocd/applications/alpha-members-qa.yaml');
    expect(argo.metadata.name).toBe('alpha-members-qa');
    expect(argo.spec.source.helm.valueFiles).toEqual(['values.yaml', 'values-qa.yaml']);
    expect(argo.spec.destination).toEqual({ server: 'https://kubernetes.default.svc', namespace: 'qa' });
    expect(argo.spec.project).toBe('qa');
  });

  it('seeds from --from with hosts, TLS and store names rewritten and no secrets', async () => {
    const tree = exampleTree();
    await envGenerator(tree, { name: 'qa', from: 'prod', tier: 'staging' });
    const v = yamlOf(tree, `${APP}/values-qa.yaml`);
    expect(v.ingress.hosts[0].host).toBe('members-qa.example.com');
    expect(v.ingress.tls[0].secretName).toBe('members-qa-tls');
    expect(v.externalSecrets.secretStoreRef.name).toBe('vault-qa');
    expect(v.replicaCount).toBe(3);
    expect(yamlOf(tree, 'gitops.yaml').environments.map((e: any) => e.name)).toEqual(['dev', 'staging', 'prod', 'qa']);

    const dev = exampleTree();
    await envGenerator(dev, { name: 'sandbox', from: 'dev', apps: 'alpha-members' });
    const text = dev.read(`${APP}/values-sandbox.yaml`, 'utf8') as string;
    for (const secret of ['devpassword', 'devredis', 'devadmin']) expect(text).not.toContain(secret);
    expect(text).toContain('seeded from values-dev.yaml');

    // An app with no overlay in the --from env gets the skeleton, not an empty "seeded" file.
    const missing = exampleTree();
    missing.delete(`${APP}/values-staging.yaml`);
    await envGenerator(missing, { name: 'qa', from: 'staging' });
    expect(missing.read(`${APP}/values-qa.yaml`, 'utf8')).toMatch(/^# qa overrides for alpha-members \(namespace qa, staging tier\)/);
  });

  it('writes SealedSecret stubs listing the keys other envs use, and .sops.yaml rules', async () => {
    const tree = exampleTree();
    const staging = `${APP}/values-staging.yaml`;
    tree.write(staging, `${tree.read(staging, 'utf8')}  data:\n    - secretKey: redis-password\n      remoteRef:\n        key: alpha-members/staging/redis\n        property: password\n`);
    await envGenerator(tree, { name: 'qa', secrets: 'sealed-secrets', namespace: 'quality' });
    const stub = yamlOf(tree, `${APP}/secrets/sealed-secrets-qa.yaml`);
    expect(stub).toMatchObject({ kind: 'SealedSecret', metadata: { name: 'alpha-members-secrets', namespace: 'quality' }, spec: { encryptedData: { 'redis-password': '' } } });
    expect(tree.read(`${APP}/secrets/sealed-secrets-qa.yaml`, 'utf8')).toContain('gitops seal --raw --cert cert.pem --namespace quality --name alpha-members-secrets');

    await envGenerator(tree, { name: 'perf', secrets: 'external-secrets', from: 'staging' });
    expect(yamlOf(tree, `${APP}/values-perf.yaml`).externalSecrets.data).toEqual([
      { secretKey: 'redis-password', remoteRef: { key: 'alpha-members/perf/redis', property: 'password' } },
    ]);

    await envGenerator(tree, { name: 'lab', secrets: 'sops' });
    const sops = yamlOf(tree, '.sops.yaml');
    expect(sops.creation_rules).toEqual([{ path_regex: '(^|/)secrets/secrets-lab\\.yaml(\\.enc)?$', age: '' }]);
  });

  it('keeps option text a YAML string: no input can add keys', async () => {
    const tree = exampleTree();
    await envGenerator(tree, { name: 'qa', secretStore: 'vault\nevil: true', project: 'p: {x: 1}' });
    const config = yamlOf(tree, 'gitops.yaml');
    expect(config.environments[2].secretStore.name).toBe('vault\nevil: true');
    expect(config.environments[2].project).toBe('p: {x: 1}');
    const overlay = yamlOf(tree, 'deployment/helm/alpha-members/values-qa.yaml');
    expect(overlay.externalSecrets.secretStoreRef.name).toBe('vault\nevil: true');
    expect(overlay.evil).toBeUndefined();
    expect(yamlOf(tree, 'argocd/applications/alpha-members-qa.yaml').spec.project).toBe('p: {x: 1}');
  });

  it('deploys to --cluster', async () => {
    const tree = exampleTree();
    tree.write('gitops.yaml', `${tree.read('gitops.yaml', 'utf8')}`.replace('clusters:\n', 'clusters:\n  - name: qa-eu\n    server: https://qa-eu.example.com\n'));
    await envGenerator(tree, { name: 'qa', cluster: 'qa-eu' });
    expect(yamlOf(tree, 'argocd/applications/alpha-members-qa.yaml').spec.destination.server).toBe('https://qa-eu.example.com');
    expect(yamlOf(tree, 'gitops.yaml').environments[2].clusters).toEqual(['qa-eu']);
  });

  it('refuses bad names, an env that exists, unknown --from and --cluster, a broken workspace template, and writes nothing', async () => {
    const cases: [Parameters<typeof envGenerator>[1], RegExp][] = [
      [{ name: '../x' }, /env name "..\/x" is not allowed: it must be a DNS-1123 label/],
      [{ name: 'QA' }, /env name "QA" is not allowed/],
      [{ name: 'a b' }, /env name "a b" is not allowed/],
      [{ name: '{{x}}' }, /env name "\{\{x\}\}" is not allowed/],
      [{ name: 'staging' }, /environment "staging" already exists in gitops.yaml/],
      [{ name: 'qa', from: 'stagin' }, /unknown environment "stagin"; did you mean "staging"\?/],
      [{ name: 'qa', cluster: 'mars' }, /unknown cluster "mars"[\s\S]*Clusters declared in gitops.yaml: in-cluster/],
      [{ name: 'qa', apps: 'nope' }, /unknown app "nope"/],
    ];
    for (const [options, message] of cases) {
      const tree = exampleTree();
      const before = snapshot(tree);
      await expect(envGenerator(tree, options)).rejects.toThrow(message);
      expect(written(before, snapshot(tree))).toEqual([]);
    }
    const tree = exampleTree();
    tree.write('templates/overlay/values-env.yaml.hbs', '# {{nope}}\n');
    const before = snapshot(tree);
    await expect(envGenerator(tree, { name: 'qa' })).rejects.toThrow(/template templates\/overlay\/values-env.yaml.hbs failed/);
    expect(written(before, snapshot(tree))).toEqual([]);
  });

  it("uses the shipped template where the workspace's templates/ has none", async () => {
    const tree = exampleTree();
    await envGenerator(tree, { name: 'qa' });
    expect(tree.read('deployment/helm/alpha-members/values-qa.yaml', 'utf8')).toMatch(/^# qa overrides for alpha-members/);
  });
});

describe('nx g env where a plain Application deploys a chart outside the apps globs', () => {
  it('scaffolds the declared apps and names, where its Application deploys it, the app it cannot scaffold', () => {
    const tree = exampleTree();
    const application = (tree.read('argocd/applications/alpha-members-dev.yaml', 'utf8') as string).replace('name: alpha-members-dev', 'name: ingress-dev').replace('deployment/helm/alpha-members', 'platform/ingress');
    tree.write('argocd/applications/ingress-dev.yaml', application);
    tree.write('argocd/applications/ingress-prod.yaml', application.replace(/-dev\b/g, '-prod').replace(/development/g, 'production'));
    tree.write('platform/ingress/Chart.yaml', 'apiVersion: v2\nname: ingress\nversion: 0.1.0\n');
    tree.write('platform/ingress/values.yaml', 'replicaCount: 1\n');
    const before = snapshot(tree);
    const said = generateEnv(tree, { name: 'qa' });
    expect(said).toBe(
      'qa: 1 app scaffolded, gitops.yaml now lists dev -> staging -> qa -> prod\nTo deploy qa, add by hand:\n' +
        '  argocd/applications/ingress-dev.yaml:11:11: Application "ingress-dev" deploys ingress (platform/ingress) to dev, outside the apps globs of gitops.yaml, so qa was not scaffolded for it: add its Application and values for qa by hand, or add platform/ingress to apps',
    );
    expect(written(before, snapshot(tree))).toEqual(['argocd/applications/alpha-members-qa.yaml', `${APP}/values-qa.yaml`, 'gitops.yaml']);
    // the apps named with --apps are all it was asked for
    const asked = exampleTree();
    for (const f of ['argocd/applications/ingress-dev.yaml', 'argocd/applications/ingress-prod.yaml', 'platform/ingress/Chart.yaml', 'platform/ingress/values.yaml']) asked.write(f, tree.read(f) as Buffer);
    expect(generateEnv(asked, { name: 'qa', apps: 'alpha-members' })).toBe('qa: 1 app scaffolded, gitops.yaml now lists dev -> staging -> qa -> prod');
  });
});

describe('nx g env where ApplicationSets deploy the envs', () => {
  // dev and prod come from a list generator (apps.yaml) and from git files config/<env>/config.json (images.yaml)
  const FIXTURE = join(__dirname, '../../../../core/src/workspace/fixtures/appset-matrix');

  it('adds the env to the list generator, comments kept, writes the overlays its Applications read and no Application beside them, and says what to add for the git files generator', () => {
    const tree = treeOf(FIXTURE);
    const appsBefore = tree.read('appsets/apps.yaml', 'utf8') as string;
    const before = snapshot(tree);
    const said = generateEnv(tree, { name: 'qa' });
    expect(written(before, snapshot(tree))).toEqual(['apps/Billing-API/values-qa.yaml', 'apps/guestbook/values-qa.yaml', 'appsets/apps.yaml', 'gitops.yaml']);
    expect(yamlOf(tree, 'gitops.yaml').environments.map((e: { name: string }) => e.name)).toEqual(['dev', 'qa', 'prod']);
    // exactly one element more, after dev's, with qa's name and namespace; everything else as it was
    const added = '                - env: qa\n                  namespace: qa\n';
    const after = tree.read('appsets/apps.yaml', 'utf8') as string;
    expect(after.replace(added, '')).toBe(appsBefore);
    expect(after).toContain(`                  namespace: development\n${added}                - env: prod`);

    expect(said).toContain('dev -> qa -> prod');
    expect(said).toMatch(/To deploy qa, add by hand:\n {2}appsets\/images\.yaml:\d+:\d+: ApplicationSet "guestbook-canary" deploys guestbook-canary to dev, but not from a list element naming it, so qa could not be added for you: add config\/qa\/config\.json like config\/dev\/config\.json/);

    // what Argo CD would now generate for qa: the new overlay is a layer of both apps
    const ws = treeArgo(tree, reloadWorkspace(tree, tree.read('gitops.yaml', 'utf8') as string));
    const qa = ws.argo.deployments.filter((d) => d.env === 'qa').map((d) => [d.application, d.plan.valueFiles.map((f) => [f.file, f.exists || tree.exists(f.file as string)])]);
    expect(qa).toEqual([
      ['billing-api-qa', [['apps/Billing-API/values-qa.yaml', true]]],
      ['guestbook-qa', [['apps/guestbook/values-qa.yaml', true]]],
    ]);
  });
});

describe('nx g env where an app-of-apps chart makes the Applications', () => {
  // argocd/root.yaml deploys bootstrap/, whose template makes guestbook-<env> from its values' list
  const FIXTURE = join(__dirname, '../../../../core/src/workspace/fixtures/app-of-apps');
  const GAP = 'To deploy qa, add by hand:\n  argocd/root.yaml:11:11: Application "root" deploys chart bootstrap, whose templates create Applications (app-of-apps), so qa could not be added for you: add it to that chart\'s values (bootstrap/values.yaml) or templates';

  it('says the chart must make the new env, and writes the overlays but no Application beside the chart', () => {
    const tree = treeOf(FIXTURE);
    tree.write('gitops.yaml', `apps: [guestbook]\n${tree.read('gitops.yaml', 'utf8')}`);
    const before = snapshot(tree);
    const said = generateEnv(tree, { name: 'qa' });
    expect(said).toBe(`qa: 1 app scaffolded, gitops.yaml now lists dev -> qa -> prod\n${GAP}`);
    expect(written(before, snapshot(tree))).toEqual(['gitops.yaml', 'guestbook/values-qa.yaml']);
    expect(tree.read('bootstrap/values.yaml', 'utf8')).toBe(before.get('bootstrap/values.yaml'));
  });

  it('says so too where the chart deploys no declared app', () => {
    const tree = treeOf(FIXTURE);
    expect(generateEnv(tree, { name: 'qa' })).toBe(`qa: 0 apps scaffolded, gitops.yaml now lists dev -> qa -> prod\n${GAP}`);
  });
});
