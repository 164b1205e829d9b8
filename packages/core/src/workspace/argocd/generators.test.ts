import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { expandApplicationSet } from './application-set';
import { readArgoDocuments } from './documents';
import type { KnownCluster } from './generators';
import { diskRepo } from './repo-context';

// The parameter sets each generator yields, seen as a user sees them: the Applications an
// ApplicationSet generates from them, and each finding at the file, line and column it names.
const REPO = 'https://github.com/example/gitops.git';
const FILE = 'appsets/set.yaml';
const IN_CLUSTER: KnownCluster = { name: 'in-cluster', server: 'https://kubernetes.default.svc' };
const CLUSTERS: KnownCluster[] = [
  IN_CLUSTER,
  { name: 'Prod_EU.1', server: 'https://eu.example.com', labels: { env: 'prod', region: 'eu' }, annotations: { owner: 'team-a' } },
  { name: 'staging', server: 'https://staging.example.com', labels: { env: 'staging' } },
];

function expand(yaml: string, files: Record<string, string> = {}, clusters = CLUSTERS) {
  const root = mkdtempSync(join(tmpdir(), 'hvm-generators-'));
  for (const [f, text] of Object.entries(files)) {
    mkdirSync(dirname(join(root, f)), { recursive: true });
    writeFileSync(join(root, f), text);
  }
  const { documents } = readArgoDocuments(yaml, FILE);
  return expandApplicationSet(documents[0], { ...diskRepo(root, { repoURLs: [REPO], chartCaches: [] }), clusters });
}

/** An ApplicationSet with these generators (indented under `generators:`) and a template naming each Application `name`. */
function appset(generators: string, name: string, opts: { goTemplate?: boolean; namespace?: string } = {}): string {
  return `apiVersion: argoproj.io/v1alpha1
kind: ApplicationSet
metadata:
  name: set
spec:
${opts.goTemplate ? '  goTemplate: true\n' : ''}  generators:
${generators}
  template:
    metadata:
      name: '${name}'
    spec:
      project: default
      source: {repoURL: ${REPO}, path: app}
      destination: {server: https://kubernetes.default.svc, namespace: '${opts.namespace ?? 'default'}'}
`;
}

const names = (out: ReturnType<typeof expand>) => out.applications.map((a) => a.name);
const namespaces = (out: ReturnType<typeof expand>) => out.applications.map((a) => `${a.name}/${a.destination.namespace}`);

describe('list generator', () => {
  it('takes string values as parameters, a values map as values.KEY, and elementsYaml after the elements', () => {
    const out = expand(
      appset(
        `  - list:
      elements:
      - name: web
        values: {tier: front, replicas: '2'}
      elementsYaml: |
        - name: api
          values.tier: back
`,
        '{{name}}',
        { namespace: '{{values.tier}}-{{values.replicas}}' },
      ),
    );
    expect(out.findings).toEqual([]);
    expect(out.partial).toBe(false);
    // Without goTemplate a tag with no string parameter stays as written.
    expect(namespaces(out)).toEqual(['web/front-2', 'api/back-{{values.replicas}}']);
  });

  it('refuses a non-string value without goTemplate, at the value, and skips only that element', () => {
    const yaml = appset(
      `  - list:
      elements:
      - name: web
        replicas: 2
      - name: api
      - just-a-string
      - name: db
        values: {replicas: 1}
`,
      '{{name}}',
    );
    const out = expand(yaml);
    expect(names(out)).toEqual(['api']);
    expect(out.findings).toEqual([
      { rule: 'argocd-application-unreadable', severity: 'error', message: 'list element key "replicas" is not a string, which Argo CD refuses without goTemplate', file: FILE, line: 10, column: 19, hint: 'Quote the value, or set goTemplate: true.' },
      { rule: 'argocd-application-unreadable', severity: 'error', message: 'a list element must be a mapping', file: FILE, line: 12, column: 9, hint: 'Write each element as key: value pairs.' },
      { rule: 'argocd-application-unreadable', severity: 'error', message: 'list element key "values.replicas" is not a string, which Argo CD refuses without goTemplate', file: FILE, line: 14, column: 28, hint: 'Quote the value, or set goTemplate: true.' },
    ]);
  });

  it('keeps every value as it is with goTemplate', () => {
    const out = expand(
      appset(
        `  - list:
      elements:
      - {name: web, replicas: 2, tls: true}
      elementsYaml: "[{name: api, replicas: 3, tls: false}, not-a-map]"
`,
        '{{.name}}',
        { goTemplate: true, namespace: '{{.replicas}}-{{.tls}}' },
      ),
    );
    expect(out.findings).toEqual([]);
    expect(namespaces(out)).toEqual(['web/2-true', 'api/3-false']);
  });

  it('reports elementsYaml that is not YAML at its key', () => {
    const out = expand(
      appset(
        `  - list:
      elements: [{name: web}]
      elementsYaml: "[unclosed"
`,
        '{{name}}',
      ),
    );
    expect(names(out)).toEqual(['web']);
    expect(out.findings).toEqual([
      { rule: 'argocd-application-unreadable', severity: 'error', message: expect.stringMatching(/^elementsYaml is not a YAML list: \S/), file: FILE, line: 9, column: 21, hint: 'Write a YAML list of mappings.' },
    ]);
    expect(out.findings[0].message).not.toContain('\n');
  });
});

