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

describe('ApplicationSet expansion: templatePatch, template errors and names', () => {
  const head = (spec: string) => `apiVersion: argoproj.io/v1alpha1
kind: ApplicationSet
metadata:
  name: set
spec:
${spec}`;
  const template = `  template:
    metadata:
      name: '{{.name}}'
    spec:
      project: default
      source: {repoURL: ${REPO}, path: app, helm: {valueFiles: [values.yaml]}}
      destination: {server: https://kubernetes.default.svc, namespace: '{{.name}}'}
`;

  it('applies templatePatch, rendered with each parameter set, as a merge patch over the template', () => {
    const out = expand(
      head(`  goTemplate: true
  generators:
  - list:
      elements: [{name: web, extra: true}, {name: api, extra: false}]
${template}  templatePatch: |
    {{- if .extra }}
    spec:
      project: '{{ .name }}-team'
      source:
        helm:
          valueFiles: [values.yaml, 'values-{{ .name }}.yaml']
    {{- end }}
    metadata:
      namespace: null
`),
    );
    expect(out.findings).toEqual([]);
    expect(out.applications.map((a) => [a.name, a.project, a.sources[0].helm?.valueFiles, a.generatedBy])).toEqual([
      ['web', 'web-team', ['values.yaml', 'values-web.yaml'], { applicationSet: 'set', params: { name: 'web', extra: true } }],
      ['api', 'default', ['values.yaml'], { applicationSet: 'set', params: { name: 'api', extra: false } }],
    ]);
  });

  it('refuses a templatePatch without goTemplate, and one that does not render to YAML, at its line', () => {
    const fast = expand(head(`  generators:\n  - list: {elements: [{name: web}]}\n${template.replace('{{.name}}', '{{name}}')}  templatePatch: 'spec: {}'\n`));
    expect(fast.applications.map((a) => a.name)).toEqual(['web']);
    expect(fast.findings).toEqual([{ rule: 'argocd-application-unreadable', severity: 'error', message: 'templatePatch needs goTemplate: true', file: 'appsets/set.yaml', line: 15, column: 18, hint: 'Set goTemplate: true, as Argo CD requires.' }]);
    const bad = expand(head(`  goTemplate: true\n  generators:\n  - list: {elements: [{name: web}]}\n${template}  templatePatch: |\n    spec: [unclosed {{ .name }}\n`));
    expect(bad.applications).toEqual([]);
    expect(bad.findings).toEqual([
      {
        rule: 'argocd-application-unreadable',
        severity: 'error',
        message: expect.stringMatching(/^ApplicationSet "set": templatePatch does not render to YAML: \S[^\n]*$/),
        file: 'appsets/set.yaml',
        line: 16,
        column: 18,
        hint: 'Argo CD fails to apply it; fix the patch.',
      },
    ]);
  });

  it('reports a template Argo CD fails to render at the string that fails, in the template, the patch or a generator', () => {
    const strict = expand(head(`  goTemplate: true\n  goTemplateOptions: ["missingkey=error"]\n  generators:\n  - list: {elements: [{name: web}]}\n${template.replace("namespace: '{{.name}}'", "namespace: '{{.ns}}'")}`));
    expect(strict.applications).toEqual([]);
    expect(strict.partial).toBe(true);
    expect(strict.findings).toEqual([
      { rule: 'argocd-application-unreadable', severity: 'error', message: expect.stringMatching(/^ApplicationSet "set": .*ns/), file: 'appsets/set.yaml', line: 16, column: 72, hint: 'Argo CD fails to render this template; fix it.' },
    ]);
    // Without the option a missing key renders as Go prints it.
    const lax = expand(head(`  goTemplate: true\n  generators:\n  - list: {elements: [{name: web}]}\n${template.replace("namespace: '{{.name}}'", "namespace: '{{.ns}}'")}`));
    expect(lax.findings).toEqual([]);
    expect(lax.applications.map((a) => a.destination.namespace)).toEqual(['<no value>']);
    const patch = expand(head(`  goTemplate: true\n  generators:\n  - list: {elements: [{name: web}]}\n${template}  templatePatch: |\n    spec: {project: '{{ .name | sha1sum }}'}\n`));
    expect(patch.applications).toEqual([]);
    expect(patch.findings).toEqual([
      {
        rule: 'argocd-generator-unsupported',
        severity: 'warning',
        message: expect.stringMatching(/^ApplicationSet "set": .*sha1sum/),
        file: 'appsets/set.yaml',
        line: 16,
        column: 18,
        hint: 'The Applications this template generates are not known here; use the functions listed in docs/layouts.md.',
      },
    ]);
    const generator = expand(head(`  goTemplate: true\n  goTemplateOptions: ["missingkey=error"]\n  generators:\n  - clusters:\n      values: {a: '{{ .nope }}'}\n  - list: {elements: [{name: web}]}\n${template}`));
    expect(generator.applications.map((a) => a.name)).toEqual(['web']);
    expect(generator.partial).toBe(true);
    expect(generator.findings).toEqual([
      { rule: 'argocd-application-unreadable', severity: 'error', message: expect.stringMatching(/^ApplicationSet "set": .*nope/), file: 'appsets/set.yaml', line: 10, column: 19, hint: 'Argo CD fails to render this template; fix it.' },
    ]);
  });

  it('reports a generated Application that Argo CD would refuse at the line of its template', () => {
    const out = expand(head(`  generators:\n  - list: {elements: [{name: web}]}\n  template:\n    metadata: {name: '{{name}}'}\n    spec:\n      source: {path: app}\n      destination: {server: https://kubernetes.default.svc}\n`));
    expect(out.applications.map((a) => [a.name, a.project, a.sources[0].repoURL])).toEqual([['web', 'default', '']]);
    expect(out.findings).toEqual([{ rule: 'argocd-application-unreadable', severity: 'error', message: 'this source has no repoURL', file: 'appsets/set.yaml', line: 11, column: 15, hint: 'Add the repoURL of the Git or Helm repository it deploys from.' }]);
  });

  it('refuses a set without generators, and a second Application of one name', () => {
    const none = expand(head(`  generators: []\n${template}`));
    expect(none.applications).toEqual([]);
    expect(none.findings).toEqual([{ rule: 'argocd-application-unreadable', severity: 'error', message: 'ApplicationSet "set" has no generators', file: 'appsets/set.yaml', line: 6, column: 3, hint: 'Add spec.generators.' }]);
    const twice = expand(head(`  goTemplate: true\n  generators:\n  - list: {elements: [{name: web, idx: 1}, {name: web, idx: 2}, {name: api}]}\n${template}`));
    expect(twice.applications.map((a) => [a.name, a.generatedBy?.params])).toEqual([
      ['web', { name: 'web', idx: 1 }],
      ['api', { name: 'api' }],
    ]);
    expect(twice.findings).toEqual([
      {
        rule: 'argocd-application-unreadable',
        severity: 'error',
        message: 'ApplicationSet "set" generates two Applications named "web"',
        file: 'appsets/set.yaml',
        line: 11,
        column: 13,
        hint: 'Argo CD refuses duplicate names: make the name template use a parameter that differs.',
      },
    ]);
  });
});
