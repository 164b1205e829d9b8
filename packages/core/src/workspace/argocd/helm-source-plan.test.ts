import { describe, expect, it } from 'vitest';
import { discoverIn, TEST_REPO as REPO } from './test-support/disk-discovery';

// What Argo CD hands `helm template` for a Helm source, and each finding at the line of the
// Application that causes it.
const FILE = 'argocd/web.yaml';

function plan(source: string, files: Record<string, string> = {}, extraSources = '', destination = '{server: https://kubernetes.default.svc, namespace: web}') {
  const { d } = discoverIn({
    'charts/web/Chart.yaml': 'apiVersion: v2\nname: web\nversion: 1.0.0\n',
    'charts/web/values.yaml': 'replicas: 1\n',
    [FILE]: `apiVersion: argoproj.io/v1alpha1
kind: Application
metadata:
  name: web-prod
spec:
  project: team
  destination: ${destination}
${extraSources ? `  sources:\n${extraSources}` : `  source:\n${source}`}`,
    ...files,
  }, ['vendor']);
  return { plan: d.plans[0], findings: d.findings, plans: d.plans };
}
const files = (p: ReturnType<typeof plan>['plan']) => p.valueFiles.map((v) => `${v.raw} -> ${v.file}${v.exists ? '' : ' (missing)'}${v.skipped ? ' skipped' : ''}${v.secrets ? ' secrets' : ''}`);
const finding = (rule: string, severity: string, line: number, column: number, message: string, hint: string) => ({ rule, severity, message, file: FILE, line, column, app: 'web-prod', hint });