describe('generators Argo CD knows but this tool cannot expand', () => {
  it('names an empty generator, an unknown one and one that needs a live service, each at its line, and keeps the others', () => {
    const out = expand(
      appset(
        `  - selector: {matchLabels: {a: b}}
  - listt:
      elements: [{name: typo}]
  - scmProvider:
      github: {organization: o}
  - list:
      elements: [{name: web}]
`,
        '{{name}}',
      ),
    );
    expect(names(out)).toEqual(['web']);
    expect(out.partial).toBe(true);
    expect(out.findings).toEqual([
      { rule: 'argocd-generator-unsupported', severity: 'warning', message: 'this generator is empty', file: FILE, line: 7, column: 5, hint: 'Name a generator: list, clusters, git, matrix or merge.' },
      { rule: 'argocd-generator-unsupported', severity: 'warning', message: 'unknown generator "listt"', file: FILE, line: 8, column: 5, hint: 'Argo CD knows list, clusters, git, matrix, merge, scmProvider, pullRequest, clusterDecisionResource and plugin.' },
      {
        rule: 'argocd-generator-unsupported',
        severity: 'warning',
        message: 'the scmProvider generator needs a live service, so the Applications it generates are not known here',
        file: FILE,
        line: 10,
        column: 5,
        hint: 'Their values are not checked. Describe those deployments with a list or git generator, or declare them under layouts in gitops.yaml.',
      },
    ]);
  });

  it('takes the generator named after a selector or values key, and skips an entry that is no generator at all', () => {
    const out = expand(appset(`  - selector: {matchLabels: {name: web}}\n    values: {a: b}\n    list:\n      elements: [{name: web}, {name: api}]\n  - just-text\n`, '{{name}}'));
    expect(out.findings).toEqual([]);
    expect(names(out)).toEqual(['web']);
  });

  it('warns that a template inside a generator is not applied, and still generates from spec.template', () => {
    const out = expand(
      appset(
        `  - list:
      elements: [{name: web}]
      template:
        metadata: {name: 'own-{{name}}'}
`,
        '{{name}}',
      ),
    );
    expect(names(out)).toEqual(['web']);
    expect(out.partial).toBe(true);
    expect(out.findings).toEqual([
      { rule: 'argocd-generator-unsupported', severity: 'warning', message: 'a template inside the list generator is not applied here', file: FILE, line: 10, column: 9, hint: 'Move it into spec.template, or expect this tool to read the spec.template only.' },
    ]);
  });
});

