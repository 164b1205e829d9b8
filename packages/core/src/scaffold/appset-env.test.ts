import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadWorkspace } from '../workspace';
import { addEnvToApplicationSets } from './appset-env';

const dev = { name: 'dev', namespace: 'development' };
const qa = { name: 'qa', namespace: 'qa' };

/** `nx g env qa` after dev, at core level: the ApplicationSet edits and gaps for a workspace on disk. */
function addQa(root: string) {
  return addEnvToApplicationSets(loadWorkspace(root), (f) => readFileSync(join(root, f), 'utf8'), dev, qa);
}

function workspace(files: Record<string, string>): string {
  const root = mkdtempSync(join(tmpdir(), 'hvm-appset-env-'));
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(join(root, path, '..'), { recursive: true });
    writeFileSync(join(root, path), text);
  }
  return root;
}

const GITOPS = 'apps: [charts/*]\nargocd:\n  applications: [argocd]\n  repoURL: https://git.example.com/p.git\nenvironments:\n  - { name: dev, namespace: development }\n  - { name: prod, namespace: production }\n';
const CHARTS = {
  'charts/web/Chart.yaml': 'apiVersion: v2\nname: web\nversion: 1.0.0\n',
  'charts/web/values.yaml': 'replicaCount: 1\n',
  'charts/api/Chart.yaml': 'apiVersion: v2\nname: api\nversion: 1.0.0\n',
  'charts/api/values.yaml': 'replicaCount: 1\n',
};
const template = (app: string, server = 'https://kubernetes.default.svc') =>
  `  template:\n    metadata: { name: '${app}-{{env}}' }\n    spec: { project: default, source: { repoURL: https://git.example.com/p.git, path: charts/${app} }, destination: { server: '${server}', namespace: '{{ns}}' } }`;

describe('a new env in ApplicationSets', () => {
  it('copies the list element of a matrix after the neighbour env\'s, and says what to add for a git files generator (the vendored appset-matrix layout)', () => {
    const root = join(__dirname, '../workspace/fixtures/appset-matrix');
    const before = readFileSync(join(root, 'appsets/apps.yaml'), 'utf8');
    const { edits, gaps } = addQa(root);
    const devElement = '                - env: dev\n                  namespace: development\n';
    expect(before).toContain(devElement);
    expect(edits).toEqual([{ file: 'appsets/apps.yaml', text: before.replace(devElement, `${devElement}                - env: qa\n                  namespace: qa\n`) }]);
    expect(gaps).toEqual([{
      file: 'appsets/images.yaml',
      line: 15,
      column: 13,
      message: 'ApplicationSet "guestbook-canary" deploys guestbook-canary to dev, but not from a list element naming it, so qa could not be added for you: add config/qa/config.json like config/dev/config.json (its git files generator reads it)',
    }]);
  });

  it('edits every ApplicationSet of a file, rewriting only the env\'s name, namespace and tokens, quotes, comments, URLs and other documents kept', () => {
    const sets = [
      '# web and api, one ApplicationSet each',
      'apiVersion: v1',
      'kind: ConfigMap',
      'metadata: { name: web }',
      'data: { env: dev }',
      '---',
      'apiVersion: argoproj.io/v1alpha1',
      'kind: ApplicationSet',
      'metadata: { name: other }',
      'spec:',
      '  generators: [{ list: { elements: [{ env: prod, ns: production }] } }]',
      template('web'),
      '---',
      'apiVersion: argoproj.io/v1alpha1',
      'kind: ApplicationSet',
      'metadata: { name: web }',
      'spec:',
      '  generators:',
      '    - matrix:',
      '        generators:',
      '          - list:',
      '              elements:',
      '                # the first env',
      '                - { env: "dev", ns: \'development\', cluster: dev-eu, url: "https://dev.example.com", replicas: "1", host: web.dev.example.com }',
      '                - { env: prod, ns: production, cluster: prod-eu, url: https://prod.example.com, replicas: "3", host: web.example.com }',
      '          - list: { elements: [{ region: eu }] }',
      template('web', '{{url}}'),
      '---',
      'apiVersion: argoproj.io/v1alpha1',
      'kind: ApplicationSet',
      'metadata: { name: api }',
      'spec:',
      template('api'),
      '  generators:',
      '    - list:',
      '        elements:',
      '          - env: prod',
      '            ns: production',
      '          - env: dev',
      '            ns: development',
    ].join('\n');
    // an Application of dev that no ApplicationSet generates is left alone
    const plain = 'apiVersion: argoproj.io/v1alpha1\nkind: Application\nmetadata: { name: cache-dev }\nspec:\n  project: default\n  source: { repoURL: https://git.example.com/p.git, path: charts/web }\n  destination: { server: https://kubernetes.default.svc, namespace: development }\n';
    const { edits, gaps } = addQa(workspace({ 'gitops.yaml': GITOPS, ...CHARTS, 'argocd/sets.yaml': sets, 'argocd/cache.yaml': plain }));
    expect(gaps).toEqual([]);
    expect(edits).toEqual([{
      file: 'argocd/sets.yaml',
      text: sets
        .replace(
          '                - { env: prod, ns: production, cluster: prod-eu',
          '                - { env: "qa", ns: \'qa\', cluster: qa-eu, url: "https://dev.example.com", replicas: "1", host: web.qa.example.com }\n                - { env: prod, ns: production, cluster: prod-eu',
        )
        // the file ends without a newline: the copy goes on a line of its own
        .concat('\n          - env: qa\n            ns: qa'),
    }]);
  });

  it('says what to add when the neighbour env comes from a list element that does not name it', () => {
    const sets = [
      'apiVersion: argoproj.io/v1alpha1',
      'kind: ApplicationSet',
      'metadata:',
      '  name: web',
      'spec:',
      '  generators:',
      '    - list:',
      '        elements:',
      '          - { env: development, ns: development }',
      template('web'),
      '',
    ].join('\n');
    const { edits, gaps } = addQa(workspace({ 'gitops.yaml': GITOPS, ...CHARTS, 'argocd/web.yaml': sets }));
    expect(edits).toEqual([]);
    expect(gaps).toEqual([{
      file: 'argocd/web.yaml',
      // the template's metadata.name, which names the Applications
      line: 11,
      column: 23,
      message: 'ApplicationSet "web" deploys web-development to dev, but not from a list element naming it, so qa could not be added for you: make one of its generators yield qa as it yields dev',
    }]);
  });
});

