import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { helmBinary, HELM_MAJORS } from '../../../../../tools/test/helm';
import { helmTemplateValues } from '../../test-support/helm-values';
import { loadConfig } from '../../config';
import { ENCRYPTED_MARK } from '../encrypted-values';
import { loadArgoModel } from './argo-model';
import { discoverApplications, type ChartRenderer, type Discovery } from './discover-applications';
import { helmTemplateArgs, inlineValuesText } from './helm-args';
import { diskRepo } from './repo-context';
import { resolveHelmSource } from './resolve-helm-source';

const FIXTURES = join(__dirname, '..', 'fixtures');
const REPO = 'https://github.com/example/gitops.git';

function discover(name: string, patterns: string[]): Discovery {
  const root = join(FIXTURES, name);
  return discoverApplications({
    repo: diskRepo(root, { repoURLs: [REPO], chartCaches: ['vendor/charts'] }),
    clusters: [{ name: 'in-cluster', server: 'https://kubernetes.default.svc' }],
    patterns,
    patternsFile: 'gitops.yaml',
  });
}

function valuesOf(name: string, d: Discovery, application: string): unknown {
  const plan = d.plans.find((p) => p.app.name === application);
  if (!plan) throw new Error(`no plan for ${application}: ${d.plans.map((p) => p.app.name).join(', ')}`);
  return JSON.parse(JSON.stringify(resolveHelmSource(join(FIXTURES, name), plan).values));
}

/** A file holding inline values, as Argo CD writes helm.values to a temporary file. */
function inline(text: string): string {
  const f = join(mkdtempSync(join(tmpdir(), 'hvm-inline-')), 'values.yaml');
  writeFileSync(f, text);
  return f;
}

describe.each(HELM_MAJORS)('Argo CD layers equal helm %i template with the Application inputs', (major) => {
  const helm = helmBinary(major);

  it('multi-source $values, values, valuesObject, parameters, ignoreMissingValueFiles', () => {
    const d = discover('multi-source-values', ['argocd']);
    expect(d.findings).toEqual([]);
    expect(d.applications.map((a) => a.name)).toEqual(['guestbook-staging', 'guestbook-prod']);
    const root = join(FIXTURES, 'multi-source-values');
    const chart = join(root, 'charts/guestbook');
    expect(valuesOf('multi-source-values', d, 'guestbook-staging')).toEqual(
      // .argocd-source-guestbook-staging.yaml (Image Updater) replaces the parameters list.
      helmTemplateValues(helm, chart, ['-f', 'environments/staging/values.yaml', '-f', inline('ingress:\n  enabled: true\n  hosts:\n    - guestbook.staging.example.com\n'), '--set-string', 'image.tag=v6.1'], root),
    );
    const staging = resolveHelmSource(root, d.plans.find((p) => p.app.name === 'guestbook-staging')!);
    expect(staging.originOf(['image', 'tag'])).toEqual({ file: 'charts/guestbook/.argocd-source-guestbook-staging.yaml', line: 5, column: 14 });
    expect(staging.originOf(['ingress', 'hosts', 0])).toEqual({ file: 'argocd/guestbook.yaml', line: 31, column: 17 });
    expect(staging.originOf(['replicaCount'])).toEqual({ file: 'environments/staging/values.yaml', line: 2, column: 15 });
    const prod = valuesOf('multi-source-values', d, 'guestbook-prod');
    expect(prod).toEqual(
      helmTemplateValues(helm, chart, ['-f', 'charts/guestbook/values-production.yaml', '-f', 'environments/prod/values.yaml', '-f', inline('ingress:\n  enabled: true\n'), '--set', 'image.tag=v5.1', '--set', 'replicaCount=7'], root),
    );
    expect(prod).toMatchObject({ replicaCount: 7, image: { tag: 'v5.1' }, service: { type: 'LoadBalancer' } });
  });
});