describe('label selectors', () => {
  const list = `      elements:
      - {name: a, env: prod, tier: web}
      - {name: b, env: staging}
      - {name: c, tier: db}
`;
  const selected = (selector: string, goTemplate = false) =>
    names(expand(appset(`  - list:\n${list}    selector:\n${selector}`, goTemplate ? '{{.name}}' : '{{name}}', { goTemplate })));

  it('filters a generator parameter sets with matchLabels and each matchExpressions operator, as Kubernetes selects labels', () => {
    expect(selected('      matchLabels: {env: prod}\n')).toEqual(['a']);
    expect(selected('      matchExpressions: [{key: env, operator: In, values: [prod, staging]}]\n')).toEqual(['a', 'b']);
    expect(selected('      matchExpressions: [{key: env, operator: NotIn, values: [prod]}]\n')).toEqual(['b', 'c']);
    expect(selected('      matchExpressions: [{key: tier, operator: Exists}]\n')).toEqual(['a', 'c']);
    expect(selected('      matchExpressions: [{key: tier, operator: DoesNotExist}]\n')).toEqual(['b']);
    expect(selected('      matchLabels: {env: prod}\n      matchExpressions: [{key: tier, operator: NotIn, values: [web]}]\n')).toEqual([]);
    expect(selected('      matchExpressions: [not-a-map, {key: env, operator: In, values: [staging]}]\n')).toEqual(['b']);
  });

  it('selects on nested parameters by their dotted names with goTemplate', () => {
    const out = expand(
      appset(
        `  - list:
      elements:
      - {name: a, labels: {env: prod}}
      - {name: b, labels: {env: staging}}
    selector:
      matchLabels: {labels.env: staging}
`,
        '{{.name}}',
        { goTemplate: true },
      ),
    );
    expect(names(out)).toEqual(['b']);
  });
});

describe('clusters generator', () => {
  it('yields every known cluster with name, nameNormalized, server and labels and annotations, flat without goTemplate', () => {
    const out = expand(appset('  - clusters: {}\n', '{{nameNormalized}}', { namespace: '{{name}}|{{server}}|{{metadata.labels.env}}|{{metadata.annotations.owner}}' }));
    expect(out.findings).toEqual([]);
    expect(namespaces(out)).toEqual([
      'in-cluster/in-cluster|https://kubernetes.default.svc|{{metadata.labels.env}}|{{metadata.annotations.owner}}',
      'prod-eu.1/Prod_EU.1|https://eu.example.com|prod|team-a',
      'staging/staging|https://staging.example.com|staging|{{metadata.annotations.owner}}',
    ]);
  });

  it('gives labels and annotations as maps with goTemplate, and none to the local cluster', () => {
    const out = expand(appset('  - clusters: {}\n', '{{.nameNormalized}}', { goTemplate: true, namespace: '{{.metadata}}' }));
    expect(out.findings).toEqual([]);
    expect(namespaces(out)).toEqual(['in-cluster/<no value>', 'prod-eu.1/map[annotations:map[owner:team-a] labels:map[env:prod region:eu]]', 'staging/map[labels:map[env:staging]]']);
  });

  it('never selects the local cluster with a selector, since it has no cluster secret to hold labels', () => {
    expect(names(expand(appset('  - clusters: {selector: {matchLabels: {env: prod}}}\n', '{{nameNormalized}}')))).toEqual(['prod-eu.1']);
    expect(names(expand(appset('  - clusters: {selector: {matchExpressions: [{key: env, operator: DoesNotExist}]}}\n', '{{nameNormalized}}')))).toEqual([]);
    // An empty selector selects every cluster, the local one too.
    expect(names(expand(appset('  - clusters: {selector: {matchLabels: {}}}\n', '{{nameNormalized}}')))).toEqual(['in-cluster', 'prod-eu.1', 'staging']);
    // The local cluster declared with labels in gitops.yaml has a secret: a selector reads them.
    const labelled = [{ ...IN_CLUSTER, labels: { env: 'prod' } }];
    expect(names(expand(appset('  - clusters: {selector: {matchLabels: {env: prod}}}\n', '{{name}}'), {}, labelled))).toEqual(['in-cluster']);
  });

  it('renders its values with each cluster parameters, as values.KEY or .values.KEY', () => {
    const fast = expand(appset('  - clusters:\n      selector: {matchLabels: {env: staging}}\n      values: {ns: "team-{{name}}", replicas: 3}\n', '{{name}}', { namespace: '{{values.ns}}-{{values.replicas}}' }));
    expect(namespaces(fast)).toEqual(['staging/team-staging-3']);
    const go = expand(appset('  - clusters:\n      selector: {matchLabels: {env: staging}}\n      values: {ns: "team-{{.name}}"}\n', '{{.name}}', { goTemplate: true, namespace: '{{.values.ns}}' }));
    expect(namespaces(go)).toEqual(['staging/team-staging']);
  });

  it('warns when it selects by label but gitops.yaml gives no cluster labels', () => {
    const out = expand(appset('  - clusters:\n      selector:\n        matchLabels: {env: prod}\n', '{{name}}'), {}, [IN_CLUSTER, { name: 'eu', server: 'https://eu.example.com' }]);
    expect(out.applications).toEqual([]);
    expect(out.partial).toBe(true);
    expect(out.findings).toEqual([
      {
        rule: 'argocd-generator-unsupported',
        severity: 'warning',
        message: 'this clusters generator selects by label, but no cluster in gitops.yaml has labels',
        file: FILE,
        line: 9,
        column: 9,
        hint: 'Add the labels of each cluster secret under clusters[].labels in gitops.yaml, so the generated Applications are known.',
      },
    ]);
  });
});