describe('planHelmSource', () => {
  it('resolves value files relative to the chart, or to the root when absolute, in the order listed', () => {
    const { plan: p, findings } = plan(
      `    repoURL: ${REPO}
    path: charts/web/
    helm:
      valueFiles:
      - values-prod.yaml
      - /envs/prod.yaml
      - ../shared/common.yaml
      - values-$ARGOCD_APP_NAME-\${ARGOCD_APP_PROJECT_NAME}-$ARGOCD_APP_NAMESPACE.yaml
      - cost-$$1-$ARGOCD_APP_SOURCE_PATH-$UNKNOWN.yaml
      - secrets://secrets.yaml
      - secrets+age-import:///keys/age.txt?secrets-2.yaml
`,
      {
        'charts/web/values-prod.yaml': '',
        'envs/prod.yaml': '',
        'charts/shared/common.yaml': '',
        'charts/web/values-web-prod-team-web.yaml': '',
        'charts/web/cost-$1-charts/web/-.yaml': '',
        'charts/web/secrets.yaml': '',
        'charts/web/secrets-2.yaml': '',
      },
    );
    expect(findings).toEqual([]);
    expect(p.chart).toEqual({ kind: 'local', dir: 'charts/web' });
    expect(p.defaults).toBe('charts/web/values.yaml');
    expect(p.defaultsKnown).toBe(true);
    expect(p.releaseName).toBe('web-prod');
    expect(p.incomplete).toBe(false);
    expect(files(p)).toEqual([
      'values-prod.yaml -> charts/web/values-prod.yaml',
      '/envs/prod.yaml -> envs/prod.yaml',
      '../shared/common.yaml -> charts/shared/common.yaml',
      'values-$ARGOCD_APP_NAME-${ARGOCD_APP_PROJECT_NAME}-$ARGOCD_APP_NAMESPACE.yaml -> charts/web/values-web-prod-team-web.yaml',
      'cost-$$1-$ARGOCD_APP_SOURCE_PATH-$UNKNOWN.yaml -> charts/web/cost-$1-charts/web/-.yaml',
      'secrets://secrets.yaml -> charts/web/secrets.yaml secrets',
      'secrets+age-import:///keys/age.txt?secrets-2.yaml -> charts/web/secrets-2.yaml secrets',
    ]);
  });

  it('fills in the build environment Argo CD gives value file paths, empty where the Application sets nothing', () => {
    const { plan: p, findings } = plan(
      `    repoURL: ${REPO}\n    path: charts/web\n    helm:\n      valueFiles: [values-$ARGOCD_APP_SOURCE_TARGET_REVISION.yaml, "$ARGOCD_APP_SOURCE_REPO_URL/values.yaml", "secrets+literal://c2VjcmV0"]\n`,
    );
    expect(files(p)).toEqual(['values-$ARGOCD_APP_SOURCE_TARGET_REVISION.yaml -> charts/web/values-.yaml (missing)']);
    expect(findings.map((f) => [f.column, f.message])).toEqual([
      [68, '"$ARGOCD_APP_SOURCE_REPO_URL/values.yaml" is fetched from a URL'],
      [111, '"secrets+literal://c2VjcmV0" is fetched from a URL'],
      [20, 'values file "values-$ARGOCD_APP_SOURCE_TARGET_REVISION.yaml" (charts/web/values-.yaml) does not exist, so Argo CD fails to sync this Application'],
    ]);
  });

  it('reports a missing value file unless ignoreMissingValueFiles, and each file once', () => {
    const strict = plan(`    repoURL: ${REPO}\n    path: charts/web\n    helm:\n      valueFiles: [values.yaml, missing.yaml, values.yaml]\n`);
    expect(files(strict.plan)).toEqual(['values.yaml -> charts/web/values.yaml', 'missing.yaml -> charts/web/missing.yaml (missing)']);
    expect(strict.findings).toEqual([
      finding(
        'argocd-value-file-missing',
        'error',
        12,
        33,
        'values file "missing.yaml" (charts/web/missing.yaml) does not exist, so Argo CD fails to sync this Application',
        'Create the file, fix the path (it is relative to the chart folder; $ref/... for another source), or set ignoreMissingValueFiles: true.',
      ),
    ]);
    const lenient = plan(`    repoURL: ${REPO}\n    path: charts/web\n    helm:\n      ignoreMissingValueFiles: true\n      valueFiles: [missing.yaml, "nothing-*.yaml"]\n`);
    expect(lenient.findings).toEqual([]);
    expect(files(lenient.plan)).toEqual(['missing.yaml -> charts/web/missing.yaml (missing) skipped']);
  });

  it('expands a glob in file order, leaving a file listed explicitly where it is listed', () => {
    const { plan: p, findings } = plan(
      `    repoURL: ${REPO}\n    path: charts/web\n    helm:\n      valueFiles: ["values-*.yaml", values-b.yaml, "values-?.yaml", "none-*.yaml"]\n`,
      { 'charts/web/values-a.yaml': '', 'charts/web/values-b.yaml': '', 'charts/web/values-c.yaml': '' },
    );
    expect(files(p)).toEqual(['values-*.yaml -> charts/web/values-a.yaml', 'values-*.yaml -> charts/web/values-c.yaml', 'values-b.yaml -> charts/web/values-b.yaml']);
    expect(findings).toEqual([
      finding('argocd-value-file-missing', 'error', 12, 69, 'values file glob "none-*.yaml" matches no file, so Argo CD fails to sync', 'Add a matching file, fix the pattern, or set ignoreMissingValueFiles: true.'),
    ]);
  });

  it('says which values it cannot know: a URL, a file outside the repository, another repository chart', () => {
    const { plan: p, findings } = plan(`    repoURL: ${REPO}\n    path: charts/web\n    helm:\n      valueFiles: ["https://example.com/v.yaml", ../../../etc/v.yaml]\n`);
    expect(p.incomplete).toBe(true);
    expect(p.valueFiles).toEqual([]);
    expect(findings).toEqual([
      finding('argocd-values-unknown', 'warning', 12, 20, '"https://example.com/v.yaml" is fetched from a URL', 'Checks miss its values; keep value files in the repository.'),
      finding('argocd-application-unreadable', 'error', 12, 50, '"../../../etc/v.yaml" leaves the repository', 'Argo CD refuses value files outside the repository.'),
    ]);
    const external = plan(`    repoURL: https://github.com/other/charts.git\n    path: web\n    helm: {valueFiles: [values.yaml]}\n`);
    expect(external.plan.chart).toEqual({ kind: 'external', repoURL: 'https://github.com/other/charts.git', path: 'web' });
    expect(external.plan.defaultsKnown).toBe(false);
    expect(external.plan.valueFiles).toEqual([]);
    expect(external.findings).toEqual([
      finding(
        'argocd-values-unknown',
        'warning',
        9,
        14,
        'the chart comes from another repository (https://github.com/other/charts.git), so its defaults and relative value files are unknown here',
        'Checks see only the values this repository sets; vendor the chart or point argocd.repoURL at it if it is this repository.',
      ),
    ]);
  });

  it('reports a path that leaves the repository or does not exist', () => {
    const up = plan(`    repoURL: ${REPO}\n    path: ../web\n    helm: {}\n`);
    expect(up.plan.chart).toEqual({ kind: 'local', dir: '../web' });
    expect(up.plan.defaultsKnown).toBe(false);
    expect(up.findings).toEqual([finding('argocd-application-unreadable', 'error', 10, 11, 'path "../web" leaves the repository', 'Argo CD refuses it; point path at a chart folder inside the repository.')]);
    const missing = plan(`    repoURL: ${REPO}\n    path: charts/gone\n    helm: {}\n`);
    expect(missing.plan.defaults).toBeUndefined();
    expect(missing.findings).toEqual([finding('argocd-application-unreadable', 'error', 10, 11, 'path "charts/gone" does not exist in this repository', 'Argo CD cannot sync this Application: fix the path or add the chart.')]);
  });

  it('reads a Helm repository chart from its vendored copy, or says its defaults are unknown', () => {
    const vendored = plan(`    repoURL: https://charts.example.com\n    chart: redis\n    targetRevision: 18.1.0\n    helm: {valueFiles: [values-small.yaml], releaseName: cache}\n`, {
      'vendor/redis-18.1.0/Chart.yaml': 'name: redis\n',
      'vendor/redis-18.1.0/values.yaml': 'a: 1\n',
      'vendor/redis-18.1.0/values-small.yaml': 'a: 2\n',
    });
    expect(vendored.findings).toEqual([]);
    expect(vendored.plan.chart).toEqual({ kind: 'repository', repoURL: 'https://charts.example.com', name: 'redis', version: '18.1.0', vendoredDir: 'vendor/redis-18.1.0' });
    expect(vendored.plan.defaults).toBe('vendor/redis-18.1.0/values.yaml');
    expect(vendored.plan.releaseName).toBe('cache');
    expect(files(vendored.plan)).toEqual(['values-small.yaml -> vendor/redis-18.1.0/values-small.yaml']);
    for (const [dir, version] of [['vendor/redis/18.1.0', '18.1.0'], ['vendor/redis', '18.1.0'], ['charts/redis', undefined]] as const) {
      const other = plan(`    repoURL: https://charts.example.com\n    chart: redis\n${version ? `    targetRevision: ${version}\n` : ''}`, { [`${dir}/Chart.yaml`]: 'name: redis\n' });
      expect(other.plan.chart).toMatchObject({ vendoredDir: dir });
    }
    const remote = plan(`    repoURL: https://charts.example.com\n    chart: redis\n    targetRevision: 18.1.0\n    helm: {valueFiles: [values-small.yaml]}\n`);
    expect(remote.plan.chart).toEqual({ kind: 'repository', repoURL: 'https://charts.example.com', name: 'redis', version: '18.1.0' });
    expect(remote.plan.defaultsKnown).toBe(false);
    expect(remote.findings).toEqual([
      finding(
        'argocd-values-unknown',
        'warning',
        10,
        12,
        'chart "redis" 18.1.0 comes from https://charts.example.com: its default values are unknown (no vendored copy)',
        'Schema, policy and lint checks see only the values this repository sets. Vendor the chart in charts/redis-18.1.0/ or a folder named in argocd.chartCache.',
      ),
      finding('argocd-values-unknown', 'warning', 12, 25, '"values-small.yaml" is read from inside chart "redis", which is not vendored here', 'Vendor the chart to check these values.'),
    ]);
    const unversioned = plan(`    repoURL: https://charts.example.com\n    chart: redis\n`);
    expect(unversioned.findings.map((f) => [f.message, f.hint])).toEqual([
      ['chart "redis" comes from https://charts.example.com: its default values are unknown (no vendored copy)', 'Schema, policy and lint checks see only the values this repository sets. Vendor the chart in charts/redis-VERSION/ or a folder named in argocd.chartCache.'],
    ]);
  });

  it('reads $ref value files from this repository, and says what it cannot read through a ref', () => {
    const { plans, findings } = plan('', { 'envs/prod/values.yaml': '' }, `  - repoURL: ${REPO}
    ref: values
  - repoURL: https://github.com/other/config.git
    ref: other
  - repoURL: ${REPO}
    path: charts/web
    helm:
      valueFiles: [$values/envs/prod/values.yaml, $values/, $other/x.yaml, $values/../../x.yaml, $values/envs/$ARGOCD_APP_NAME.yaml, $nope/x.yaml]
`);
    expect(plans).toHaveLength(1);
    expect(plans[0].sourceIndex).toBe(2);
    expect(files(plans[0])).toEqual(['$values/envs/prod/values.yaml -> envs/prod/values.yaml', '$values/envs/$ARGOCD_APP_NAME.yaml -> envs/web-prod.yaml (missing)', '$nope/x.yaml -> x.yaml (missing)']);
    expect(findings.map((f) => [f.rule, f.severity, f.line, f.column, f.message])).toEqual([
      ['argocd-application-unreadable', 'error', 16, 51, '"$values/" names no file after the ref'],
      ['argocd-values-unknown', 'warning', 16, 61, '"$other/x.yaml" is read from another repository (https://github.com/other/config.git)'],
      ['argocd-application-unreadable', 'error', 16, 76, '"$values/../../x.yaml" leaves the repository'],
      ['argocd-value-file-missing', 'error', 16, 98, 'values file "$values/envs/$ARGOCD_APP_NAME.yaml" (envs/web-prod.yaml) does not exist, so Argo CD fails to sync this Application'],
      ['argocd-value-file-missing', 'error', 16, 134, 'values file "$nope/x.yaml" (x.yaml) does not exist, so Argo CD fails to sync this Application'],
    ]);
    expect(findings.slice(0, 3).map((f) => f.hint)).toEqual(['Write $values/path/to/values.yaml.', 'Checks miss its values; point argocd.repoURL at that repository if it is this one.', "Argo CD refuses it; keep value files inside the repository."]);
  });

  it('layers valuesObject over values, warning that values is then ignored, and reads file parameters', () => {
    const both = plan(`    repoURL: ${REPO}\n    path: charts/web\n    helm:\n      values: "a: 1"\n      valuesObject: {a: 2}\n      parameters: [{name: image.tag, value: "1.2"}]\n      fileParameters: [{name: config, path: files/config.json}, {name: gone, path: files/gone.json}, {name: far, path: "https://x/y"}]\n`, {
      'charts/web/files/config.json': '{}',
    });
    expect(both.plan.inline).toMatchObject({ field: 'valuesObject', object: { a: 2 }, at: { line: 13, column: 21 } });
    expect(both.plan.parameters).toMatchObject([{ name: 'image.tag', value: '1.2', forceString: false, at: { line: 14, column: 45 } }]);
    expect(both.plan.fileParameters).toMatchObject([
      { name: 'config', file: 'charts/web/files/config.json', exists: true },
      { name: 'gone', file: 'charts/web/files/gone.json', exists: false },
      { name: 'far', exists: false },
    ]);
    expect('file' in both.plan.fileParameters[2]).toBe(false);
    expect(both.findings.map((f) => [f.rule, f.severity, f.line, f.column, f.message, f.hint])).toEqual([
      ['argocd-values-ignored', 'warning', 12, 15, 'helm.values is ignored: Argo CD uses helm.valuesObject when both are set', 'Move these values into valuesObject, or remove one of the two.'],
      ['argocd-value-file-missing', 'error', 15, 84, 'file parameter "gone" reads charts/web/files/gone.json, which does not exist, so Argo CD fails to sync', 'Create the file or fix the path.'],
      ['argocd-values-unknown', 'warning', 15, 120, '"https://x/y" is fetched from a URL', 'Checks miss its values; keep value files in the repository.'],
    ]);
    const text = plan(`    repoURL: ${REPO}\n    path: charts/web\n    helm:\n      values: "a: 1"\n`);
    expect(text.plan.inline).toMatchObject({ field: 'values', text: 'a: 1', at: { line: 12, column: 15 } });
    const blank = plan(`    repoURL: ${REPO}\n    path: charts/web\n    helm:\n      values: "  "\n      valuesObject: {}\n`);
    expect(blank.plan.inline).toMatchObject({ field: 'valuesObject', object: {} });
    expect(blank.findings).toEqual([]);
    expect(plan(`    repoURL: ${REPO}\n    path: charts/web\n    helm:\n      values: " "\n`).plan.inline).toBeUndefined();
  });

  it('takes a folder with Chart.yaml, or with helm settings, as a Helm source; plain manifests and refs are not', () => {
    const plain = plan('', { 'manifests/cm.yaml': 'kind: ConfigMap\n' }, `  - {repoURL: ${REPO}, path: manifests}\n  - {repoURL: ${REPO}, ref: values}\n  - {repoURL: https://github.com/other/x.git, path: web}\n  - {repoURL: https://github.com/other/x.git, path: web, helm: {}}\n  - {repoURL: ${REPO}, path: charts/web}\n  - {repoURL: ${REPO}, path: ../outside}\n`);
    expect(plain.plans.map((p) => [p.sourceIndex, p.chart.kind])).toEqual([
      [3, 'external'],
      [4, 'local'],
    ]);
  });

  it('fills in the namespace, source path and revision of the build environment for a vendored chart without a destination namespace', () => {
    const { plan: p, findings } = plan(
      `    repoURL: https://charts.example.com\n    chart: redis\n    targetRevision: 18.1.0\n    helm: {valueFiles: [values-$ARGOCD_APP_NAMESPACE-$ARGOCD_APP_SOURCE_PATH-$ARGOCD_APP_SOURCE_TARGET_REVISION.yaml]}\n`,
      { 'vendor/redis-18.1.0/Chart.yaml': 'name: redis\n', 'vendor/redis-18.1.0/values---18.1.0.yaml': '' },
      '',
      '{server: https://kubernetes.default.svc}',
    );
    expect(findings).toEqual([]);
    expect(files(p)).toEqual(['values-$ARGOCD_APP_NAMESPACE-$ARGOCD_APP_SOURCE_PATH-$ARGOCD_APP_SOURCE_TARGET_REVISION.yaml -> vendor/redis-18.1.0/values---18.1.0.yaml']);
    expect(p.parameters).toEqual([]);
    expect(p.fileParameters).toEqual([]);
  });

  it('reads a chart at the repository root, and refuses the folder above it', () => {
    const top = plan(`    repoURL: ${REPO}\n    path: .\n    helm: {valueFiles: [values-prod.yaml]}\n`, { 'Chart.yaml': 'apiVersion: v2\nname: top\nversion: 1.0.0\n', 'values.yaml': '', 'values-prod.yaml': '' });
    expect(top.findings).toEqual([]);
    expect(top.plan.chart).toEqual({ kind: 'local', dir: '' });
    expect(top.plan.defaults).toBe('values.yaml');
    expect(files(top.plan)).toEqual(['values-prod.yaml -> values-prod.yaml']);
    const up = plan(`    repoURL: ${REPO}\n    path: ..\n    helm: {}\n`);
    expect(up.plan.chart).toEqual({ kind: 'local', dir: '..' });
    expect(up.findings).toEqual([finding('argocd-application-unreadable', 'error', 10, 11, 'path ".." leaves the repository', 'Argo CD refuses it; point path at a chart folder inside the repository.')]);
  });

  it('marks every file a helm-secrets glob expands to as decrypted by the plugin', () => {
    const { plan: p, findings } = plan(`    repoURL: ${REPO}\n    path: charts/web\n    helm:\n      valueFiles: ["secrets://secrets-*.yaml", values-a.yaml]\n`, {
      'charts/web/secrets-a.yaml': '',
      'charts/web/secrets-b.yaml': '',
      'charts/web/values-a.yaml': '',
    });
    expect(findings).toEqual([]);
    expect(files(p)).toEqual(['secrets://secrets-*.yaml -> charts/web/secrets-a.yaml secrets', 'secrets://secrets-*.yaml -> charts/web/secrets-b.yaml secrets', 'values-a.yaml -> charts/web/values-a.yaml']);
  });
});
