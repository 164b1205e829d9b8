import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseAllDocuments } from 'yaml';
import { helmBinary, HELM_MAJORS } from '../../../../../tools/test/helm';
import { OBJECT_CHECKS, podViolations, POD_CHECKS, type Manifest } from './pod-rules';

const CHARTS = join(__dirname, '../../test-support/charts');

/** Values that pass every rule, set as the spec's production overlay sets them. */
const HARDENED = [
  'replicaCount=3',
  'image.tag=1.4.2',
  'podSecurityContext.runAsNonRoot=true',
  'podSecurityContext.seccompProfile.type=RuntimeDefault',
  'securityContext.allowPrivilegeEscalation=false',
  'securityContext.readOnlyRootFilesystem=true',
  'securityContext.capabilities.drop={ALL}',
  'resources.requests.cpu=250m',
  'resources.requests.memory=256Mi',
  'resources.limits.cpu=1',
  'resources.limits.memory=1Gi',
  'probes.readinessProbe.httpGet.path=/ready',
  'probes.readinessProbe.httpGet.port=8080',
  'probes.livenessProbe.httpGet.path=/live',
  'probes.livenessProbe.httpGet.port=8080',
  'podDisruptionBudget.enabled=true',
  'podDisruptionBudget.minAvailable=1',
];

/** An HPA with sane bounds, and an Ingress whose hosts all have TLS: hardened too. */
const SCALED = ['autoscaling.enabled=true', 'autoscaling.minReplicas=3', 'autoscaling.maxReplicas=6', 'autoscaling.targetCPUUtilizationPercentage=70'];
const INGRESS = ['ingress.enabled=true', 'ingress.hosts[0].host=web.example.com', 'ingress.tls[0].secretName=web-tls', 'ingress.tls[0].hosts={web.example.com}'];

/** Per rule: a --set that weakens the setting, and the Kubernetes field the violation names. */
const WEAKENED: [string, string[], string][] = [
  ['run-as-non-root', ['podSecurityContext.runAsNonRoot=false'], '/spec/template/spec/securityContext/runAsNonRoot'],
  ['read-only-root-filesystem', ['securityContext.readOnlyRootFilesystem=false'], '/spec/template/spec/containers/0/securityContext/readOnlyRootFilesystem'],
  ['drop-all-capabilities', ['securityContext.capabilities.drop={NET_RAW}'], '/spec/template/spec/containers/0/securityContext/capabilities/drop'],
  ['no-privilege-escalation', ['securityContext.allowPrivilegeEscalation=true'], '/spec/template/spec/containers/0/securityContext/allowPrivilegeEscalation'],
  ['no-privileged', ['securityContext.privileged=true'], '/spec/template/spec/containers/0/securityContext/privileged'],
  ['seccomp-runtime-default', ['podSecurityContext.seccompProfile.type=Unconfined'], '/spec/template/spec/securityContext/seccompProfile/type'],
  ['resources-set', ['resources.limits.memory=null'], '/spec/template/spec/containers/0/resources/limits/memory'],
  ['probes-set', ['probes.livenessProbe=null'], '/spec/template/spec/containers/0/livenessProbe'],
  ['replicas-ha', ['replicaCount=1'], '/spec/replicas'],
  ['pod-disruption-budget', ['podDisruptionBudget.enabled=false'], '/spec/template/metadata/labels'],
  ['pod-disruption-budget', ['podDisruptionBudget.minAvailable=3'], '/spec/replicas'],
  ['image-tag-pinned', ['image.tag=latest', 'image.pullPolicy=Always'], '/spec/template/spec/containers/0/image'],
  ['image-tag-pinned', ['image.tag='], '/spec/template/spec/containers/0/image'],
  ['image-pull-policy', ['image.pullPolicy=Never'], '/spec/template/spec/containers/0/imagePullPolicy'],
  ['no-host-namespaces', ['hostNetwork=true'], '/spec/template/spec/hostNetwork'],
  ['autoscaling-bounds', [...SCALED, 'autoscaling.minReplicas=4', 'autoscaling.maxReplicas=3'], '/spec/minReplicas'],
  ['autoscaling-bounds', [...SCALED, 'autoscaling.targetCPUUtilizationPercentage=150'], '/spec/metrics/0/resource/target/averageUtilization'],
  ['ingress-tls', [...INGRESS, 'ingress.tls=null'], '/spec/tls'],
  ['ingress-tls', [...INGRESS, 'ingress.hosts[1].host=admin.example.com'], '/spec/rules/1/host'],
];