describe('git generator', () => {
  const tree = {
    'apps/web/Chart.yaml': 'name: web\n',
    'apps/Billing_API/Chart.yaml': 'name: billing\n',
    'apps/web/templates/x.yaml': '',
    'apps/old/Chart.yaml': 'name: old\n',
    'envs/dev/config.yaml': 'env: dev\ncluster: {name: dev-1, tags: [a, b]}\n',
    'envs/prod/config.yaml': '- env: prod-eu\n- env: prod-us\n- not-a-map\n',
    'envs/test/config.yaml': '',
    'envs/skip/config.yaml': 'env: skip\n',
    'envs/broken/config.yaml': 'env: [unclosed\n',
  };
  const git = (body: string) => `  - git:\n      repoURL: ${REPO}\n      revision: HEAD\n${body}`;

  it('yields one parameter set per matching folder, excludes winning, with path, basename, segments and normalized names', () => {
    const out = expand(
      appset(git('      directories:\n      - path: apps/*\n      - path: apps/old\n        exclude: true\n'), '{{path.basenameNormalized}}', { namespace: '{{path}}|{{path.basename}}|{{path[0]}}|{{path[1]}}' }),
      tree,
    );
    expect(out.findings).toEqual([]);
    expect(namespaces(out)).toEqual(['billing-api/apps/Billing_API|Billing_API|apps|Billing_API', 'web/apps/web|web|apps|web']);
  });

  it('reads ** in a directory path as one folder level, as Argo CD does', () => {
    const out = expand(appset(git('      directories:\n      - path: "apps/**"\n'), '{{path.basenameNormalized}}'), tree);
    expect(names(out)).toEqual(['billing-api', 'old', 'web']);
  });

  it('puts the path parameters under pathParamPrefix, with goTemplate too', () => {
    const fast = expand(appset(git('      pathParamPrefix: app\n      directories: [{path: apps/web}]\n'), '{{app.path.basename}}', { namespace: '{{app.path}}-{{app.path[1]}}' }), tree);
    expect(namespaces(fast)).toEqual(['web/apps/web-web']);
    const go = expand(appset(git('      pathParamPrefix: app\n      directories: [{path: apps/web}]\n'), '{{.app.path.basename}}', { goTemplate: true, namespace: '{{.app.path.path}}-{{index .app.path.segments 1}}' }), tree);
    expect(namespaces(go)).toEqual(['web/apps/web-web']);
  });

  it('yields each file content as parameters, nested keys dotted and lists indexed, with the file path parameters, in file order', () => {
    const out = expand(
      appset(
        git('      files:\n      - path: "envs/*/config.yaml"\n      - path: envs/skip/config.yaml\n        exclude: true\n      - path: envs/broken/config.yaml\n        exclude: true\n'),
        'x-{{env}}',
        { namespace: '{{cluster.name}}|{{cluster.tags.1}}|{{path}}|{{path.basename}}|{{path.filename}}|{{path.filenameNormalized}}|{{path[1]}}' },
      ),
      tree,
    );
    expect(out.findings).toEqual([]);
    expect(namespaces(out)).toEqual([
      'x-dev/dev-1|b|envs/dev|dev|config.yaml|config.yaml|dev',
      'x-prod-eu/{{cluster.name}}|{{cluster.tags.1}}|envs/prod|prod|config.yaml|config.yaml|prod',
      'x-prod-us/{{cluster.name}}|{{cluster.tags.1}}|envs/prod|prod|config.yaml|config.yaml|prod',
      // An empty file still yields its path parameters.
      'x-{{env}}/{{cluster.name}}|{{cluster.tags.1}}|envs/test|test|config.yaml|config.yaml|test',
    ]);
  });

  it('reads the files of every pattern once, in path order, skipping entries without a path', () => {
    const out = expand(appset(git('      files:\n      - path: envs/test/config.yaml\n      - just-text\n      - {exclude: true}\n      - path: envs/dev/config.yaml\n      - path: "envs/*/config.yaml"\n        exclude: true\n        note: excludes every file\n      - path: envs/test/config.yaml\n'), '{{path.basename}}'), tree);
    expect(out.findings).toEqual([]);
    expect(names(out)).toEqual([]);
    const ordered = expand(appset(git('      files:\n      - path: envs/test/config.yaml\n      - just-text\n      - {exclude: true}\n      - path: envs/dev/config.yaml\n      - path: envs/test/config.yaml\n'), '{{path.basename}}'), tree);
    expect(ordered.findings).toEqual([]);
    expect(names(ordered)).toEqual(['dev', 'test']);
  });

  it('keeps file values as they are with goTemplate, and gives path, filename and segments under .path', () => {
    const out = expand(
      appset(git('      files: [{path: "envs/dev/config.yaml"}]\n      values: {owner: "{{.env}}-team"}\n'), '{{.env}}', { goTemplate: true, namespace: '{{.cluster.name}}-{{index .cluster.tags 0}}-{{.path.path}}-{{.path.filename}}-{{.path.filenameNormalized}}-{{index .path.segments 0}}-{{.values.owner}}' }),
      tree,
    );
    expect(out.findings).toEqual([]);
    expect(namespaces(out)).toEqual(['dev/dev-1-a-envs/dev-config.yaml-config.yaml-envs-dev-team']);
  });

  it('reports a file that is not YAML at the files key, and generates from the others', () => {
    const out = expand(appset(git('      files:\n      - path: envs/broken/config.yaml\n      - path: envs/dev/config.yaml\n'), '{{env}}'), tree);
    expect(names(out)).toEqual(['dev']);
    expect(out.findings).toEqual([
      {
        rule: 'argocd-application-unreadable',
        severity: 'error',
        message: expect.stringMatching(/^envs\/broken\/config\.yaml, read by this git files generator, is not valid YAML or JSON: \S[^\n]*$/),
        file: FILE,
        line: 11,
        column: 7,
        hint: 'Argo CD fails to generate from it; fix the file.',
      },
    ]);
  });

  it('says what it cannot read: another repository, no repoURL, neither directories nor files', () => {
    const other = expand(appset('  - git:\n      repoURL: https://github.com/other/repo.git\n      directories: [{path: "*"}]\n', '{{path}}'), tree);
    expect(other.partial).toBe(true);
    expect(other.findings).toEqual([
      {
        rule: 'argocd-generator-unsupported',
        severity: 'warning',
        message: 'this git generator reads another repository (https://github.com/other/repo.git), so the Applications it generates are not known here',
        file: FILE,
        line: 8,
        column: 16,
        hint: 'Set argocd.repoURL in gitops.yaml when it is this repository.',
      },
    ]);
    expect(expand(appset('  - git: {directories: [{path: "*"}]}\n', '{{path}}'), tree).findings).toMatchObject([{ message: 'this git generator reads another repository (no repoURL), so the Applications it generates are not known here', line: 7, column: 5 }]);
    const neither = expand(appset(git('      directories: []\n'), '{{path}}'), tree);
    expect(neither.partial).toBe(false);
    expect(neither.findings).toEqual([{ rule: 'argocd-application-unreadable', severity: 'error', message: 'this git generator has neither directories nor files', file: FILE, line: 8, column: 7, hint: 'Add directories: or files: patterns.' }]);
  });
});

