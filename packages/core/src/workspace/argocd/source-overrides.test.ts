import { describe, expect, it } from 'vitest';
import { resolveHelmSource } from './resolve-helm-source';
import { discoverIn, TEST_REPO as REPO } from './test-support/disk-discovery';

// `.argocd-source.yaml` then `.argocd-source-<app>.yaml` in the source folder patch the source,
// as Argo CD's repo server applies them (the CLI and Image Updater write them).
function discover(files: Record<string, string>, helm = '    helm:\n      valueFiles: [values.yaml]\n      parameters: [{name: image.tag, value: "1.0"}]\n') {
  return discoverIn({
    'charts/web/Chart.yaml': 'apiVersion: v2\nname: web\nversion: 1.0.0\n',
    'charts/web/values.yaml': 'image: {tag: latest}\nreplicas: 1\n',
    'argocd/web.yaml': `apiVersion: argoproj.io/v1alpha1
kind: Application
metadata:
  name: web-prod
spec:
  destination: {server: https://kubernetes.default.svc, namespace: web}
  source:
    repoURL: ${REPO}
    path: ./charts/web/
${helm}`,
    ...files,
  });
}

describe('source overrides', () => {
  it('applies the folder-wide file, then the Application own file, replacing lists whole, and points at where they set a value', () => {
    const { root, d } = discover({
      'charts/web/.argocd-source.yaml': 'helm:\n  parameters:\n  - name: replicas\n    value: "2"\n',
      'charts/web/.argocd-source-web-prod.yaml': 'helm:\n  parameters:\n  - name: image.tag\n    value: "2.0"\n  valueFiles: [values.yaml, extra.yaml]\n',
      'charts/web/.argocd-source-other.yaml': 'helm:\n  parameters: [{name: image.tag, value: other}]\n',
      'charts/web/extra.yaml': 'replicas: 3\n',
    });
    expect(d.findings).toEqual([]);
    expect(d.files).toEqual(['argocd/web.yaml', 'charts/web/.argocd-source.yaml', 'charts/web/.argocd-source-web-prod.yaml']);
    const source = d.applications[0].sources[0];
    expect(source.overrides).toEqual(['charts/web/.argocd-source.yaml', 'charts/web/.argocd-source-web-prod.yaml']);
    expect(source.helm?.parameters).toEqual([{ name: 'image.tag', value: '2.0', forceString: false }]);
    const res = resolveHelmSource(root, d.plans[0]);
    expect(res.values).toEqual({ image: { tag: '2.0' }, replicas: 3 });
    expect(res.originOf(['image', 'tag'])).toEqual({ file: 'charts/web/.argocd-source-web-prod.yaml', line: 4, column: 12 });
    // A list the override replaces is placed at the list in the override file.
    expect(source.overriddenAt?.(['helm', 'valueFiles', 1])).toEqual({ file: 'charts/web/.argocd-source-web-prod.yaml', line: 5, column: 29 });
    expect(source.overriddenAt?.(['helm', 'valueFiles', 5])).toEqual({ file: 'charts/web/.argocd-source-web-prod.yaml', line: 5, column: 15 });
    expect(source.overriddenAt?.(['helm', 'parameters', 0, 'value'])).toEqual({ file: 'charts/web/.argocd-source-web-prod.yaml', line: 4, column: 12 });
    // What neither file sets is still written in the Application.
    expect(source.overriddenAt?.(['repoURL'])).toBeUndefined();
    expect(source.overriddenAt?.(['helm', 'releaseName'])).toBeUndefined();
  });

  it('keeps the Application settings an override file does not name, and every helm setting through a round trip', () => {
    const { d } = discover(
      { 'charts/web/.argocd-source-web-prod.yaml': 'helm:\n  releaseName: renamed\n' },
      '    targetRevision: main\n    helm:\n      ignoreMissingValueFiles: true\n      valueFiles: [values.yaml, gone.yaml]\n      values: "a: 1"\n      valuesObject: {b: 2}\n      fileParameters: [{name: f, path: values.yaml}]\n      parameters: [{name: x, value: "1", forceString: true}]\n',
    );
    expect(d.findings).toMatchObject([{ rule: 'argocd-values-ignored' }]);
    const { at: _at, overriddenAt: _o, ...source } = d.applications[0].sources[0];
    expect(source).toEqual({
      repoURL: REPO,
      path: './charts/web/',
      targetRevision: 'main',
      overrides: ['charts/web/.argocd-source-web-prod.yaml'],
      helm: {
        releaseName: 'renamed',
        ignoreMissingValueFiles: true,
        valueFiles: ['values.yaml', 'gone.yaml'],
        values: 'a: 1',
        valuesObject: { b: 2 },
        fileParameters: [{ name: 'f', path: 'values.yaml' }],
        parameters: [{ name: 'x', value: '1', forceString: true }],
      },
    });
    expect(d.plans[0].releaseName).toBe('renamed');
  });

  it('keeps the release name, and adds no helm setting the Application leaves out', () => {
    const { d } = discover({ 'charts/web/.argocd-source.yaml': 'helm:\n  parameters: [{name: replicas, value: "2"}]\n' }, '    helm:\n      releaseName: web\n      valueFiles: [values.yaml]\n');
    const { at: _at, overriddenAt: _o, ...source } = d.applications[0].sources[0];
    expect(source).toEqual({ repoURL: REPO, path: './charts/web/', overrides: ['charts/web/.argocd-source.yaml'], helm: { releaseName: 'web', ignoreMissingValueFiles: false, valueFiles: ['values.yaml'], parameters: [{ name: 'replicas', value: '2', forceString: false }], fileParameters: [] } });
    expect(d.plans[0].releaseName).toBe('web');
  });

  it('keeps a directory source recursive', () => {
    const { d } = discover({ 'charts/web/.argocd-source.yaml': 'directory:\n  jsonnet: {}\n' }, '    directory:\n      recurse: true\n');
    expect(d.applications[0].sources[0]).toMatchObject({ path: './charts/web/', recurse: true, overrides: ['charts/web/.argocd-source.yaml'] });
  });

  it('reports an override file that is not YAML, or that breaks the source, at its line', () => {
    const broken = discover({ 'charts/web/.argocd-source.yaml': 'helm:\n  parameters: [unclosed\n', 'charts/web/.argocd-source-web-prod.yaml': '- not a map\n' });
    expect(broken.d.applications[0].sources[0].overrides).toBeUndefined();
    expect(broken.d.findings).toEqual([
      {
        rule: 'input',
        severity: 'error',
        // the first line of the parser's message
        message: 'YAML syntax error: Flow sequence in block collection must be sufficiently indented and end with a ]',
        file: 'charts/web/.argocd-source.yaml',
        line: 3,
        column: 1,
        app: 'web-prod',
        hint: 'Argo CD fails to render this Application until the override file is fixed.',
      },
    ]);
    const bad = discover({ 'charts/web/.argocd-source.yaml': 'repoURL: ""\nhelm:\n  valueFiles: values.yaml\n' });
    expect(bad.d.findings).toEqual([
      { rule: 'argocd-application-unreadable', severity: 'error', message: 'this source has no repoURL', file: 'argocd/web.yaml', line: 8, column: 5, app: 'web-prod', hint: 'Add the repoURL of the Git or Helm repository it deploys from.' },
      { rule: 'argocd-application-unreadable', severity: 'error', message: 'helm.valueFiles must be a list', file: 'charts/web/.argocd-source.yaml', line: 3, column: 15, app: 'web-prod', hint: 'Write helm.valueFiles as a YAML list.' },
      expect.objectContaining({ rule: 'argocd-values-unknown', message: 'the chart comes from another repository (), so its defaults and relative value files are unknown here', file: 'charts/web/.argocd-source.yaml', line: 1, column: 10 }),
    ]);
  });
});
