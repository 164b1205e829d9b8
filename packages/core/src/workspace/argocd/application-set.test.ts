import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { expandApplicationSet } from './application-set';
import { readArgoDocuments } from './documents';
import { diskRepo } from './repo-context';

const REPO = 'https://github.com/argoproj/argo-cd.git';

function repo(files: Record<string, string>) {
  const root = mkdtempSync(join(tmpdir(), 'hvm-appset-'));
  for (const [f, text] of Object.entries(files)) {
    mkdirSync(dirname(join(root, f)), { recursive: true });
    writeFileSync(join(root, f), text);
  }
  return { root, ctx: { ...diskRepo(root, { repoURLs: [REPO], chartCaches: [] }), clusters: [{ name: 'in-cluster', server: 'https://kubernetes.default.svc' }, { name: 'prod-eu', server: 'https://eu.example.com', labels: { env: 'prod' } }] } };
}

function expand(yaml: string, files: Record<string, string> = {}) {
  const { ctx } = repo(files);
  const { documents } = readArgoDocuments(yaml, 'appsets/set.yaml');
  return expandApplicationSet(documents[0], ctx);
}

describe('ApplicationSet expansion, on the examples of the Argo CD documentation', () => {
  it('list generator with fasttemplate', () => {
    const out = expand(`apiVersion: argoproj.io/v1alpha1
kind: ApplicationSet
metadata:
  name: guestbook
spec:
  generators:
  - list:
      elements:
      - cluster: engineering-dev
        url: https://1.2.3.4
      - cluster: engineering-prod
        url: https://2.4.6.8
  template:
    metadata:
      name: '{{cluster}}-guestbook'
    spec:
      project: my-project
      source:
        repoURL: ${REPO}
        targetRevision: HEAD
        path: applicationset/examples/list-generator/guestbook/{{cluster}}
      destination:
        server: '{{url}}'
        namespace: guestbook
`);
    expect(out.findings).toEqual([]);
    expect(out.applications.map((a) => [a.name, a.sources[0].path, a.destination.server])).toEqual([
      ['engineering-dev-guestbook', 'applicationset/examples/list-generator/guestbook/engineering-dev', 'https://1.2.3.4'],
      ['engineering-prod-guestbook', 'applicationset/examples/list-generator/guestbook/engineering-prod', 'https://2.4.6.8'],
    ]);
    // Positions of a generated Application point into the template.
    expect(out.applications[0].at(['spec', 'source', 'path'])).toMatchObject({ file: 'appsets/set.yaml', line: 21 });
  });

  it('git directories with exclude, goTemplate', () => {
    const files = {
      'applicationset/examples/git-generator-directory/excludes/cluster-addons/argo-workflows/kustomization.yaml': '',
      'applicationset/examples/git-generator-directory/excludes/cluster-addons/prometheus-operator/Chart.yaml': 'name: p\n',
      'applicationset/examples/git-generator-directory/excludes/cluster-addons/exclude-helm-guestbook/Chart.yaml': 'name: g\n',
    };
    const out = expand(
      `apiVersion: argoproj.io/v1alpha1
kind: ApplicationSet
metadata:
  name: cluster-addons
spec:
  goTemplate: true
  goTemplateOptions: ["missingkey=error"]
  generators:
  - git:
      repoURL: ${REPO}
      revision: HEAD
      directories:
      - path: applicationset/examples/git-generator-directory/excludes/cluster-addons/*
      - path: applicationset/examples/git-generator-directory/excludes/cluster-addons/exclude-helm-guestbook
        exclude: true
  template:
    metadata:
      name: '{{.path.basename}}'
    spec:
      project: "my-project"
      source:
        repoURL: ${REPO}
        targetRevision: HEAD
        path: '{{.path.path}}'
      destination:
        server: https://kubernetes.default.svc
        namespace: '{{.path.basename}}'
`,
      files,
    );
    expect(out.findings).toEqual([]);
    expect(out.applications.map((a) => a.name)).toEqual(['argo-workflows', 'prometheus-operator']);
  });

  it('git files: every key of config.json is a parameter, nested keys dotted', () => {
    const config = JSON.stringify({ aws_account: '123456', asset_id: '11223344', cluster: { owner: 'cluster-admin@company.com', name: 'engineering-dev', address: 'https://1.2.3.4' } });
    const out = expand(
      `apiVersion: argoproj.io/v1alpha1
kind: ApplicationSet
metadata:
  name: guestbook
spec:
  generators:
  - git:
      repoURL: ${REPO}
      revision: HEAD
      files:
      - path: "applicationset/examples/git-generator-files-discovery/cluster-config/**/config.json"
  template:
    metadata:
      name: '{{cluster.name}}-guestbook'
    spec:
      project: default
      source:
        repoURL: ${REPO}
        targetRevision: HEAD
        path: "applicationset/examples/git-generator-files-discovery/apps/guestbook"
      destination:
        server: '{{cluster.address}}'
        namespace: guestbook
`,
      { 'applicationset/examples/git-generator-files-discovery/cluster-config/engineering/dev/config.json': config },
    );
    expect(out.findings).toEqual([]);
    expect(out.applications.map((a) => [a.name, a.destination.server])).toEqual([['engineering-dev-guestbook', 'https://1.2.3.4']]);
  });

  it('matrix of git directories and clusters', () => {
    const out = expand(
      `apiVersion: argoproj.io/v1alpha1
kind: ApplicationSet
metadata:
  name: cluster-git
spec:
  generators:
    - matrix:
        generators:
          - git:
              repoURL: ${REPO}
              revision: HEAD
              directories:
                - path: applicationset/examples/matrix/cluster-addons/*
          - clusters:
              selector:
                matchLabels:
                  env: prod
  template:
    metadata:
      name: '{{path.basename}}-{{name}}'
    spec:
      project: '{{metadata.labels.env}}'
      source:
        repoURL: ${REPO}
        targetRevision: HEAD
        path: '{{path}}'
      destination:
        server: '{{server}}'
        namespace: '{{path.basename}}'
`,
      { 'applicationset/examples/matrix/cluster-addons/argo-workflows/k.yaml': '', 'applicationset/examples/matrix/cluster-addons/prometheus-operator/Chart.yaml': '' },
    );
    expect(out.findings).toEqual([]);
    expect(out.applications.map((a) => [a.name, a.project, a.destination.server])).toEqual([
      ['argo-workflows-prod-eu', 'prod', 'https://eu.example.com'],
      ['prometheus-operator-prod-eu', 'prod', 'https://eu.example.com'],
    ]);
  });

  it('merge: a list overrides the parameters of the clusters it matches by mergeKeys', () => {
    const out = expand(`apiVersion: argoproj.io/v1alpha1
kind: ApplicationSet
metadata:
  name: cluster-git
spec:
  generators:
    - merge:
        mergeKeys:
          - server
        generators:
          - clusters:
              values:
                kafka: 'true'
                redis: 'false'
          - list:
              elements:
                - server: https://eu.example.com
                  values.redis: 'true'
  template:
    metadata:
      name: '{{name}}'
    spec:
      project: default
      source:
        repoURL: ${REPO}
        targetRevision: HEAD
        path: app
        helm:
          parameters:
          - name: kafka
            value: '{{values.kafka}}'
          - name: redis
            value: '{{values.redis}}'
      destination:
        server: '{{server}}'
        namespace: default
`);
    expect(out.findings).toEqual([]);
    expect(out.applications.map((a) => [a.name, a.sources[0].helm?.parameters.map((p) => p.value)])).toEqual([
      ['in-cluster', ['true', 'false']],
      ['prod-eu', ['true', 'true']],
    ]);
  });

  it('an unsupported generator is a finding at its line, never a silent skip', () => {
    const out = expand(`apiVersion: argoproj.io/v1alpha1
kind: ApplicationSet
metadata:
  name: prs
spec:
  generators:
  - pullRequest:
      github: {owner: o, repo: r}
  template:
    metadata:
      name: 'pr-{{number}}'
    spec:
      project: default
      source: {repoURL: ${REPO}, path: app}
      destination: {server: https://kubernetes.default.svc, namespace: default}
`);
    expect(out.partial).toBe(true);
    expect(out.findings).toMatchObject([{ rule: 'argocd-generator-unsupported', line: 7, message: expect.stringContaining('pullRequest') }]);
  });

  it('an unsupported template function is a finding at the template line', () => {
    const out = expand(`apiVersion: argoproj.io/v1alpha1
kind: ApplicationSet
metadata:
  name: x
spec:
  goTemplate: true
  generators:
  - list:
      elements: [{name: a}]
  template:
    metadata:
      name: '{{ .name | sha1sum }}'
    spec:
      project: default
      source: {repoURL: ${REPO}, path: app}
      destination: {server: https://kubernetes.default.svc, namespace: default}
`);
    expect(out.applications).toEqual([]);
    expect(out.findings).toMatchObject([{ rule: 'argocd-generator-unsupported', line: 12, message: expect.stringContaining('sha1sum') }]);
  });
});