describe('matrix generator', () => {
  it('gives the second generator the first one parameters, one parameter set per pair', () => {
    const out = expand(
      appset(
        `  - matrix:
      generators:
      - list:
          elements: [{app: web}, {app: old}]
      - git:
          repoURL: ${REPO}
          files: [{path: "apps/{{app}}/env-*.yaml"}]
`,
        '{{app}}-{{env}}',
        { namespace: '{{path.filename}}' },
      ),
      { 'apps/web/env-dev.yaml': 'env: dev\n', 'apps/web/env-prod.yaml': 'env: prod\n', 'apps/old/env-dev.yaml': 'env: dev\n' },
    );
    expect(out.findings).toEqual([]);
    expect(namespaces(out)).toEqual(['web-dev/env-dev.yaml', 'web-prod/env-prod.yaml', 'old-dev/env-dev.yaml']);
  });

  it('reports a second generator that fails to render with the first one parameters at the string that fails', () => {
    const yaml = appset(
      `  - matrix:
      generators:
      - list:
          elements: [{app: web}]
      - list:
          elements: [{env: '{{ .app | sha1sum }}'}]
`,
      '{{.app}}',
      { goTemplate: true },
    );
    const out = expand(yaml);
    expect(out.applications).toEqual([]);
    expect(out.partial).toBe(true);
    expect(out.findings).toEqual([
      {
        rule: 'argocd-generator-unsupported',
        severity: 'warning',
        message: expect.stringMatching(/^ApplicationSet "set": .*sha1sum/),
        file: FILE,
        line: 13,
        column: 28,
        hint: 'The Applications this template generates are not known here; use the functions listed in docs/layouts.md.',
      },
    ]);
  });

  it('merges nested parameters of both generators with goTemplate', () => {
    const out = expand(
      appset(
        `  - matrix:
      generators:
      - list:
          elements: [{name: web, values: {a: "1"}}]
      - list:
          elements: [{env: dev, values: {b: "2"}}, {env: prod, values: {a: "3"}}]
`,
        '{{.name}}-{{.env}}',
        { goTemplate: true, namespace: '{{.values.a}}{{.values.b}}' },
      ),
    );
    expect(out.findings).toEqual([]);
    expect(namespaces(out)).toEqual(['web-dev/12', 'web-prod/3<no value>']);
  });

  it('reports the second generator findings once, not once per parameter set of the first', () => {
    const out = expand(
      appset(
        `  - matrix:
      generators:
      - list:
          elements: [{name: a}, {name: b}]
      - pullRequest: {github: {owner: o, repo: r}}
`,
        '{{name}}',
      ),
    );
    expect(out.applications).toEqual([]);
    expect(out.partial).toBe(true);
    expect(out.findings).toMatchObject([{ rule: 'argocd-generator-unsupported', message: 'the pullRequest generator needs a live service, so the Applications it generates are not known here', line: 11, column: 9 }]);
  });

  it('is partial when its first generator is, and refuses a matrix that is no mapping', () => {
    const first = expand(appset('  - matrix:\n      generators:\n      - pullRequest: {github: {owner: o, repo: r}}\n      - list: {elements: [{name: a}]}\n', '{{name}}'));
    expect(first.applications).toEqual([]);
    expect(first.partial).toBe(true);
    expect(first.findings).toMatchObject([{ message: 'the pullRequest generator needs a live service, so the Applications it generates are not known here', line: 9, column: 9 }]);
    const text = expand(appset('  - matrix: text\n', '{{name}}'));
    expect(text.partial).toBe(true);
    expect(text.findings).toEqual([{ rule: 'argocd-application-unreadable', severity: 'error', message: 'this generator needs at least two child generators', file: FILE, line: 7, column: 5, hint: 'List the child generators under generators:.' }]);
  });

  it('refuses two generators that set one parameter differently without goTemplate, as Argo CD does', () => {
    const out = expand(
      appset(
        `  - matrix:
      generators:
      - list:
          elements: [{name: a, env: dev}]
      - list:
          elements: [{env: dev, x: "1"}, {env: prod}]
`,
        '{{name}}-{{env}}',
      ),
    );
    expect(out.applications).toEqual([]);
    expect(out.partial).toBe(true);
    expect(out.findings).toEqual([
      { rule: 'argocd-application-unreadable', severity: 'error', message: 'the matrix\'s generators both set "env" with different values, which Argo CD refuses', file: FILE, line: 8, column: 7, hint: 'Rename the parameter in one of them (pathParamPrefix for git).' },
    ]);
  });

  it('needs exactly two child generators', () => {
    const one = expand(appset('  - matrix:\n      generators:\n      - list: {elements: [{name: a}]}\n', '{{name}}'));
    expect(one.partial).toBe(true);
    expect(one.findings).toEqual([
      { rule: 'argocd-application-unreadable', severity: 'error', message: 'this generator needs at least two child generators', file: FILE, line: 9, column: 7, hint: 'List the child generators under generators:.' },
    ]);
    const three = expand(appset('  - matrix:\n      generators:\n      - list: {elements: [{name: a}]}\n      - list: {elements: [{env: b}]}\n      - list: {elements: [{x: c}]}\n', '{{name}}'));
    expect(three.applications).toEqual([]);
    expect(three.findings).toEqual([{ rule: 'argocd-application-unreadable', severity: 'error', message: 'a matrix generator combines exactly two generators', file: FILE, line: 9, column: 7, hint: 'Nest a matrix to combine more.' }]);
    expect(expand(appset('  - matrix:\n      generators:\n      - list: {elements: [{name: a}]}\n      - not-a-generator\n', '{{name}}')).findings).toMatchObject([{ message: 'this generator needs at least two child generators' }]);
  });
});

