import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseAllDocuments } from 'yaml';
import { helmBinary, HELM_MAJORS } from '../../../../../tools/test/helm';
import { imageTag, OBJECT_CHECKS, podViolations, POD_CHECKS, workloadsOf, type Manifest } from './pod-rules';

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

/** Rendered manifests written by hand: each rule's exact verdict, without helm. */
describe('hardening rules on rendered manifests, rule by rule', () => {
  const manifest = (data: Record<string, unknown>): Manifest => ({ data: data as Manifest['data'], line: 1 });
  const deployment = (pod: Record<string, unknown>, spec: Record<string, unknown> = {}, name = 'web') =>
    manifest({ apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name }, spec: { ...spec, template: { metadata: { labels: { app: name } }, spec: pod } } });
  const container = (c: Record<string, unknown> = {}) => ({ name: 'app', image: 'org/web:1.4.2', ...c });
  /** Each violation as a user reads it: the object, the field, the message, and whether the field is missing. */
  const verdict = (id: string, manifests: Manifest[], tier: 'development' | 'staging' | 'production' = 'production', filledAtSync = true) =>
    (podViolations(manifests, [id], tier, { filledAtSync }).get(id) ?? []).map((v) => `${v.target.kind} ${v.target.name} ${v.pointer}: ${v.message}${v.missing ? ' (missing)' : ''}`);
  const C0 = 'Deployment web /spec/template/spec/containers/0';

  it('finds the Pod spec, name, labels and replica floor of each workload kind', () => {
    const hpa = (kind: string, name: string, min?: number) => manifest({ kind: 'HorizontalPodAutoscaler', metadata: { name: `${name}-hpa` }, spec: { scaleTargetRef: { kind, name }, ...(min === undefined ? {} : { minReplicas: min }) } });
    const pod = { containers: [container()] };
    const all = [
      deployment(pod, { replicas: '4' }),
      deployment(pod, {}, 'one'),
      manifest({ kind: 'StatefulSet', metadata: { name: 'db' }, spec: { replicas: 5, template: { metadata: { labels: { tier: 1 } }, spec: pod } } }),
      manifest({ kind: 'StatefulSet', metadata: { name: 'cache' }, spec: { replicas: 5, template: { spec: pod } } }),
      manifest({ kind: 'ReplicaSet', metadata: { name: 'rs' }, spec: { replicas: 'many', template: { spec: pod } } }),
      manifest({ kind: 'DaemonSet', metadata: { name: 'agent' }, spec: { template: { spec: pod } } }),
      manifest({ kind: 'Job', metadata: { name: 'migrate' }, spec: { template: { spec: pod } } }),
      manifest({ kind: 'CronJob', metadata: { name: 'backup' }, spec: { jobTemplate: { spec: { template: { metadata: { labels: { job: 'backup' } }, spec: pod } } } } }),
      manifest({ kind: 'Pod', metadata: { name: 'debug', labels: { run: 'debug' } }, spec: pod }),
      manifest({ kind: 'Deployment', metadata: { name: 'empty' }, spec: {} }),
      manifest({ kind: 'ConfigMap', metadata: { name: 'cfg' }, data: {} }),
      hpa('StatefulSet', 'db', 2),
      hpa('StatefulSet', 'cache'),
      hpa('Deployment', 'rs', 9),
    ];
    expect(workloadsOf(all).map((w) => [w.kind, w.name, w.podPointer, w.replicas, w.labels])).toEqual([
      ['Deployment', 'web', '/spec/template/spec', 4, { app: 'web' }],
      ['Deployment', 'one', '/spec/template/spec', 1, { app: 'one' }],
      ['StatefulSet', 'db', '/spec/template/spec', 2, { tier: '1' }],
      ['StatefulSet', 'cache', '/spec/template/spec', 1, {}],
      ['ReplicaSet', 'rs', '/spec/template/spec', 1, {}],
      ['DaemonSet', 'agent', '/spec/template/spec', undefined, {}],
      ['Job', 'migrate', '/spec/template/spec', undefined, {}],
      ['CronJob', 'backup', '/spec/jobTemplate/spec/template/spec', undefined, { job: 'backup' }],
      ['Pod', 'debug', '/spec', undefined, { run: 'debug' }],
    ]);
    expect(workloadsOf(all).filter((w) => 'replicas' in w).map((w) => w.name)).toEqual(['web', 'one', 'db', 'cache', 'rs']);
  });

  it('run-as-non-root: root by user id, a missing runAsNonRoot at the Pod, a container that turns it off; init containers too', () => {
    expect(verdict('run-as-non-root', [deployment({ containers: [container({ securityContext: { runAsUser: 0 } })] })])).toEqual([`${C0}/securityContext/runAsUser: container app runs as user 0 (root)`]);
    expect(verdict('run-as-non-root', [deployment({ securityContext: { runAsUser: 0, runAsNonRoot: true }, containers: [container()] })])).toEqual([
      'Deployment web /spec/template/spec/securityContext/runAsUser: container app runs as user 0 (root)',
    ]);
    expect(verdict('run-as-non-root', [deployment({ initContainers: [container({ name: 'init' })], containers: [container()] })])).toEqual([
      "Deployment web /spec/template/spec/securityContext/runAsNonRoot: container init may run as root: runAsNonRoot is not true in its or the Pod's securityContext (missing)",
      "Deployment web /spec/template/spec/securityContext/runAsNonRoot: container app may run as root: runAsNonRoot is not true in its or the Pod's securityContext (missing)",
    ]);
    expect(verdict('run-as-non-root', [deployment({ securityContext: { runAsNonRoot: true }, containers: [container({ securityContext: { runAsNonRoot: false } })] })])).toEqual([
      `${C0}/securityContext/runAsNonRoot: container app may run as root: runAsNonRoot is not true in its or the Pod's securityContext`,
    ]);
    expect(verdict('run-as-non-root', [deployment({ securityContext: { runAsNonRoot: true }, containers: [container()] })])).toEqual([]);
    expect(verdict('run-as-non-root', [deployment({ containers: [container({ securityContext: { runAsUser: 1000 } })] })])).toEqual([]);
    expect(verdict('run-as-non-root', [deployment({ containers: [container({ securityContext: { runAsUser: '1000' } })] })])).toEqual([
      "Deployment web /spec/template/spec/securityContext/runAsNonRoot: container app may run as root: runAsNonRoot is not true in its or the Pod's securityContext (missing)",
    ]);
  });

  it('the per-container settings read the container only, and say whether the field is missing or wrong', () => {
    const pod = (sc?: Record<string, unknown>) => [deployment({ securityContext: { readOnlyRootFilesystem: true, allowPrivilegeEscalation: false }, containers: [container(sc ? { securityContext: sc } : {})] })];
    expect(verdict('read-only-root-filesystem', pod())).toEqual([`${C0}/securityContext/readOnlyRootFilesystem: container app: readOnlyRootFilesystem is not true (missing)`]);
    expect(verdict('read-only-root-filesystem', pod({ readOnlyRootFilesystem: 'true' }))).toEqual([`${C0}/securityContext/readOnlyRootFilesystem: container app: readOnlyRootFilesystem is not true`]);
    expect(verdict('read-only-root-filesystem', pod({ readOnlyRootFilesystem: true }))).toEqual([]);
    expect(verdict('no-privilege-escalation', pod())).toEqual([`${C0}/securityContext/allowPrivilegeEscalation: container app: allowPrivilegeEscalation is not false (Kubernetes defaults it to true) (missing)`]);
    expect(verdict('no-privilege-escalation', pod({ allowPrivilegeEscalation: false }))).toEqual([]);
    expect(verdict('no-privileged', pod({ privileged: true }))).toEqual([`${C0}/securityContext/privileged: container app is privileged`]);
    expect(verdict('no-privileged', pod({ privileged: false }))).toEqual([]);
    expect(verdict('no-privileged', pod())).toEqual([]);
    expect(verdict('drop-all-capabilities', pod())).toEqual([`${C0}/securityContext/capabilities/drop: container app: capabilities.drop does not include ALL (missing)`]);
    expect(verdict('drop-all-capabilities', pod({ capabilities: { drop: ['NET_RAW'] } }))).toEqual([`${C0}/securityContext/capabilities/drop: container app: capabilities.drop does not include ALL`]);
    expect(verdict('drop-all-capabilities', pod({ capabilities: { drop: ['NET_RAW', 'all'] } }))).toEqual([]);
  });

  it('seccomp-runtime-default: RuntimeDefault or Localhost in the container or the Pod; the container overrides the Pod', () => {
    const seccomp = (podType?: string, containerType?: string) =>
      verdict('seccomp-runtime-default', [deployment({ ...(podType ? { securityContext: { seccompProfile: { type: podType } } } : {}), containers: [container(containerType ? { securityContext: { seccompProfile: { type: containerType } } } : {})] })]);
    expect(seccomp()).toEqual(["Deployment web /spec/template/spec/securityContext/seccompProfile/type: container app: no RuntimeDefault or Localhost seccompProfile in its or the Pod's securityContext (missing)"]);
    expect(seccomp('Unconfined')).toEqual(["Deployment web /spec/template/spec/securityContext/seccompProfile/type: container app: no RuntimeDefault or Localhost seccompProfile in its or the Pod's securityContext"]);
    expect(seccomp('RuntimeDefault', 'Unconfined')).toEqual([`${C0}/securityContext/seccompProfile/type: container app: no RuntimeDefault or Localhost seccompProfile in its or the Pod's securityContext`]);
    expect(seccomp('RuntimeDefault')).toEqual([]);
    expect(seccomp(undefined, 'Localhost')).toEqual([]);
  });

  it('resources-set and probes-set read the app containers, not the init containers; probes only of long-running workloads', () => {
    const init = container({ name: 'init' });
    expect(verdict('resources-set', [deployment({ initContainers: [init], containers: [container({ resources: { requests: { cpu: null, memory: '' }, limits: { cpu: 0, memory: '1Gi' } } })] })])).toEqual([
      `${C0}/resources/requests/cpu: container app: resources.requests.cpu is not set (missing)`,
      `${C0}/resources/requests/memory: container app: resources.requests.memory is not set (missing)`,
    ]);
    expect(verdict('probes-set', [deployment({ initContainers: [init], containers: [container({ readinessProbe: { tcpSocket: { port: 80 } }, livenessProbe: null })] })])).toEqual([`${C0}/livenessProbe: container app has no livenessProbe (missing)`]);
    expect(verdict('probes-set', [manifest({ kind: 'Job', metadata: { name: 'migrate' }, spec: { template: { spec: { containers: [container()] } } } })])).toEqual([]);
    expect(verdict('probes-set', [manifest({ kind: 'DaemonSet', metadata: { name: 'agent' }, spec: { template: { spec: { containers: [container()] } } } })])).toEqual([
      'DaemonSet agent /spec/template/spec/containers/0/readinessProbe: container app has no readinessProbe (missing)',
      'DaemonSet agent /spec/template/spec/containers/0/livenessProbe: container app has no livenessProbe (missing)',
    ]);
  });

  it('image-tag-pinned reads the tag after the registry port, accepts a digest, and refuses none or a floating one', () => {
    const image = (img: string | undefined, filledAtSync = true) => verdict('image-tag-pinned', [deployment({ containers: [container({ image: img })] })], 'production', filledAtSync);
    expect(image('registry:5000/org/web')).toEqual([`${C0}/image: container app: image "registry:5000/org/web" has no tag or digest, so it runs :latest`]);
    expect(image(undefined)).toEqual([`${C0}/image: container app: image "" has no tag or digest, so it runs :latest`]);
    expect(image('registry:5000/org/web:nightly')).toEqual([`${C0}/image: container app: image "registry:5000/org/web:nightly" has the floating tag "nightly"`]);
    expect(image('org/web:latest@sha256:0123')).toEqual([]);
    expect(image('org/web:1.4.2')).toEqual([]);
    expect(image('org/web:$ARGOCD_APP_REVISION')).toEqual([]);
    expect(image('org/web:$ARGOCD_APP_REVISION', false)).toHaveLength(1);
    expect(imageTag('registry:5000/org/web:1.0@sha256:0123')).toEqual({ tag: '1.0', digest: true });
    expect(imageTag('web')).toEqual({ digest: false });
  });

  it('image-pull-policy: a known policy, Never only in development, IfNotPresent never with a floating tag', () => {
    const policy = (imagePullPolicy: unknown, image: string, tier: 'development' | 'staging' | 'production' = 'production') => verdict('image-pull-policy', [deployment({ containers: [container({ imagePullPolicy, image })] })], tier);
    expect(policy(undefined, 'org/web:latest')).toEqual([]);
    expect(policy('always', 'org/web:1.0')).toEqual([`${C0}/imagePullPolicy: container app: imagePullPolicy "always" is not Always, IfNotPresent or Never`]);
    expect(policy('Never', 'org/web:1.0', 'staging')).toEqual([`${C0}/imagePullPolicy: container app: imagePullPolicy Never in the staging tier`]);
    expect(policy('Never', 'org/web:latest', 'development')).toEqual([]);
    expect(policy('IfNotPresent', 'org/web:latest')).toEqual([`${C0}/imagePullPolicy: container app: IfNotPresent with the floating tag "latest" keeps a stale image on nodes`]);
    expect(policy('IfNotPresent', 'org/web')).toEqual([]);
    expect(policy('Always', 'org/web:latest')).toEqual([]);
  });

  it('no-host-namespaces and replicas-ha read the Pod spec and the replica floor', () => {
    expect(verdict('no-host-namespaces', [deployment({ hostNetwork: true, hostPID: true, hostIPC: 'true', containers: [container()] })])).toEqual([
      'Deployment web /spec/template/spec/hostNetwork: hostNetwork is true',
      'Deployment web /spec/template/spec/hostPID: hostPID is true',
    ]);
    expect(verdict('no-host-namespaces', [manifest({ kind: 'Pod', metadata: { name: 'debug' }, spec: { hostIPC: true, containers: [] } })])).toEqual(['Pod debug /spec/hostIPC: hostIPC is true']);
    expect(verdict('replicas-ha', [deployment({ containers: [] }, { replicas: 1 })])).toEqual(['Deployment web /spec/replicas: 1 replica: one pod is a single point of failure']);
    expect(verdict('replicas-ha', [deployment({ containers: [] }, { replicas: 2 })])).toEqual([]);
    expect(verdict('replicas-ha', [manifest({ kind: 'DaemonSet', metadata: { name: 'agent' }, spec: { template: { spec: { containers: [] } } } })])).toEqual([]);
  });

  it('pod-disruption-budget: a PDB must select the pods by labels or expressions, and leave one evictable', () => {
    const pdb = (selector: unknown, minAvailable?: unknown) => manifest({ kind: 'PodDisruptionBudget', metadata: { name: 'web-pdb' }, spec: { selector, ...(minAvailable === undefined ? {} : { minAvailable }) } });
    const web = (replicas: number) => manifest({ kind: 'Deployment', metadata: { name: 'web' }, spec: { replicas, template: { metadata: { labels: { app: 'web', tier: 'api' } }, spec: { containers: [] } } } });
    const none = ['Deployment web /spec/template/metadata/labels: 3 replicas but no PodDisruptionBudget selects these pods (missing)'];
    const pdbFor = (selector: unknown, minAvailable?: unknown) => verdict('pod-disruption-budget', [web(3), pdb(selector, minAvailable)]);
    expect(verdict('pod-disruption-budget', [web(1)])).toEqual([]);
    expect(verdict('pod-disruption-budget', [web(3)])).toEqual(none);
    expect(pdbFor({})).toEqual(none);
    expect(pdbFor({ matchLabels: { app: 'web' } })).toEqual([]);
    expect(pdbFor({ matchLabels: { app: 'web', tier: 'db' } })).toEqual(none);
    expect(pdbFor({ matchExpressions: [{ key: 'tier', operator: 'In', values: ['api', 'web'] }] })).toEqual([]);
    expect(pdbFor({ matchExpressions: [{ key: 'tier', operator: 'In', values: 'api' }] })).toEqual(none);
    expect(pdbFor({ matchExpressions: [{ key: 'tier', operator: 'NotIn', values: ['api'] }] })).toEqual(none);
    expect(pdbFor({ matchExpressions: [{ key: 'tier', operator: 'NotIn', values: ['db'] }] })).toEqual([]);
    expect(pdbFor({ matchExpressions: [{ key: 'app', operator: 'Exists' }] })).toEqual([]);
    expect(pdbFor({ matchExpressions: [{ key: 'zone', operator: 'Exists' }] })).toEqual(none);
    expect(pdbFor({ matchExpressions: [{ key: 'zone', operator: 'DoesNotExist' }] })).toEqual([]);
    expect(pdbFor({ matchExpressions: [{ key: 'app', operator: 'DoesNotExist' }] })).toEqual(none);
    expect(pdbFor({ matchExpressions: [{ key: 'app', operator: 'Equals', values: ['web'] }] })).toEqual(none);
    expect(pdbFor({ matchLabels: { app: 'web' }, matchExpressions: [{ key: 'zone', operator: 'Exists' }] })).toEqual(none);
    expect(pdbFor({ matchLabels: { app: 'web' } }, '3')).toEqual(['Deployment web /spec/replicas: PodDisruptionBudget web-pdb keeps minAvailable 3 of 3 replicas: no pod could ever be evicted']);
    expect(pdbFor({ matchLabels: { app: 'web' } }, 2)).toEqual([]);
    expect(pdbFor({ matchLabels: { app: 'web' } }, '50%')).toEqual([]);
  });

  it('autoscaling-bounds reads each HPA: its floor, its ceiling, the replicas it overrides, each utilization target', () => {
    const hpa = (spec: Record<string, unknown>) => manifest({ kind: 'HorizontalPodAutoscaler', metadata: { name: 'web' }, spec: { scaleTargetRef: { kind: 'Deployment', name: 'web' }, ...spec } });
    const bounds = (spec: Record<string, unknown>, replicas?: number) => verdict('autoscaling-bounds', [hpa(spec), ...(replicas === undefined ? [] : [deployment({ containers: [] }, { replicas })])]);
    expect(bounds({ maxReplicas: 5 })).toEqual(['HorizontalPodAutoscaler web /spec/minReplicas: minReplicas is not set, so Kubernetes scales down to 1 (missing)']);
    expect(bounds({ minReplicas: 1, maxReplicas: 0 })).toEqual(['HorizontalPodAutoscaler web /spec/minReplicas: minReplicas 1 is above maxReplicas 0', 'HorizontalPodAutoscaler web /spec/minReplicas: minReplicas 1 is below 2']);
    expect(bounds({ minReplicas: 2, maxReplicas: 2 })).toEqual([]);
    expect(bounds({ minReplicas: 2, maxReplicas: 4 }, 5)).toEqual(['HorizontalPodAutoscaler web /spec/minReplicas: minReplicas 2 is below the 5 replicas of Deployment web: the HPA scales every rollout down at once']);
    expect(bounds({ minReplicas: 5, maxReplicas: 6 }, 5)).toEqual([]);
    const metrics = [
      { type: 'Resource', resource: { name: 'cpu', target: { averageUtilization: 0 } } },
      { type: 'ContainerResource', containerResource: { name: 'memory', target: { averageUtilization: 101 } } },
      { type: 'Resource', resource: { name: 'cpu', target: { averageUtilization: 1 } } },
      { type: 'Resource', resource: { name: 'cpu', target: { averageUtilization: 100 } } },
    ];
    expect(bounds({ minReplicas: 2, maxReplicas: 4, metrics })).toEqual([
      'HorizontalPodAutoscaler web /spec/metrics/0/resource/target/averageUtilization: averageUtilization 0 is not between 1 and 100',
      'HorizontalPodAutoscaler web /spec/metrics/1/containerResource/target/averageUtilization: averageUtilization 101 is not between 1 and 100',
    ]);
  });

  it('ingress-tls: every rule host in a tls entry, a wildcard covering one label', () => {
    const ingress = (tls: unknown, hosts: unknown[]) => verdict('ingress-tls', [manifest({ kind: 'Ingress', metadata: { name: 'web' }, spec: { ...(tls === undefined ? {} : { tls }), rules: hosts.map((host) => ({ host })) } })]);
    const plain = ['Ingress web /spec/tls: the Ingress has no tls section: it is served over plain HTTP (missing)'];
    expect(ingress(undefined, ['a.example.com'])).toEqual(plain);
    expect(ingress([], ['a.example.com'])).toEqual(plain);
    expect(ingress([{ hosts: ['*.example.com', 'example.org'] }, { hosts: 'b.example.net' }], ['a.example.com', 'x.a.example.com', 'example.org', 'b.example.net', '.example.com', 7])).toEqual([
      'Ingress web /spec/rules/1/host: host x.a.example.com is in no tls entry: it is served over plain HTTP',
      'Ingress web /spec/rules/3/host: host b.example.net is in no tls entry: it is served over plain HTTP',
      'Ingress web /spec/rules/4/host: host .example.com is in no tls entry: it is served over plain HTTP',
    ]);
  });

  it('at the edges: objects that scale but are no HPA, negative users, two replicas, StatefulSet probes, a tag after a bare slash, the HPA of another Deployment', () => {
    // a KEDA ScaledObject names its target as an HPA does, but has no minReplicas: the Deployment's own replicas stay the floor
    const keda = manifest({ apiVersion: 'keda.sh/v1alpha1', kind: 'ScaledObject', metadata: { name: 'web' }, spec: { scaleTargetRef: { kind: 'Deployment', name: 'web' }, minReplicaCount: 0 } });
    expect(workloadsOf([deployment({ containers: [] }, { replicas: 12 }), keda]).map((w) => w.replicas)).toEqual([12]);
    expect(workloadsOf([deployment({ containers: [] }, { replicas: '12' })]).map((w) => w.replicas)).toEqual([12]);
    // Kubernetes refuses a negative user id; it is no proof of a non-root user
    expect(verdict('run-as-non-root', [deployment({ containers: [container({ securityContext: { runAsUser: -1 } })] })])).toEqual([
      "Deployment web /spec/template/spec/securityContext/runAsNonRoot: container app may run as root: runAsNonRoot is not true in its or the Pod's securityContext (missing)",
    ]);
    // two replicas need a PodDisruptionBudget; a DaemonSet has no replica count to protect
    expect(verdict('pod-disruption-budget', [deployment({ containers: [] }, { replicas: 2 })])).toEqual(['Deployment web /spec/template/metadata/labels: 2 replicas but no PodDisruptionBudget selects these pods (missing)']);
    expect(verdict('pod-disruption-budget', [manifest({ kind: 'DaemonSet', metadata: { name: 'agent' }, spec: { template: { metadata: { labels: { app: 'agent' } }, spec: { containers: [] } } } })])).toEqual([]);
    expect(verdict('probes-set', [manifest({ kind: 'StatefulSet', metadata: { name: 'db' }, spec: { template: { spec: { containers: [container({ readinessProbe: { exec: {} } })] } } } })])).toEqual([
      'StatefulSet db /spec/template/spec/containers/0/livenessProbe: container app has no livenessProbe (missing)',
    ]);
    expect(verdict('image-tag-pinned', [deployment({ containers: [container({ image: 'org/web:$ARGOCD_APP_REVISION' })] })], 'production', false)).toEqual([
      `${C0}/image: container app: image "org/web:$ARGOCD_APP_REVISION" keeps "$ARGOCD_APP_REVISION" as written: Argo CD fills in its build variables only in an Application's helm.parameters, never in a values file, so the image reference is invalid`,
    ]);
    expect(imageTag('org/:latest')).toEqual({ tag: 'latest', digest: false });
    // the HPA's floor is compared with the replicas of the Deployment it scales, not another one's
    const hpa = manifest({ kind: 'HorizontalPodAutoscaler', metadata: { name: 'web' }, spec: { scaleTargetRef: { kind: 'Deployment', name: 'web' }, minReplicas: 2, maxReplicas: 4 } });
    expect(verdict('autoscaling-bounds', [hpa, deployment({ containers: [] }, { replicas: 5 }, 'other'), deployment({ containers: [] }, { replicas: 2 })])).toEqual([]);
  });

  it('runs only the rules asked for, each on the objects it reads', () => {
    const found = podViolations([deployment({ hostNetwork: true, containers: [] }, { replicas: 1 })], ['no-such-rule', 'replicas-ha', 'ingress-tls'], 'production', { filledAtSync: true });
    expect([...found.keys()]).toEqual(['replicas-ha', 'ingress-tls']);
    expect(found.get('ingress-tls')).toEqual([]);
  });
});

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