describe('a new env in ApplicationSets, what is renamed and what is said', () => {
  const quality = { name: 'qa', namespace: 'quality' };

  it("gives the copy the new env's own namespace, keeps a comment after the element and URLs as they are", () => {
    const set = [
      'apiVersion: argoproj.io/v1alpha1',
      'kind: ApplicationSet',
      'metadata: { name: web }',
      'spec:',
      '  generators:',
      '    - list:',
      '        elements:',
      "          - { env: dev, ns: development, url: \"https://k8s.dev.example.com\", owner: o'neil-dev } # the first env",
      '          - { env: prod, ns: production, url: "https://k8s.prod.example.com" }',
      template('web', '{{url}}'),
      '',
    ].join('\n');
    const root = workspace({ 'gitops.yaml': GITOPS, ...CHARTS, 'argocd/web.yaml': set });
    const { edits } = addEnvToApplicationSets(loadWorkspace(root), (f) => readFileSync(join(root, f), 'utf8'), dev, quality);
    expect(edits).toEqual([{
      file: 'argocd/web.yaml',
      text: set.replace(' # the first env\n', ' # the first env\n          - { env: qa, ns: quality, url: "https://k8s.dev.example.com", owner: o\'neil-qa } # the first env\n'),
    }]);
  });

  it("gives the copy the new env's own cluster, by server or by name, and says where it copied a URL that may not be its cluster", () => {
    const set = (elements: string[]) => ['apiVersion: argoproj.io/v1alpha1', 'kind: ApplicationSet', 'metadata: { name: web }', 'spec:', '  generators:', '    - list:', '        elements:', ...elements, template('web', '{{url}}'), ''].join('\n');
    // a text that names no env is copied as it is
    const elements = ['          - { env: dev, ns: development, url: https://k8s.dev.example.com, cluster: dev-eu, team: web }', '          - { env: prod, ns: production, url: https://k8s.prod.example.com, cluster: prod-eu }'];
    const root = workspace({ 'gitops.yaml': GITOPS, ...CHARTS, 'argocd/web.yaml': set(elements) });
    const devCluster = { name: 'dev-eu', server: 'https://k8s.dev.example.com' };
    const qaCluster = { name: 'qa-eu', server: 'https://k8s.qa.example.com' };
    const read = (f: string) => readFileSync(join(root, f), 'utf8');
    const copy = '          - { env: qa, ns: qa, url: https://k8s.qa.example.com, cluster: qa-eu, team: web }';
    expect(addEnvToApplicationSets(loadWorkspace(root), read, dev, qa, { from: devCluster, to: qaCluster })).toEqual({
      edits: [{ file: 'argocd/web.yaml', text: set([elements[0], copy, elements[1]]) }],
      gaps: [],
    });
    // dev declares no cluster: the URL is copied as it was, and the new env's cluster named where to change it
    expect(addEnvToApplicationSets(loadWorkspace(root), read, dev, qa, { to: qaCluster })).toEqual({
      edits: [{ file: 'argocd/web.yaml', text: set([elements[0], '          - { env: qa, ns: qa, url: https://k8s.dev.example.com, cluster: qa-eu, team: web }', elements[1]]) }],
      gaps: [{ file: 'argocd/web.yaml', line: 9, column: 13, message: 'the element for qa in ApplicationSet "web" is a copy of dev\'s, https://k8s.dev.example.com included, but qa deploys to cluster qa-eu (https://k8s.qa.example.com): change it there' }],
    });
    // no cluster of its own: the new env deploys where dev does
    expect(addEnvToApplicationSets(loadWorkspace(root), read, dev, qa, { from: devCluster }).gaps).toEqual([]);
  });

  it("tells the namespace from the name by its key where the old env's namespace is its name", () => {
    const set = (elements: string[]) => ['apiVersion: argoproj.io/v1alpha1', 'kind: ApplicationSet', 'metadata: { name: web }', 'spec:', '  generators:', '    - list:', '        elements:', ...elements, template('web'), ''].join('\n');
    const elements = ['          - { env: dev, namespace: dev, ns: dev, label: dev }', '          - { env: prod, namespace: production, ns: production, label: prod }'];
    const root = workspace({ 'gitops.yaml': GITOPS.replace('{ name: dev, namespace: development }', '{ name: dev, namespace: dev }'), ...CHARTS, 'argocd/web.yaml': set(elements) });
    const { edits } = addEnvToApplicationSets(loadWorkspace(root), (f) => readFileSync(join(root, f), 'utf8'), { name: 'dev', namespace: 'dev' }, quality);
    expect(edits).toEqual([{ file: 'argocd/web.yaml', text: set([elements[0], '          - { env: qa, namespace: quality, ns: quality, label: qa }', elements[1]]) }]);
  });

  it('names every app of a git files generator, in order, and asks for a generator of the new env when its files do not name the env', () => {
    const set = [
      'apiVersion: argoproj.io/v1alpha1',
      'kind: ApplicationSet',
      'metadata:',
      '  name: fleet',
      'spec:',
      '  generators:',
      '    - git:',
      '        repoURL: https://git.example.com/p.git',
      '        revision: HEAD',
      '        files: [{ path: "fleet/*/config.json" }]',
      '  template:',
      "    metadata: { name: '{{app}}-{{env}}' }",
      "    spec: { project: default, source: { repoURL: https://git.example.com/p.git, path: 'charts/{{app}}' }, destination: { server: https://kubernetes.default.svc, namespace: '{{ns}}' } }",
      '',
    ].join('\n');
    const { edits, gaps } = addQa(workspace({
      'gitops.yaml': GITOPS,
      ...CHARTS,
      'argocd/fleet.yaml': set,
      'fleet/eu/config.json': '{ "app": "web", "env": "dev", "ns": "development" }',
      'fleet/us/config.json': '{ "app": "api", "env": "dev", "ns": "development" }',
    }));
    expect(edits).toEqual([]);
    expect(gaps).toEqual([{
      file: 'argocd/fleet.yaml',
      line: 12,
      column: 23,
      message: 'ApplicationSet "fleet" deploys api, web to dev, but not from a list element naming it, so qa could not be added for you: make one of its generators yield qa as it yields dev',
    }]);
  });
});
