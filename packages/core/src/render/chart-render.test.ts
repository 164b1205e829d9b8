import { chmodSync, cpSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseAllDocuments } from 'yaml';
import { helmBinary, HELM_MAJORS } from '../../../../tools/test/helm';
import type { ValueMap } from '../common';
import { copyExampleWorkspace } from '../test-support/example-workspace';
import { getApp, loadWorkspace } from '../workspace';
import { templatesAskingApiVersions } from './api-versions';
import { helmRelease, redactedManifest } from './chart-render';
import { findHelm, NO_HELM_NOTE } from './helm-process';
import { renderApp } from './render-app';

const APP = 'deployment/helm/alpha-members';
const CHARTS = join(__dirname, '../test-support/charts');

/** The example workspace with its app made a chart (the test chart that honours every setting). */
function chartWorkspace(): string {
  const dir = copyExampleWorkspace();
  cpSync(join(CHARTS, 'honours/templates'), join(dir, APP, 'templates'), { recursive: true });
  writeFileSync(join(dir, APP, 'Chart.yaml'), 'apiVersion: v2\nname: alpha-members\nversion: 0.1.0\n');
  return dir;
}

const edit = (file: string, from: string, to: string) => writeFileSync(file, readFileSync(file, 'utf8').replace(from, to));
const manifestsOf = (r: Awaited<ReturnType<typeof renderApp>>, env: string) => r.files.find((f) => f.path === `dist/rendered/alpha-members/${env}/manifests.yaml`)?.content ?? '';
/** The line of `text` that a message's `manifests.yaml:N` names. */
const lineOf = (text: string, message: string) => text.split('\n')[Number(/manifests\.yaml:(\d+)/.exec(message)?.[1]) - 1];
const docs = (text: string) => parseAllDocuments(text).map((d) => d.toJS()).filter(Boolean);