describe('merge generator', () => {
  it('overrides the base parameter sets that match by mergeKeys, later generators last, and keeps the unmatched ones', () => {
    const out = expand(
      appset(
        `  - merge:
      mergeKeys: [app, env]
      generators:
      - list:
          elements: [{app: web, env: dev, size: s}, {app: web, env: prod, size: s}, {app: api, env: dev, size: s}]
      - list:
          elements: [{app: web, env: prod, size: m}, {app: web, env: qa, size: l}]
      - list:
          elements: [{app: web, env: prod, size: xl}]
`,
        '{{app}}-{{env}}',
        { namespace: '{{size}}' },
      ),
    );
    expect(out.findings).toEqual([]);
    expect(namespaces(out)).toEqual(['web-dev/s', 'web-prod/xl', 'api-dev/s']);
  });

  it('matches nested keys by their dotted names and merges nested parameters with goTemplate', () => {
    const out = expand(
      appset(
        `  - merge:
      mergeKeys: [app.name]
      generators:
      - list:
          elements: [{app: {name: web, size: s}, values: {a: "1"}}, {app: {name: api, size: s}}]
      - list:
          elements: [{app: {name: web, size: m}, values: {b: "2"}}]
`,
        '{{.app.name}}',
        { goTemplate: true, namespace: '{{.app.size}}-{{.values}}' },
      ),
    );
    expect(out.findings).toEqual([]);
    expect(namespaces(out)).toEqual(['web/m-map[a:1 b:2]', 'api/s-<no value>']);
  });

  it('needs mergeKeys and two child generators', () => {
    const none = expand(appset('  - merge:\n      generators:\n      - list: {elements: [{name: a}]}\n      - list: {elements: [{name: b}]}\n', '{{name}}'));
    expect(none.partial).toBe(true);
    expect(none.findings).toEqual([{ rule: 'argocd-application-unreadable', severity: 'error', message: 'a merge generator needs mergeKeys', file: FILE, line: 8, column: 7, hint: 'Name the parameters that match sets across generators.' }]);
    const one = expand(appset('  - merge:\n      mergeKeys: [name]\n      generators:\n      - list: {elements: [{name: a}]}\n', '{{name}}'));
    expect(one.findings).toMatchObject([{ message: 'this generator needs at least two child generators', line: 10, column: 7 }]);
  });

  it('is partial when a child generator is, and keeps the base sets then', () => {
    const out = expand(appset('  - merge:\n      mergeKeys: [name]\n      generators:\n      - list: {elements: [{name: a}]}\n      - pullRequest: {github: {owner: o, repo: r}}\n', '{{name}}'));
    expect(names(out)).toEqual(['a']);
    expect(out.partial).toBe(true);
    expect(out.findings).toMatchObject([{ rule: 'argocd-generator-unsupported', line: 11, column: 9 }]);
    const text = expand(appset('  - merge: text\n', '{{name}}'));
    expect(text.findings).toMatchObject([{ message: 'this generator needs at least two child generators', line: 7, column: 5 }]);
  });

  it('refuses parameter sets that are not unique by mergeKeys, as Argo CD does', () => {
    const out = expand(
      appset(
        `  - merge:
      mergeKeys: [app]
      generators:
      - list:
          elements: [{app: web, env: dev}]
      - list:
          elements: [{app: web, env: prod}, {app: web, env: qa}]
`,
        '{{app}}-{{env}}',
      ),
    );
    expect(out.applications).toEqual([]);
    expect(out.partial).toBe(true);
    expect(out.findings).toEqual([
      {
        rule: 'argocd-application-unreadable',
        severity: 'error',
        message: 'the parameter sets of generator 2 are not unique by mergeKeys: two have app=web, which Argo CD refuses',
        file: FILE,
        line: 12,
        column: 9,
        hint: 'Make mergeKeys name parameters that tell each parameter set of every child generator apart.',
      },
    ]);
  });
});