describe.each(HELM_MAJORS)('layouts, against helm %i template', (major) => {
  const helm = helmBinary(major);
  const check = (name: string, patterns: string[], cases: [string, string, string[]][]) => {
    const d = discover(name, patterns);
    const root = join(FIXTURES, name);
    for (const [application, chart, args] of cases) expect(valuesOf(name, d, application), application).toEqual(helmTemplateValues(helm, join(root, chart), args, root));
    return d;
  };

  it('ApplicationSets: matrix of git directories x list (goTemplate), git files (fasttemplate)', () => {
    const d = check('appset-matrix', ['appsets'], [
      ['guestbook-dev', 'apps/guestbook', ['-f', 'apps/guestbook/values-dev.yaml', '--set', 'environment=DEV']],
      ['guestbook-prod', 'apps/guestbook', ['-f', 'apps/guestbook/values-prod.yaml', '--set', 'environment=PROD']],
      ['billing-api-dev', 'apps/Billing-API', ['--set', 'environment=DEV']],
      ['billing-api-prod', 'apps/Billing-API', ['-f', 'apps/Billing-API/values-prod.yaml', '--set', 'environment=PROD']],
      ['guestbook-canary-dev', 'apps/guestbook', ['-f', 'apps/guestbook/values-dev.yaml', '--set', 'image.tag=v7-rc1', '--set', 'replicaCount=1']],
      ['guestbook-canary-prod', 'apps/guestbook', ['-f', 'apps/guestbook/values-prod.yaml', '--set', 'image.tag=v6', '--set', 'replicaCount=2']],
    ]);
    expect(d.findings).toEqual([]);
    expect(d.applications.map((a) => a.name).sort()).toEqual(['billing-api-dev', 'billing-api-prod', 'guestbook-canary-dev', 'guestbook-canary-prod', 'guestbook-dev', 'guestbook-prod']);
  });

  it('per-env folders of Applications with underscore overlays', () => {
    const d = check('per-env-folders', ['envs/*'], [['guestbook', 'guestbook', ['-f', 'guestbook/values.yaml', '-f', 'guestbook/values_dev.yaml']]]);
    expect(d.findings).toEqual([]);
    // Two Applications named guestbook, in two Argo CD namespaces.
    expect(d.applications.map((a) => `${a.namespace}/${a.name}`)).toEqual(['argocd-dev/guestbook', 'argocd-prod/guestbook']);
    const prod = d.plans.find((p) => p.app.namespace === 'argocd-prod');
    expect(JSON.parse(JSON.stringify(resolveHelmSource(join(FIXTURES, 'per-env-folders'), prod!).values))).toEqual(
      helmTemplateValues(helm, join(FIXTURES, 'per-env-folders/guestbook'), ['-f', 'guestbook/values.yaml', '-f', 'guestbook/values_prod.yaml'], join(FIXTURES, 'per-env-folders')),
    );
  });

  it('one shared chart without values.yaml, values outside the chart by relative and root paths', () => {
    const d = check('shared-chart', ['argocd'], [
      ['api-staging', 'charts/microservice', ['-f', 'services/api/values.yaml', '-f', 'services/api/values-staging.yaml']],
      ['api-prod', 'charts/microservice', ['-f', 'services/api/values.yaml', '-f', 'services/api/values-prod.yaml']],
      ['web-prod', 'charts/microservice', ['-f', 'services/web/values.yaml', '-f', 'services/web/values-prod.yaml']],
    ]);
    expect(d.findings).toEqual([]);
    expect(d.plans.every((p) => p.defaults === undefined && p.defaultsKnown)).toBe(true);
  });

  it('app-of-apps: the Applications a chart renders are found by rendering it', () => {
    const root = join(FIXTURES, 'app-of-apps');
    const renderChart: ChartRenderer = (plan) => {
      const inlineFile = join(mkdtempSync(join(tmpdir(), 'hvm-inline-')), 'values.yaml');
      writeFileSync(inlineFile, inlineValuesText(plan) ?? '');
      return execFileSync(helm, ['template', plan.releaseName, join(root, (plan.chart as { dir: string }).dir), ...helmTemplateArgs(root, plan, inlineFile)], { encoding: 'utf8' });
    };
    const d = discoverApplications({ repo: diskRepo(root, { repoURLs: [REPO], chartCaches: [] }), clusters: [], patterns: ['argocd'], patternsFile: 'gitops.yaml', renderChart });
    expect(d.findings).toEqual([]);
    expect(d.applications.map((a) => a.name)).toEqual(['root', 'guestbook-dev', 'guestbook-prod']);
    expect(d.appOfApps.map((a) => a.name)).toEqual(['root']);
    // root deploys Applications into Argo CD's namespace: no env, and no warning that it deploys to none.
    const model = loadArgoModel(root, loadConfig(root).config, () => (args, cwd) => execFileSync(helm, args, { cwd, encoding: 'utf8' }));
    expect(model.findings).toEqual([]);
    expect(model.deployments.filter((x) => x.env).map((x) => `${x.application} ${x.app} ${x.env}`)).toEqual(['guestbook-dev guestbook dev', 'guestbook-prod guestbook prod']);
    expect(valuesOf('app-of-apps', d, 'guestbook-prod')).toEqual(helmTemplateValues(helm, join(root, 'guestbook'), ['-f', 'guestbook/values-prod.yaml'], root));
    // Without helm, the Applications it creates are one finding, not silence.
    const without = discover('app-of-apps', ['argocd']);
    expect(without.partial).toBe(true);
    expect(without.appOfApps.map((a) => a.name)).toEqual(['root']);
    expect(without.findings).toMatchObject([{ rule: 'argocd-application-unreadable', file: 'argocd/root.yaml', line: 11, message: expect.stringContaining('no helm is available') }]);
  });

  it('SOPS-encrypted values are opaque; the rest equals helm without them', () => {
    const d = discover('sops-encrypted', ['argocd']);
    expect(d.findings).toEqual([]);
    const root = join(FIXTURES, 'sops-encrypted');
    const res = resolveHelmSource(root, d.plans.find((p) => p.app.name === 'guestbook-prod')!);
    expect(res.encrypted).toEqual(['guestbook/secrets.prod.yaml']);
    expect(res.values.sops).toBeUndefined();
    expect(res.values.app2).toEqual({ db: { user: ENCRYPTED_MARK, password: ENCRYPTED_MARK }, key: ENCRYPTED_MARK });
    expect(res.opaque).toContainEqual(['app2', 'db', 'password']);
    expect(JSON.stringify(res.values)).not.toContain('ENC[');
    const { myapp1: _a, app2: _b, number: _c, ...plain } = JSON.parse(JSON.stringify(res.values));
    expect(plain).toEqual(helmTemplateValues(helm, join(root, 'guestbook'), ['--set', 'replicaCount=3'], root));
  });
});