describe.each(HELM_MAJORS)('render with helm %i', (major) => {
  const helm = findHelm({ flag: helmBinary(major), root: '/' })!.run;

  it('renders each env as Argo CD does: Application name as release, env namespace, the layers, then the helm parameters', async () => {
    const dir = chartWorkspace();
    const r = await renderApp(loadWorkspace(dir), 'alpha-members', { helm });
    expect(r.files.map((f) => f.path).filter((p) => p.endsWith('manifests.yaml'))).toEqual(['dev', 'staging', 'prod'].map((e) => `dist/rendered/alpha-members/${e}/manifests.yaml`));
    // a chart's ExternalSecret comes from its own templates, not from templates/render/
    expect(r.files.some((f) => f.path.endsWith('external-secret.yaml'))).toBe(false);
    const prod = docs(manifestsOf(r, 'prod'));
    const deployment = prod.find((d) => d.kind === 'Deployment');
    expect(deployment.metadata.name).toBe('alpha-members-prod');
    // values-prod.yaml turns autoscaling on, so the HPA owns the replica count
    expect(deployment.spec.replicas).toBeUndefined();
    expect(prod.find((d) => d.kind === 'HorizontalPodAutoscaler').spec.minReplicas).toBe(3);
    // the Application's helm parameter image.tag=$ARGOCD_APP_REVISION is the last layer
    expect(deployment.spec.template.spec.containers[0].image).toBe('alpha-members/api:$ARGOCD_APP_REVISION');
    expect(manifestsOf(r, 'prod')).toContain('# Source: alpha-members/templates/deployment.yaml');
    expect(docs(manifestsOf(r, 'dev')).find((d) => d.kind === 'Deployment').spec.template.spec.containers[0].imagePullPolicy).toBe('Always');
    // what deploys lacks probes (the example's values set none): the hardening rules see it per tier
    expect(r.findings.filter((f) => f.env === 'prod').map((f) => `${f.rule} ${f.severity} ${f.file}`)).toEqual(['probes-set error deployment/helm/alpha-members/templates/deployment.yaml', 'probes-set error deployment/helm/alpha-members/templates/deployment.yaml']);
    const probe = r.findings.find((f) => f.env === 'prod')?.message ?? '';
    expect(probe).toMatch(/^Deployment alpha-members-prod \/spec\/template\/spec\/containers\/0\/readinessProbe: container web has no readinessProbe \(manifests\.yaml:\d+\)$/);
    expect(lineOf(manifestsOf(r, 'prod'), probe)).toBe('# Source: alpha-members/templates/deployment.yaml');
    expect(r.notes).toEqual([]);
    // nothing to redact: helm's output as it printed it, byte for byte
    const ws = loadWorkspace(dir);
    expect(manifestsOf(r, 'prod')).toBe(await helm(helmRelease(ws, getApp(ws, 'alpha-members'), 'prod').args, join(dir, APP)));
  });

  it("passes what Argo CD passes: the chart's CRDs, and the Application's namespace, kubeVersion, apiVersions, skipCrds and skipTests", async () => {
    const dir = chartWorkspace();
    mkdirSync(join(dir, APP, 'crds'));
    writeFileSync(join(dir, APP, 'crds/widgets.yaml'), 'apiVersion: apiextensions.k8s.io/v1\nkind: CustomResourceDefinition\nmetadata:\n  name: widgets.example.com\nspec:\n  group: example.com\n  names: { kind: Widget, plural: widgets }\n  scope: Namespaced\n  versions: [{ name: v1, served: true, storage: true, schema: { openAPIV3Schema: { type: object } } }]\n');
    writeFileSync(join(dir, APP, 'templates/monitor.yaml'), '{{- if .Capabilities.APIVersions.Has "monitoring.coreos.com/v1" }}\napiVersion: monitoring.coreos.com/v1\nkind: ServiceMonitor\nmetadata:\n  name: {{ .Release.Name }}\n  namespace: {{ .Release.Namespace }}\n  labels: { kube: "{{ .Capabilities.KubeVersion.Major }}.{{ .Capabilities.KubeVersion.Minor }}" }\nspec:\n  endpoints: [{ port: http }]\n{{- end }}\n');
    writeFileSync(join(dir, APP, 'templates/podmonitor.yaml'), '{{- if .Capabilities.APIVersions.Has "monitoring.coreos.com/v1/PodMonitor" }}\nkind: PodMonitor\n{{- end }}\n');
    writeFileSync(join(dir, APP, 'templates/test-connection.yaml'), 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: {{ .Release.Name }}-test\n  annotations: { "helm.sh/hook": test }\nspec:\n  containers: [{ name: t, image: busybox, command: [wget, web] }]\n  restartPolicy: Never\n');
    edit(join(dir, 'argocd/applications/alpha-members-prod.yaml'), '    helm:\n', '    helm:\n      namespace: members\n      kubeVersion: "1.30"\n      apiVersions: [monitoring.coreos.com/v1]\n      skipCrds: true\n      skipTests: true\n      skipSchemaValidation: true\n');
    const ws = loadWorkspace(dir);
    expect(helmRelease(ws, getApp(ws, 'alpha-members'), 'prod').args).toEqual([
      'template', 'alpha-members-prod', '.', '--namespace', 'members', '--kube-version', '1.30', '-f', 'values.yaml', '-f', 'values-prod.yaml',
      '--set', 'image.tag=$ARGOCD_APP_REVISION', '--api-versions', 'monitoring.coreos.com/v1', '--skip-schema-validation', '--skip-tests',
    ]);
    expect(helmRelease(ws, getApp(ws, 'alpha-members'), 'dev').args.slice(-1)).toEqual(['--include-crds']);
    const r = await renderApp(ws, 'alpha-members', { helm });
    const kinds = (env: string) => docs(manifestsOf(r, env)).map((d) => `${d.kind} ${d.metadata.name}`).filter((k) => /^(CustomResourceDefinition|ServiceMonitor|Pod) /.test(k));
    // dev: Argo CD renders the CRDs and the test hook; the cluster's APIs are unknown, so no ServiceMonitor, and a note says so
    expect(kinds('dev')).toEqual(['CustomResourceDefinition widgets.example.com', 'Pod alpha-members-dev-test']);
    // prod: the Application's settings, as Argo CD passes them
    expect(kinds('prod')).toEqual(['ServiceMonitor alpha-members-prod']);
    const monitor = docs(manifestsOf(r, 'prod')).find((d) => d.kind === 'ServiceMonitor');
    expect([monitor.metadata.namespace, monitor.metadata.labels.kube]).toEqual(['members', '1.30']);
    // once, though dev and staging both need it
    expect(r.notes.filter((n) => n.includes('APIVersions'))).toEqual([`alpha-members: ${[...templatesAskingApiVersions(join(dir, APP))].map((t) => `${APP}/${t}`).join(', ')} ask .Capabilities.APIVersions, which Argo CD answers with the APIs cluster in-cluster serves and no file here records: manifests made only when an API is there (a ServiceMonitor, a PodMonitor) may be missing from what was rendered and checked (list the cluster's APIs under apiVersions of cluster in-cluster in gitops.yaml, or in the Application's spec.source.helm.apiVersions, and they are passed as Argo CD passes them)`]);
    expect(templatesAskingApiVersions(join(dir, APP)).sort()).toEqual(['templates/monitor.yaml', 'templates/podmonitor.yaml']);
    // prod's Application lists the API versions: nothing is unknown there
    expect((await renderApp(ws, 'alpha-members', { envs: ['prod'], helm })).notes.filter((n) => n.includes('APIVersions'))).toEqual([]);
  });

  it("passes the APIs gitops.yaml says the cluster serves, as Argo CD passes the cluster's, unless the Application lists its own", async () => {
    const dir = chartWorkspace();
    writeFileSync(join(dir, APP, 'templates/monitor.yaml'), '{{- if .Capabilities.APIVersions.Has "monitoring.coreos.com/v1/ServiceMonitor" }}\napiVersion: monitoring.coreos.com/v1\nkind: ServiceMonitor\nmetadata:\n  name: {{ .Release.Name }}\nspec:\n  endpoints: [{ port: http }]\n{{- end }}\n');
    edit(join(dir, 'gitops.yaml'), '    description: the cluster Argo CD runs in\n', '    description: the cluster Argo CD runs in\n    apiVersions: [monitoring.coreos.com/v1, monitoring.coreos.com/v1/ServiceMonitor]\n');
    edit(join(dir, 'argocd/applications/alpha-members-prod.yaml'), '    helm:\n', '    helm:\n      apiVersions: [example.com/v1]\n');
    const ws = loadWorkspace(dir);
    expect(helmRelease(ws, getApp(ws, 'alpha-members'), 'dev').args.slice(-5)).toEqual(['--api-versions', 'monitoring.coreos.com/v1', '--api-versions', 'monitoring.coreos.com/v1/ServiceMonitor', '--include-crds']);
    expect(helmRelease(ws, getApp(ws, 'alpha-members'), 'prod').args.slice(-3)).toEqual(['--api-versions', 'example.com/v1', '--include-crds']);
    const r = await renderApp(ws, 'alpha-members', { helm });
    const monitors = (env: string) => docs(manifestsOf(r, env)).filter((d) => d.kind === 'ServiceMonitor').map((d) => d.metadata.name);
    expect(monitors('dev')).toEqual(['alpha-members-dev']);
    expect(monitors('prod')).toEqual([]);
    // what the cluster serves is known everywhere: no note
    expect(r.notes.filter((n) => n.includes('APIVersions'))).toEqual([]);
  });

  it('reports a $ARGOCD_APP_REVISION tag written in a values file: Argo CD fills it in only in helm parameters', async () => {
    const dir = chartWorkspace();
    // a helm parameter without a build variable fills in nothing
    edit(join(dir, 'argocd/applications/alpha-members-prod.yaml'), '        - name: image.tag\n          value: $ARGOCD_APP_REVISION\n', '        - name: replicaCount\n          value: "2"\n');
    edit(join(dir, APP, 'values-prod.yaml'), 'tag: ""', 'tag: $ARGOCD_APP_REVISION');
    // another key named image, which the Deployment does not use; and prod's tier turns the probes rule off
    edit(join(dir, APP, 'values-prod.yaml'), 'replicaCount: 3\n', 'replicaCount: 3\nsidecar:\n  image: busybox:1.36\n');
    writeFileSync(join(dir, 'gitops.yaml'), `${readFileSync(join(dir, 'gitops.yaml'), 'utf8')}\npolicy:\n  tiers:\n    production:\n      rules:\n        probes-set: off\n`);
    const ws = loadWorkspace(dir);
    expect(helmRelease(ws, getApp(ws, 'alpha-members'), 'prod').filledAtSync).toBe(false);
    const r = await renderApp(ws, 'alpha-members', { envs: ['prod'], helm });
    // the template composes the image of repository and tag: the finding names the line that set the tag
    expect(r.findings.map((f) => `${f.rule} ${f.severity} ${f.file}:${f.line}`)).toEqual([`image-tag-pinned error ${APP}/values-prod.yaml:7`]);
    expect(r.findings[0].message).toMatch(/^Deployment alpha-members-prod \/spec\/template\/spec\/containers\/0\/image: container web: image "alpha-members\/api:\$ARGOCD_APP_REVISION" keeps "\$ARGOCD_APP_REVISION" as written: .* \(template alpha-members\/templates\/deployment\.yaml, manifests\.yaml:\d+\)$/);
  });

  it('reports a manifest the Kubernetes schema refuses at the values line that fed it, naming the template', async () => {
    const dir = chartWorkspace();
    edit(join(dir, APP, 'values-dev.yaml'), '\npodDisruptionBudget:', '\nsecurityContext:\n  runAsUser: root\n\npodDisruptionBudget:');
    edit(join(dir, APP, 'values-prod.yaml'), '  limits:\n', '  limit:\n    cpu: "2"\n  limits:\n');
    const r = await renderApp(loadWorkspace(dir), 'alpha-members', { envs: ['dev', 'prod'], helm });
    const schema = r.findings.filter((f) => f.rule === 'manifest-schema');
    expect(schema.map((f) => [f.env, f.file, f.line, f.message.replace(/:\d+\)$/, ':N)')])).toEqual([
      ['dev', `${APP}/values-dev.yaml`, 25, 'Deployment alpha-members-dev /spec/template/spec/containers/0/securityContext/runAsUser: must be integer (Kubernetes 1.36; template alpha-members/templates/deployment.yaml, manifests.yaml:N)'],
      ['prod', `${APP}/values-prod.yaml`, 16, 'Deployment alpha-members-prod /spec/template/spec/containers/0/resources/limit: unknown field "limit" (Kubernetes 1.36; template alpha-members/templates/deployment.yaml, manifests.yaml:N)'],
    ]);
    // the line named is where the Deployment starts in what helm rendered (render writes nothing then: the input is wrong)
    const rendered = await findHelm({ flag: helmBinary(major), root: '/' })!.run(['template', 'alpha-members-prod', '.', '-f', 'values.yaml', '-f', 'values-prod.yaml'], join(dir, APP));
    expect(lineOf(rendered, schema[1].message)).toBe('# Source: alpha-members/templates/deployment.yaml');
  });

  it('says once which kinds it has no schema for, and validates against the declared cluster version', async () => {
    const dir = chartWorkspace();
    writeFileSync(join(dir, APP, 'templates/monitor.yaml'), 'apiVersion: monitoring.coreos.com/v1\nkind: ServiceMonitor\nmetadata:\n  name: m\n  annotations:\n    kube: "{{ .Capabilities.KubeVersion.Version }}"\n---\napiVersion: monitoring.coreos.com/v1\nkind: PodMonitor\nmetadata:\n  name: p\n');
    edit(join(dir, 'gitops.yaml'), '    description: the cluster Argo CD runs in\n', '    description: the cluster Argo CD runs in\n    kubernetesVersion: "1.31"\n');
    const r = await renderApp(loadWorkspace(dir), 'alpha-members', { helm });
    expect(r.notes).toEqual([
      expect.stringMatching(/^cluster in-cluster runs Kubernetes 1\.31, whose schemas neither ship with gitops \(1\.33, 1\.34, 1\.35, 1\.36\) nor are in schemas\/kubernetes\/: its manifests are validated against the schemas of Kubernetes 1\.33/),
      'alpha-members: no schema for monitoring.coreos.com/v1/PodMonitor, monitoring.coreos.com/v1/ServiceMonitor: those manifests are not validated',
    ]);
    expect(docs(manifestsOf(r, 'prod')).find((d) => d.kind === 'ServiceMonitor').metadata.annotations.kube).toMatch(/^v1\.31/);
  });

  it.each([
    // PodSpec.hostnameOverride came in 1.34; PodSpec.workloadRef was in 1.35 only (1.36 replaced it by schedulingGroup)
    ['hostnameOverride: web-0', { '1.33': false, '1.34': true, '1.36': true }],
    ['workloadRef: {name: w, podGroup: g}', { '1.34': false, '1.35': true, '1.36': false }],
  ])('validates a Pod spec field against the cluster\'s own Kubernetes version: %s', async (field, valid) => {
    const dir = chartWorkspace();
    const deployment = join(dir, APP, 'templates/deployment.yaml');
    writeFileSync(deployment, readFileSync(deployment, 'utf8').replace(/^(\s+)containers:$/m, `$1${field}\n$1containers:`));
    const config = readFileSync(join(dir, 'gitops.yaml'), 'utf8');
    for (const [version, ok] of Object.entries(valid)) {
      writeFileSync(join(dir, 'gitops.yaml'), config.replace('    description: the cluster Argo CD runs in\n', `    description: the cluster Argo CD runs in\n    kubernetesVersion: "${version}"\n`));
      const r = await renderApp(loadWorkspace(dir), 'alpha-members', { envs: ['dev'], helm });
      expect(r.notes, version).toEqual([]);
      const refused = r.findings.filter((f) => f.rule === 'manifest-schema').map((f) => f.message);
      const key = field.split(':')[0];
      expect(refused, version).toEqual(ok ? [] : [expect.stringMatching(new RegExp(`^Deployment alpha-members-dev /spec/template/spec/${key}: unknown field "${key}" \\(Kubernetes ${version.replace('.', '\\.')};`))]);
    }
  });

  it('validates against the workspace\'s own schemas of a declared version', async () => {
    const dir = chartWorkspace();
    edit(join(dir, 'gitops.yaml'), '    description: the cluster Argo CD runs in\n', '    description: the cluster Argo CD runs in\n    kubernetesVersion: "1.31"\n');
    // a 1.31 whose Deployment knows no replicas field: the workspace's schemas, not the vendored ones, decide
    const vendored = JSON.parse(readFileSync(join(__dirname, 'kube-schemas/kubernetes-1.36.json'), 'utf8'));
    delete vendored.definitions['io.k8s.api.apps.v1.DeploymentSpec'].properties.replicas;
    mkdirSync(join(dir, 'schemas/kubernetes'), { recursive: true });
    writeFileSync(join(dir, 'schemas/kubernetes/kubernetes-1.31.json'), JSON.stringify({ ...vendored, kubernetesVersion: '1.31' }));
    const r = await renderApp(loadWorkspace(dir), 'alpha-members', { envs: ['dev'], helm });
    expect(r.notes).toEqual([]);
    expect(r.findings.filter((f) => f.rule === 'manifest-schema').map((f) => f.message)).toEqual([expect.stringMatching(/^Deployment alpha-members-dev \/spec\/replicas: unknown field "replicas" \(Kubernetes 1\.31;/)]);
  });

  it('reports helm\'s own failure at the chart and redacts Secret data in what it writes', async () => {
    const dir = chartWorkspace();
    writeFileSync(join(dir, APP, 'templates/secret.yaml'), 'apiVersion: v1\nkind: Secret\nmetadata:\n  name: s\ndata:\n  config: aHVudGVyMi1iYXNlNjQ=\nstringData:\n  password: hunter2-not-for-dist\n');
    const long = Array.from({ length: 30 }, (_, i) => `word${i}`).join(' ');
    writeFileSync(join(dir, APP, 'templates/cm.yaml'), `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: c\ndata:\n  enabled: "yes"\n  long: ${long}\n`);
    const ok = await renderApp(loadWorkspace(dir), 'alpha-members', { envs: ['dev'], helm });
    // helm's output is written anew, as YAML 1.1 (a "yes" stays a string) without folding long lines, each document after its source
    const written = manifestsOf(ok, 'dev').split(/(?=^---$)/m);
    expect(written.filter((d) => /templates\/(secret|cm)\.yaml/.test(d))).toEqual([
      '---\n# Source: alpha-members/templates/secret.yaml\napiVersion: v1\nkind: Secret\nmetadata:\n  name: s\ndata:\n  config: <redacted>\nstringData:\n  password: <redacted>\n',
      `---\n# Source: alpha-members/templates/cm.yaml\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: c\ndata:\n  enabled: "yes"\n  long: ${long}\n`,
    ]);
    expect(JSON.stringify(ok)).not.toContain('hunter2');
    writeFileSync(join(dir, APP, 'templates/broken.yaml'), '{{ .Values.nope.deeper }}\n');
    const r = await renderApp(loadWorkspace(dir), 'alpha-members', { envs: ['dev'], helm });
    expect(r.findings).toEqual([expect.objectContaining({ rule: 'input', file: `${APP}/Chart.yaml`, message: expect.stringMatching(/^helm template failed: (template: )?alpha-members\/templates\/broken\.yaml:1:\d+:? executing .* nil pointer evaluating interface \{\}\.deeper$/) })]);
  });

  it('renders an umbrella chart: vendored subchart, its schema on its key, global, and conditions', async () => {
    const dir = chartWorkspace();
    const sub = join(dir, APP, 'charts/cache');
    mkdirSync(join(sub, 'templates'), { recursive: true });
    writeFileSync(join(sub, 'Chart.yaml'), 'apiVersion: v2\nname: cache\nversion: 1.0.0\n');
    writeFileSync(join(sub, 'values.yaml'), 'port: 6379\n');
    writeFileSync(join(sub, 'values.schema.json'), '{"type":"object","properties":{"port":{"type":"integer"}}}');
    writeFileSync(join(sub, 'templates/cm.yaml'), 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: cache\ndata:\n  port: "{{ .Values.port }}"\n  region: "{{ .Values.global.region }}"\n');
    writeFileSync(join(dir, APP, 'Chart.yaml'), 'apiVersion: v2\nname: alpha-members\nversion: 0.1.0\ndependencies:\n  - name: cache\n    version: 1.0.0\n    condition: cache.enabled\n');
    edit(join(dir, APP, 'values.yaml'), 'replicaCount: 1\n', 'replicaCount: 1\nglobal:\n  region: eu-west-1\ncache:\n  enabled: true\n');
    edit(join(dir, APP, 'values-dev.yaml'), '\n', '\ncache:\n  enabled: false\n');
    edit(join(dir, APP, 'values-prod.yaml'), '\n', '\ncache:\n  port: 6380\n');
    const r = await renderApp(loadWorkspace(dir), 'alpha-members', { helm });
    expect(docs(manifestsOf(r, 'prod')).find((d) => d.kind === 'ConfigMap').data).toEqual({ port: '6380', region: 'eu-west-1' });
    expect(docs(manifestsOf(r, 'dev')).some((d) => d.kind === 'ConfigMap')).toBe(false);
    edit(join(dir, APP, 'values-prod.yaml'), 'port: 6380', 'port: "6380"');
    // helm validates the subchart's values against its schema: its verdict is reported at the chart
    const bad = await renderApp(loadWorkspace(dir), 'alpha-members', { envs: ['prod'], helm });
    expect(bad.findings).toEqual([expect.objectContaining({ rule: 'input', file: `${APP}/Chart.yaml`, message: expect.stringMatching(/cache[\s\S]*port/) })]);
  });
});

describe('the release Argo CD renders', () => {
  it('is the env\'s own when no Application deploys the app there yet: the env\'s namespace, only the layers that exist, no parameters', () => {
    const dir = chartWorkspace();
    edit(join(dir, 'gitops.yaml'), '\nclusters:', '  - name: qa\n    namespace: quality\n    tier: staging\n    project: staging\n\nclusters:');
    const ws = loadWorkspace(dir);
    const app = getApp(ws, 'alpha-members');
    expect(helmRelease(ws, app, 'qa')).toEqual({
      args: ['template', 'alpha-members-qa', '.', '--namespace', 'quality', '--kube-version', '1.36', '-f', 'values.yaml', '--include-crds'],
      dir: APP,
      kubernetesVersion: '1.36',
      cluster: 'in-cluster',
      filledAtSync: false,
      apiVersionsKnown: false,
    });
    // prod's Application sets image.tag to $ARGOCD_APP_REVISION, which Argo CD fills in
    expect(helmRelease(ws, app, 'prod')).toMatchObject({ filledAtSync: true, apiVersionsKnown: false });
  });
});

describe('a manifest as render writes it', () => {
  it("redacts a Secret's data and stringData, and secret values anywhere, by key, by format or by an env item's name", () => {
    expect(redactedManifest({ apiVersion: 'v1', kind: 'Secret', metadata: { name: 's' }, data: { config: 'Zm9v' }, stringData: { greeting: 'hello' }, type: 'Opaque' })).toEqual({
      apiVersion: 'v1', kind: 'Secret', metadata: { name: 's' }, data: { config: '<redacted>' }, stringData: { greeting: '<redacted>' }, type: 'Opaque',
    });
    const env: ValueMap[] = [{ name: 'DB_PASSWORD', value: 'hunter2' }, { name: 'LOG_LEVEL', value: 'debug' }, { name: 'API_TOKEN', valueFrom: { secretKeyRef: { name: 's', key: 'token' } } }];
    const deployment: ValueMap = { kind: 'Deployment', spec: { template: { spec: { containers: [{ name: 'web', env }], tolerations: [{ key: 'dedicated', value: 'gpu' }] } } } };
    expect(redactedManifest(deployment)).toEqual({
      kind: 'Deployment',
      spec: { template: { spec: { containers: [{ name: 'web', env: [{ name: 'DB_PASSWORD', value: '<redacted>' }, env[1], env[2]] }], tolerations: [{ key: 'dedicated', value: 'gpu' }] } } },
    });
    // a ConfigMap's data is not a secret, but a password in it is
    expect(redactedManifest({ kind: 'ConfigMap', data: { level: 'debug', password: 'hunter2' } })).toEqual({ kind: 'ConfigMap', data: { level: 'debug', password: '<redacted>' } });
  });
});

describe('the helm a command runs', () => {
  it('is the one --helm names, else gitops.yaml\'s, else the one on PATH; none is a note', async () => {
    const bin = mkdtempSync(join(tmpdir(), 'hvm-helm-'));
    cpSync(helmBinary(3), join(bin, 'helm'));
    chmodSync(join(bin, 'helm'), 0o755);
    expect(findHelm({ root: '/', env: { PATH: bin } })?.major).toBe(3);
    expect(findHelm({ root: '/', env: { PATH: bin }, flag: helmBinary(4) })?.major).toBe(4);
    expect(findHelm({ root: bin, env: { PATH: '' }, configured: 'helm' })?.bin).toBe(join(bin, 'helm'));
    expect(findHelm({ root: '/', env: { PATH: '/nonexistent' } })).toBeNull();
    expect(() => findHelm({ root: '/', env: { PATH: bin }, flag: '/nonexistent/helm' })).toThrow(/\/nonexistent\/helm \(from --helm\) is not an executable helm/);
    const dir = chartWorkspace();
    const r = await renderApp(loadWorkspace(dir), 'alpha-members', { helm: null });
    expect(r.notes).toEqual([NO_HELM_NOTE]);
    expect(r.files.some((f) => f.path.endsWith('manifests.yaml'))).toBe(false);
  });
});