describe.each(HELM_MAJORS)('hardening rules on manifests rendered by helm %i', (major) => {
  const renderDocs = async (chart: string, sets: string[]): Promise<Manifest[]> => {
    const out = execFileSync(helmBinary(major), ['template', 'web', '.', ...sets.flatMap((s) => ['--set', s])], { cwd: join(CHARTS, chart), encoding: 'utf8' });
    return parseAllDocuments(out).map((d) => ({ data: d.toJS(), line: 0 })).filter((m) => m.data);
  };
  const render = async (chart: string, sets: string[]) => {
    const manifests = await renderDocs(chart, sets);
    return podViolations(manifests, [...Object.keys(POD_CHECKS), ...Object.keys(OBJECT_CHECKS)], 'production', { filledAtSync: true });
  };

  it('passes every rule when the chart honours hardened values', async () => {
    for (const extra of [[], SCALED, INGRESS]) {
      const found = await render('honours', [...HARDENED, ...extra]);
      expect([...found.values()].flat().map((v) => `${v.pointer}: ${v.message}`)).toEqual([]);
    }
  });

  it.each(WEAKENED)('%s fails when the chart renders the weakened setting %j', async (rule, sets, pointer) => {
    const found = await render('honours', [...HARDENED, ...sets]);
    expect(found.get(rule)?.map((v) => v.pointer)).toContain(pointer);
    // no other rule moves
    const others = [...found.entries()].filter(([id, vs]) => id !== rule && vs.length > 0).map(([id]) => id);
    expect(others).toEqual([]);
  });

  it('reports every rule on a chart that ignores the hardened values, though the values pass', async () => {
    const found = await render('ignores', HARDENED);
    const failing = [...found.entries()].filter(([, vs]) => vs.length > 0).map(([id]) => id);
    expect(failing.sort()).toEqual(['drop-all-capabilities', 'image-tag-pinned', 'no-privilege-escalation', 'probes-set', 'read-only-root-filesystem', 'replicas-ha', 'resources-set', 'run-as-non-root', 'seccomp-runtime-default']);
    expect(found.get('image-tag-pinned')?.[0].message).toBe('container web: image "org/web" has no tag or digest, so it runs :latest');
  });

  it('takes the $ARGOCD_APP_REVISION tag helm got for the synced commit only when Argo CD fills it in (a helm parameter)', async () => {
    const manifests = (await renderDocs('honours', [...HARDENED, 'image.tag=$ARGOCD_APP_REVISION'])).filter((m) => m.data.kind === 'Deployment');
    expect(podViolations(manifests, ['image-tag-pinned'], 'production', { filledAtSync: true }).get('image-tag-pinned')).toEqual([]);
    expect(podViolations(manifests, ['image-tag-pinned'], 'production', { filledAtSync: false }).get('image-tag-pinned')?.map((v) => v.message)).toEqual([
      'container web: image "org/web:$ARGOCD_APP_REVISION" keeps "$ARGOCD_APP_REVISION" as written: Argo CD fills in its build variables only in an Application\'s helm.parameters, never in a values file, so the image reference is invalid',
    ]);
  });

  it('reports nothing a chart does not deploy: weak values that its templates ignore stay out of the pods', async () => {
    const weak = ['hostNetwork=true', 'securityContext.privileged=true', 'image.pullPolicy=Never', 'replicaCount=5', 'podDisruptionBudget.enabled=false'];
    const found = await render('ignores', [...HARDENED, ...weak]);
    for (const id of ['no-host-namespaces', 'no-privileged', 'image-pull-policy', 'pod-disruption-budget']) expect(found.get(id), id).toEqual([]);
    // the chart fixes one replica whatever replicaCount says
    expect(found.get('replicas-ha')?.map((v) => v.message)).toEqual(['1 replica: one pod is a single point of failure']);
  });

  it('reports the HPA and Ingress a chart renders without the bounds and TLS the values ask for', async () => {
    const found = await render('ignores', [...HARDENED, ...SCALED, ...INGRESS]);
    expect(found.get('autoscaling-bounds')?.map((v) => `${v.target.kind} ${v.pointer}: ${v.message}`)).toEqual(['HorizontalPodAutoscaler /spec/minReplicas: minReplicas is not set, so Kubernetes scales down to 1']);
    expect(found.get('ingress-tls')?.map((v) => `${v.target.kind} ${v.pointer}: ${v.message}`)).toEqual(['Ingress /spec/tls: the Ingress has no tls section: it is served over plain HTTP']);
    // the same values through the chart that honours them pass
    const honoured = await render('honours', [...HARDENED, ...SCALED, ...INGRESS]);
    expect([honoured.get('autoscaling-bounds'), honoured.get('ingress-tls')]).toEqual([[], []]);
  });

  it('reads the replica floor from the HPA that scales the Deployment', async () => {
    const scaled = ['autoscaling.enabled=true', 'autoscaling.minReplicas=1', 'autoscaling.maxReplicas=5'];
    expect((await render('honours', [...HARDENED, ...scaled])).get('replicas-ha')?.map((v) => v.message)).toEqual(['1 replica: one pod is a single point of failure']);
    const ha = (await render('honours', [...HARDENED, 'autoscaling.enabled=true', 'autoscaling.minReplicas=3', 'autoscaling.maxReplicas=5'])).get('replicas-ha');
    expect(ha).toEqual([]);
  });
});
