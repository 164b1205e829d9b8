import { describe, expect, it } from 'vitest';
import { applicationSpec } from './application-spec';
import { positionIn, readArgoDocuments } from './documents';

// An Application as Argo CD reads it: what Helm gets from it, and each malformed part at its line.
const FILE = 'argocd/app.yaml';
function read(yaml: string) {
  const doc = readArgoDocuments(yaml, FILE).documents[0];
  const { app, findings } = applicationSpec(doc.data, doc.file, (path) => positionIn(doc.yaml, path));
  const { at: _at, ...rest } = app;
  return { app: rest, findings, at: app.at };
}
const head = `apiVersion: argoproj.io/v1alpha1
kind: Application
metadata:
  name: web-prod
  namespace: argocd
spec:
`;

describe('applicationSpec', () => {
  it('reads a Helm source: value files, values, valuesObject, parameters, file parameters and release name', () => {
    const { app, findings } = read(`${head}  project: team
  destination: {server: https://kubernetes.default.svc, name: in-cluster, namespace: web}
  source:
    repoURL: https://github.com/example/gitops.git
    path: charts/web
    targetRevision: main
    helm:
      releaseName: web
      ignoreMissingValueFiles: true
      valueFiles: [values.yaml, 2]
      values: |
        replicas: 2
      valuesObject: {replicas: 3}
      parameters:
      - {name: image.tag, value: '1.2'}
      - {name: replicas, value: 4, forceString: true}
      - {name: empty}
      - {name: list, value: [a]}
      - {name: flag, value: true}
      - {name: none, value: ~}
      fileParameters:
      - {name: config, path: files/config.json}
`);
    expect(findings).toEqual([]);
    expect(app).toEqual({
      name: 'web-prod',
      namespace: 'argocd',
      project: 'team',
      destination: { server: 'https://kubernetes.default.svc', name: 'in-cluster', namespace: 'web' },
      file: FILE,
      sources: [
        {
          repoURL: 'https://github.com/example/gitops.git',
          path: 'charts/web',
          targetRevision: 'main',
          at: ['spec', 'source'],
          helm: {
            releaseName: 'web',
            ignoreMissingValueFiles: true,
            valueFiles: ['values.yaml', '2'],
            values: 'replicas: 2\n',
            valuesObject: { replicas: 3 },
            parameters: [
              { name: 'image.tag', value: '1.2', forceString: false },
              { name: 'replicas', value: '4', forceString: true },
              { name: 'empty', value: '', forceString: false },
              { name: 'list', value: '["a"]', forceString: false },
              { name: 'flag', value: 'true', forceString: false },
              { name: 'none', value: '', forceString: false },
            ],
            fileParameters: [{ name: 'config', path: 'files/config.json' }],
          },
        },
      ],
    });
  });

  it('reads sources in order, a chart, a ref and directory.recurse, and defaults the project', () => {
    const { app, findings } = read(`${head}  destination: {server: https://kubernetes.default.svc}
  source: {repoURL: https://ignored.example.com, path: ignored}
  sources:
  - repoURL: https://charts.example.com
    chart: web
    targetRevision: 1.0.0
    helm:
      values: {a: 1}
  - repoURL: https://github.com/example/gitops.git
    ref: values
  - repoURL: https://github.com/example/gitops.git
    path: manifests
    directory: {recurse: true}
  - repoURL: https://github.com/example/gitops.git
    path: plain
    directory: {recurse: false}
`);
    expect(findings).toEqual([]);
    expect(app.project).toBe('default');
    expect(app.destination).toEqual({ server: 'https://kubernetes.default.svc' });
    expect(app.sources).toEqual([
      { repoURL: 'https://charts.example.com', chart: 'web', targetRevision: '1.0.0', at: ['spec', 'sources', 0], helm: { valueFiles: [], ignoreMissingValueFiles: false, values: '{"a":1}', parameters: [], fileParameters: [] } },
      { repoURL: 'https://github.com/example/gitops.git', ref: 'values', at: ['spec', 'sources', 1] },
      { repoURL: 'https://github.com/example/gitops.git', path: 'manifests', recurse: true, at: ['spec', 'sources', 2] },
      { repoURL: 'https://github.com/example/gitops.git', path: 'plain', at: ['spec', 'sources', 3] },
    ]);
  });

  it('reports each malformed part at its line and column, with what to write', () => {
    const { app, findings } = read(`${head}  source:
    path: charts/web
    helm:
      valueFiles: values.yaml
      parameters:
      - {value: x}
      - just-text
      fileParameters:
      - {name: config}
      valuesObject: [a]
`);
    expect(app.sources).toEqual([{ repoURL: '', path: 'charts/web', at: ['spec', 'source'], helm: { valueFiles: [], ignoreMissingValueFiles: false, parameters: [], fileParameters: [] } }]);
    const bad = (line: number, column: number, message: string, hint: string) => ({ rule: 'argocd-application-unreadable', severity: 'error', message, file: FILE, line, column, hint });
    expect(findings).toEqual([
      bad(8, 5, 'this source has no repoURL', 'Add the repoURL of the Git or Helm repository it deploys from.'),
      bad(10, 19, 'helm.valueFiles must be a list', 'Write helm.valueFiles as a YAML list.'),
      bad(12, 9, 'a helm parameter needs a name', 'Write "- name: image.tag\\n  value: 1.2.3".'),
      bad(13, 9, 'a helm parameter needs a name', 'Write "- name: image.tag\\n  value: 1.2.3".'),
      bad(15, 9, 'a helm fileParameter needs a name and a path', 'Write "- name: config\\n  path: files/config.json".'),
      bad(16, 21, 'helm.valuesObject must be a mapping', 'Write the values as a YAML mapping.'),
    ]);
  });

  it('reports a valueFiles entry that is not a path, a source that is not a mapping, and an Application without a source', () => {
    const entry = read(`${head}  source: {repoURL: r, path: p, helm: {valueFiles: [a.yaml, {x: 1}], parameters: ~, valuesObject: ~}}\n`);
    expect(entry.app.sources[0].helm).toEqual({ valueFiles: ['a.yaml'], ignoreMissingValueFiles: false, parameters: [], fileParameters: [] });
    expect(entry.findings).toMatchObject([{ message: 'a valueFiles entry must be a path', line: 7, column: 61, hint: 'Write the path of a values file.' }]);
    const notMap = read(`${head}  sources: [{repoURL: r, path: p}, text]\n`);
    expect(notMap.app.sources.map((s) => s.path)).toEqual(['p']);
    expect(notMap.findings).toMatchObject([{ message: 'a source must be a mapping with repoURL and path or chart', line: 7, column: 36, hint: 'See https://argo-cd.readthedocs.io/en/stable/user-guide/multiple_sources/.' }]);
    const none = read(`${head}  sources: []\n  project: 7\n`);
    expect(none.app.project).toBe('7');
    expect(none.app.sources).toEqual([]);
    expect(none.findings).toEqual([{ rule: 'argocd-application-unreadable', severity: 'error', message: 'this Application has neither spec.source nor spec.sources', file: FILE, line: 7, column: 3, hint: 'Add the source it deploys.' }]);
  });
});
