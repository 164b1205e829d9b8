import { describe, expect, it } from 'vitest';
import type { Tier } from '../../config';
import type { ValueMap } from '../../common';
import { DEFAULT_RULES } from './default-rules';

/** Values that pass every rule: the spec's production overlay, reduced to what the rules read. */
const HARDENED: ValueMap = {
  replicaCount: 3,
  image: { repository: 'org/api', tag: '1.4.2', pullPolicy: 'IfNotPresent' },
  resources: { requests: { cpu: '250m', memory: '256Mi' }, limits: { cpu: '1', memory: '1Gi' } },
  autoscaling: { enabled: true, minReplicas: 3, maxReplicas: 20, targetCPUUtilizationPercentage: 70 },
  podDisruptionBudget: { enabled: true, minAvailable: 2 },
  podSecurityContext: { runAsNonRoot: true, seccompProfile: { type: 'RuntimeDefault' } },
  securityContext: { allowPrivilegeEscalation: false, readOnlyRootFilesystem: true, capabilities: { drop: ['ALL'] } },
  ingress: { enabled: true, hosts: [{ host: 'a.example.com' }], tls: [{ secretName: 'a-tls', hosts: ['a.example.com'] }] },
};

function withChange(path: (string | number)[], value: unknown): ValueMap {
  const copy = structuredClone(HARDENED) as any;
  let node = copy;
  for (const seg of path.slice(0, -1)) node = node[seg] ??= {};
  const last = path[path.length - 1];
  if (value === undefined) delete node[last];
  else node[last] = value;
  return copy;
}

const rule = (id: string) => {
  const r = DEFAULT_RULES.find((x) => x.id === id);
  if (!r) throw new Error(`no rule ${id}`);
  return r;
};
// as when an Application's helm parameter sets each value: Argo CD fills in its build variables
const violations = (id: string, values: ValueMap, tier: Tier = 'production', filledAtSync = true) => rule(id).check(values, tier, () => filledAtSync).map((v) => v.path.join('.'));

describe('default policy rules', () => {
  it('all pass on hardened values', () => {
    for (const r of DEFAULT_RULES) expect(r.check(HARDENED, 'production', () => true), r.id).toEqual([]);
  });

  const failing: [string, (string | number)[], unknown, string][] = [
    ['resources-set', ['resources', 'limits', 'memory'], undefined, 'resources.limits.memory'],
    ['resources-set', ['resources', 'requests'], undefined, 'resources.requests.cpu'],
    ['image-tag-pinned', ['image', 'tag'], '', 'image.tag'],
    ['image-tag-pinned', ['image', 'tag'], 'latest', 'image.tag'],
    ['image-tag-pinned', ['image', 'tag'], 'dev-latest', 'image.tag'],
    ['image-tag-pinned', ['image', 'tag'], 'main', 'image.tag'],
    ['run-as-non-root', ['podSecurityContext', 'runAsNonRoot'], false, 'podSecurityContext.runAsNonRoot'],
    ['read-only-root-filesystem', ['securityContext', 'readOnlyRootFilesystem'], undefined, 'securityContext.readOnlyRootFilesystem'],
    ['no-privilege-escalation', ['securityContext', 'allowPrivilegeEscalation'], true, 'securityContext.allowPrivilegeEscalation'],
    ['drop-all-capabilities', ['securityContext', 'capabilities', 'drop'], ['NET_RAW'], 'securityContext.capabilities.drop'],
    ['seccomp-runtime-default', ['podSecurityContext', 'seccompProfile', 'type'], 'Unconfined', 'podSecurityContext.seccompProfile.type'],
    ['pod-disruption-budget', ['podDisruptionBudget', 'enabled'], false, 'podDisruptionBudget.enabled'],
    ['pod-disruption-budget', ['podDisruptionBudget', 'minAvailable'], 3, 'podDisruptionBudget.minAvailable'],
    ['autoscaling-bounds', ['autoscaling', 'maxReplicas'], 2, 'autoscaling.minReplicas'],
    ['autoscaling-bounds', ['autoscaling', 'targetCPUUtilizationPercentage'], 150, 'autoscaling.targetCPUUtilizationPercentage'],
    ['ingress-tls', ['ingress', 'tls'], [], 'ingress.tls'],
    ['ingress-tls', ['ingress', 'hosts'], [{ host: 'a.example.com' }, { host: 'b.example.com' }], 'ingress.hosts.1.host'],
    ['no-host-namespaces', ['hostNetwork'], true, 'hostNetwork'],
    ['no-host-namespaces', ['hostPID'], true, 'hostPID'],
    ['no-privileged', ['securityContext', 'privileged'], true, 'securityContext.privileged'],
    ['image-pull-policy', ['image', 'pullPolicy'], 'Sometimes', 'image.pullPolicy'],
    ['image-pull-policy', ['image', 'pullPolicy'], 'Never', 'image.pullPolicy'],
  ];
  it.each(failing)('%s fails when %j is %j', (id, path, value, expected) => {
    expect(violations(id, withChange(path, value))).toContain(expected);
  });

  it('replicas-ha reads the autoscaling minimum when autoscaling is on', () => {
    expect(violations('replicas-ha', withChange(['autoscaling', 'minReplicas'], 1))).toEqual(['autoscaling.minReplicas']);
    expect(violations('replicas-ha', withChange(['replicaCount'], 1))).toEqual([]);
    expect(violations('replicas-ha', { ...withChange(['autoscaling'], undefined), replicaCount: 1 })).toEqual(['replicaCount']);
  });

  it('run-as-non-root needs runAsNonRoot set true, at pod or container level', () => {
    expect(violations('run-as-non-root', withChange(['podSecurityContext', 'runAsNonRoot'], undefined))).toEqual(['podSecurityContext.runAsNonRoot']);
    const atContainer = withChange(['podSecurityContext', 'runAsNonRoot'], undefined);
    (atContainer.securityContext as ValueMap).runAsNonRoot = true;
    expect(violations('run-as-non-root', atContainer)).toEqual([]);
    expect(violations('run-as-non-root', withChange(['podSecurityContext', 'runAsNonRoot'], 'true'))).toEqual(['podSecurityContext.runAsNonRoot']);
  });

  it('image-tag-pinned accepts digests and the revision Argo CD substitutes', () => {
    for (const tag of ['1.4.2', 'v2.0.0-rc.1', '3f2a9c1', '$ARGOCD_APP_REVISION', '1.0@sha256:abc']) expect(violations('image-tag-pinned', withChange(['image', 'tag'], tag)), tag).toEqual([]);
    expect(violations('image-tag-pinned', withChange(['image', 'digest'], 'sha256:0123'))).toEqual([]);
  });

  it('image-tag-pinned refuses a build variable that no helm parameter sets: helm would get it as written', () => {
    expect(violations('image-tag-pinned', withChange(['image', 'tag'], '$ARGOCD_APP_REVISION'), 'production', false)).toEqual(['image.tag']);
    expect(rule('image-tag-pinned').check(withChange(['image', 'tag'], '${ARGOCD_APP_REVISION_SHORT}'), 'development', () => false)[0].message).toBe(
      'image.tag "${ARGOCD_APP_REVISION_SHORT}" reaches helm as written: Argo CD fills in its build variables only in an Application\'s helm.parameters, never in a values file, so the image reference is invalid',
    );
    // a pinned tag needs no help from Argo CD
    expect(violations('image-tag-pinned', withChange(['image', 'tag'], '1.4.2'), 'production', false)).toEqual([]);
  });

  it('image-pull-policy allows Never in development only', () => {
    expect(violations('image-pull-policy', withChange(['image', 'pullPolicy'], 'Never'), 'development')).toEqual([]);
  });

  it('a disabled ingress or autoscaler is not checked', () => {
    expect(violations('ingress-tls', withChange(['ingress', 'enabled'], false))).toEqual([]);
    expect(violations('autoscaling-bounds', { autoscaling: { enabled: false, minReplicas: 9, maxReplicas: 1 } })).toEqual([]);
  });

  // each rule's exact verdict: the path, the message a user reads, and whether the value is missing (the finding then points at the overlay)
  const check = (id: string, values: ValueMap, tier: Tier = 'production') => rule(id).check(values, tier, () => true);
  const miss = (path: (string | number)[], message: string) => ({ path, message, missing: true });
  // set, but not as the rule wants: the finding points at the line that set it, not where to add it
  const wrong = (path: (string | number)[], message: string) => ({ path, message, missing: false });

  it('resources-set names every request and limit left unset or empty, requests first', () => {
    expect(check('resources-set', withChange(['resources'], undefined))).toEqual([
      miss(['resources', 'requests', 'cpu'], 'resources.requests.cpu is not set'),
      miss(['resources', 'requests', 'memory'], 'resources.requests.memory is not set'),
      miss(['resources', 'limits', 'cpu'], 'resources.limits.cpu is not set'),
      miss(['resources', 'limits', 'memory'], 'resources.limits.memory is not set'),
    ]);
    expect(check('resources-set', withChange(['resources', 'limits', 'cpu'], ''))).toEqual([wrong(['resources', 'limits', 'cpu'], 'resources.limits.cpu is not set')]);
    expect(check('resources-set', withChange(['resources', 'limits', 'cpu'], 0))).toEqual([]);
  });

  it('image-tag-pinned: a sha256 digest pins whatever the tag says; an empty or floating tag does not', () => {
    expect(check('image-tag-pinned', { image: { tag: 'latest', digest: 'sha256:0123' } })).toEqual([]);
    expect(check('image-tag-pinned', { image: { tag: 'latest', digest: 'md5:0123' } })).toEqual([{ path: ['image', 'tag'], message: 'image.tag "latest" is a floating tag' }]);
    expect(check('image-tag-pinned', { image: { tag: 'latest', digest: 7 } })).toEqual([{ path: ['image', 'tag'], message: 'image.tag "latest" is a floating tag' }]);
    expect(check('image-tag-pinned', { image: {} })).toEqual([miss(['image', 'tag'], 'image.tag is empty, so the chart falls back to a default tag')]);
    for (const image of [{ tag: null }, { tag: '' }] as ValueMap[]) expect(check('image-tag-pinned', { image }), JSON.stringify(image)).toEqual([wrong(['image', 'tag'], 'image.tag is empty, so the chart falls back to a default tag')]);
    expect(check('image-tag-pinned', { image: { tag: 1.4 } })).toEqual([]);
    expect(check('image-tag-pinned', { image: { tag: 'nightly@sha256:0123' } })).toEqual([]);
  });

  it('run-as-non-root: a missing runAsNonRoot fails; true at pod or container level passes', () => {
    expect(check('run-as-non-root', {})).toEqual([miss(['podSecurityContext', 'runAsNonRoot'], 'runAsNonRoot is not true in podSecurityContext or securityContext')]);
    expect(check('run-as-non-root', { podSecurityContext: { runAsNonRoot: null }, securityContext: { runAsNonRoot: null } })).toEqual([wrong(['podSecurityContext', 'runAsNonRoot'], 'runAsNonRoot is not true in podSecurityContext or securityContext')]);
    expect(check('run-as-non-root', { podSecurityContext: { runAsNonRoot: false }, securityContext: {} })).toEqual([wrong(['podSecurityContext', 'runAsNonRoot'], 'podSecurityContext.runAsNonRoot is false: the container may run as root')]);
    expect(check('run-as-non-root', { podSecurityContext: { runAsNonRoot: 'true' } })).toEqual([wrong(['podSecurityContext', 'runAsNonRoot'], 'podSecurityContext.runAsNonRoot is "true": the container may run as root')]);
    expect(check('run-as-non-root', { securityContext: { runAsNonRoot: true } })).toEqual([]);
    expect(check('run-as-non-root', { podSecurityContext: { runAsNonRoot: false }, securityContext: { runAsNonRoot: true } })).toEqual([]);
    expect(check('run-as-non-root', { podSecurityContext: { runAsNonRoot: true } })).toEqual([]);
    expect(check('run-as-non-root', { podSecurityContext: { runAsNonRoot: true }, securityContext: { runAsNonRoot: null } })).toEqual([]);
  });

  it("run-as-non-root: the container's false overrides the Pod's true, as Kubernetes applies them", () => {
    expect(check('run-as-non-root', { podSecurityContext: { runAsNonRoot: true }, securityContext: { runAsNonRoot: false } })).toEqual([
      wrong(['securityContext', 'runAsNonRoot'], "securityContext.runAsNonRoot is false: the container may run as root (the container's setting overrides the Pod's)"),
    ]);
  });

  it('the container hardening rules say what is not set as required', () => {
    expect(check('read-only-root-filesystem', withChange(['securityContext', 'readOnlyRootFilesystem'], false))).toEqual([wrong(['securityContext', 'readOnlyRootFilesystem'], 'readOnlyRootFilesystem is not true')]);
    expect(check('read-only-root-filesystem', withChange(['securityContext', 'readOnlyRootFilesystem'], undefined))).toEqual([miss(['securityContext', 'readOnlyRootFilesystem'], 'readOnlyRootFilesystem is not true')]);
    expect(check('no-privilege-escalation', withChange(['securityContext', 'allowPrivilegeEscalation'], undefined))).toEqual([miss(['securityContext', 'allowPrivilegeEscalation'], 'allowPrivilegeEscalation is not false')]);
    const drop = wrong(['securityContext', 'capabilities', 'drop'], 'capabilities.drop does not include ALL');
    expect(check('drop-all-capabilities', withChange(['securityContext', 'capabilities', 'drop'], ['NET_RAW']))).toEqual([drop]);
    expect(check('drop-all-capabilities', withChange(['securityContext', 'capabilities', 'drop'], 'ALL'))).toEqual([drop]);
    expect(check('drop-all-capabilities', withChange(['securityContext', 'capabilities', 'drop'], ['NET_RAW', 'all']))).toEqual([]);
    const seccomp = miss(['podSecurityContext', 'seccompProfile', 'type'], 'no RuntimeDefault seccomp profile');
    expect(check('seccomp-runtime-default', withChange(['podSecurityContext', 'seccompProfile'], undefined))).toEqual([seccomp]);
    expect(check('seccomp-runtime-default', { securityContext: { seccompProfile: { type: 'RuntimeDefault' } } })).toEqual([]);
    expect(check('seccomp-runtime-default', { podSecurityContext: { seccompProfile: { type: 'Localhost' } } })).toEqual([]);
    expect(check('seccomp-runtime-default', { securityContext: { seccompProfile: { type: 'Unconfined' } } })).toEqual([
      wrong(['securityContext', 'seccompProfile', 'type'], `securityContext.seccompProfile.type is "Unconfined", not RuntimeDefault or Localhost (the container's setting overrides the Pod's)`),
    ]);
    // the container's own profile overrides the Pod's, as Kubernetes applies them
    expect(check('seccomp-runtime-default', { podSecurityContext: { seccompProfile: { type: 'RuntimeDefault' } }, securityContext: { seccompProfile: { type: 'Unconfined' } } })).toEqual([
      wrong(['securityContext', 'seccompProfile', 'type'], `securityContext.seccompProfile.type is "Unconfined", not RuntimeDefault or Localhost (the container's setting overrides the Pod's)`),
    ]);
    expect(check('seccomp-runtime-default', { podSecurityContext: { seccompProfile: { type: 'Unconfined' } }, securityContext: { seccompProfile: { type: null } } })).toEqual([
      wrong(['podSecurityContext', 'seccompProfile', 'type'], 'podSecurityContext.seccompProfile.type is "Unconfined", not RuntimeDefault or Localhost'),
    ]);
  });

  it('replicas-ha and pod-disruption-budget read the replica floor: the autoscaler minimum when it is on, else replicaCount, else 1', () => {
    expect(check('replicas-ha', withChange(['autoscaling', 'minReplicas'], 1))).toEqual([{ path: ['autoscaling', 'minReplicas'], message: 'autoscaling.minReplicas is 1: one pod is a single point of failure', missing: false }]);
    expect(check('replicas-ha', { autoscaling: { enabled: true } })).toEqual([{ path: ['autoscaling', 'minReplicas'], message: 'autoscaling.minReplicas is 1: one pod is a single point of failure', missing: true }]);
    expect(check('replicas-ha', {})).toEqual([{ path: ['replicaCount'], message: 'replicaCount is 1: one pod is a single point of failure', missing: true }]);
    for (const enabled of [false, null]) expect(check('replicas-ha', { autoscaling: { enabled, minReplicas: 3 }, replicaCount: 1 }), String(enabled)).toEqual([{ path: ['replicaCount'], message: 'replicaCount is 1: one pod is a single point of failure', missing: false }]);
    expect(check('replicas-ha', { replicaCount: '2' })).toEqual([]);
    expect(check('replicas-ha', { replicaCount: 2 })).toEqual([]);
    expect(check('replicas-ha', { replicaCount: '22' })).toEqual([]);
    expect(check('replicas-ha', { replicaCount: 'x2' })).toEqual([{ path: ['replicaCount'], message: 'replicaCount is 1: one pod is a single point of failure', missing: false }]);
    expect(check('replicas-ha', { replicaCount: '2x' })).toEqual([{ path: ['replicaCount'], message: 'replicaCount is 1: one pod is a single point of failure', missing: false }]);

    expect(check('pod-disruption-budget', { replicaCount: 1 })).toEqual([]);
    expect(check('pod-disruption-budget', { replicaCount: 2 })).toEqual([miss(['podDisruptionBudget', 'enabled'], '2 replicas but no PodDisruptionBudget is enabled')]);
    expect(check('pod-disruption-budget', { replicaCount: 2, podDisruptionBudget: { minAvailable: 1 } })).toEqual([miss(['podDisruptionBudget', 'enabled'], '2 replicas but no PodDisruptionBudget is enabled')]);
    expect(check('pod-disruption-budget', { replicaCount: 2, podDisruptionBudget: { enabled: true } })).toEqual([miss(['podDisruptionBudget', 'minAvailable'], 'the PodDisruptionBudget sets neither minAvailable nor maxUnavailable')]);
    expect(check('pod-disruption-budget', { replicaCount: 2, podDisruptionBudget: { enabled: true, maxUnavailable: 1 } })).toEqual([]);
    expect(check('pod-disruption-budget', { replicaCount: 3, podDisruptionBudget: { enabled: true, minAvailable: 3 } })).toEqual([{ path: ['podDisruptionBudget', 'minAvailable'], message: 'minAvailable 3 is not below the replica floor 3: no pod could ever be evicted' }]);
    expect(check('pod-disruption-budget', { replicaCount: 3, podDisruptionBudget: { enabled: true, minAvailable: 2 } })).toEqual([]);
  });

  it('autoscaling-bounds names each bound that is missing or out of range', () => {
    expect(check('autoscaling-bounds', { autoscaling: { enabled: true } })).toEqual([
      miss(['autoscaling', 'maxReplicas'], 'autoscaling is enabled without maxReplicas'),
      miss(['autoscaling', 'minReplicas'], 'autoscaling is enabled without minReplicas'),
    ]);
    expect(check('autoscaling-bounds', { autoscaling: { minReplicas: 1 } })).toEqual([]);
    expect(check('autoscaling-bounds', { replicaCount: 2, autoscaling: { enabled: true, minReplicas: 1, maxReplicas: 0 } })).toEqual([
      { path: ['autoscaling', 'minReplicas'], message: 'minReplicas 1 is above maxReplicas 0' },
      { path: ['autoscaling', 'minReplicas'], message: 'minReplicas 1 is below 2' },
      { path: ['autoscaling', 'minReplicas'], message: 'minReplicas 1 is below replicaCount 2' },
    ]);
    expect(check('autoscaling-bounds', { replicaCount: 3, autoscaling: { enabled: true, minReplicas: 3, maxReplicas: 3 } })).toEqual([]);
    expect(check('autoscaling-bounds', { replicaCount: 2, autoscaling: { enabled: true, minReplicas: 2, maxReplicas: 3, targetCPUUtilizationPercentage: 0, targetMemoryUtilizationPercentage: 101 } })).toEqual([
      { path: ['autoscaling', 'targetCPUUtilizationPercentage'], message: 'targetCPUUtilizationPercentage 0 is not between 1 and 100' },
      { path: ['autoscaling', 'targetMemoryUtilizationPercentage'], message: 'targetMemoryUtilizationPercentage 101 is not between 1 and 100' },
    ]);
    expect(check('autoscaling-bounds', { autoscaling: { enabled: true, minReplicas: 2, maxReplicas: 3, targetCPUUtilizationPercentage: 1, targetMemoryUtilizationPercentage: 100 } })).toEqual([]);
  });

  it('ingress-tls: an enabled ingress needs TLS for every host, named by its index', () => {
    expect(check('ingress-tls', { ingress: { enabled: true, hosts: [{ host: 'a.example.com' }] } })).toEqual([miss(['ingress', 'tls'], 'the ingress is enabled without TLS')]);
    expect(check('ingress-tls', { ingress: { enabled: true, hosts: [{ host: 'a.example.com' }], tls: [null, 'a.example.com', ['a.example.com'], { hosts: 'a.example.com' }] } })).toEqual([wrong(['ingress', 'tls'], 'the ingress is enabled without TLS')]);
    expect(check('ingress-tls', { ingress: { hosts: [{ host: 'a.example.com' }] } })).toEqual([]);
    const tls = [{ hosts: ['a.example.com'] }];
    expect(check('ingress-tls', { ingress: { enabled: true, hosts: ['a.example.com', 'c.example.com', { host: 'd.example.com' }, ['e.example.com'], { host: 7 }], tls } })).toEqual([
      { path: ['ingress', 'hosts', 1, 'host'], message: 'host c.example.com is not in any ingress.tls entry' },
      { path: ['ingress', 'hosts', 2, 'host'], message: 'host d.example.com is not in any ingress.tls entry' },
    ]);
    expect(check('ingress-tls', { ingress: { enabled: true, hosts: 'a.example.com', tls } })).toEqual([]);
  });

  it('no-host-namespaces and no-privileged name each setting that is true', () => {
    expect(check('no-host-namespaces', { hostNetwork: true, hostPID: true, hostIPC: true })).toEqual([
      { path: ['hostNetwork'], message: 'hostNetwork is true' },
      { path: ['hostPID'], message: 'hostPID is true' },
      { path: ['hostIPC'], message: 'hostIPC is true' },
    ]);
    expect(check('no-host-namespaces', { hostNetwork: 'true', hostPID: false })).toEqual([]);
    expect(check('no-privileged', { securityContext: { privileged: true }, podSecurityContext: { privileged: true } })).toEqual([
      { path: ['securityContext', 'privileged'], message: 'the container is privileged' },
      { path: ['podSecurityContext', 'privileged'], message: 'the container is privileged' },
    ]);
  });

  it('image-pull-policy: a known policy, Never only in development, IfNotPresent never with a floating tag', () => {
    expect(check('image-pull-policy', { image: { tag: 'latest' } })).toEqual([]);
    expect(check('image-pull-policy', { image: { pullPolicy: 'always' } })).toEqual([{ path: ['image', 'pullPolicy'], message: 'pullPolicy "always" is not Always, IfNotPresent or Never' }]);
    expect(check('image-pull-policy', { image: { pullPolicy: 'Never' } }, 'staging')).toEqual([{ path: ['image', 'pullPolicy'], message: 'pullPolicy Never in the staging tier: nodes there do not have the image preloaded' }]);
    expect(check('image-pull-policy', { image: { pullPolicy: 'Never', tag: 'latest' } }, 'development')).toEqual([]);
    expect(check('image-pull-policy', { image: { pullPolicy: 'IfNotPresent', tag: 'latest' } })).toEqual([{ path: ['image', 'pullPolicy'], message: 'IfNotPresent with the floating tag "latest" keeps a stale image on nodes' }]);
    expect(check('image-pull-policy', { image: { pullPolicy: 'Always', tag: 'latest' } })).toEqual([]);
    expect(check('image-pull-policy', { image: { pullPolicy: 'IfNotPresent', tag: '1.4.2' } })).toEqual([]);
  });

  it('documents every rule', () => {
    for (const r of DEFAULT_RULES) {
      expect(r.id).toMatch(/^[a-z]+(-[a-z]+)*$/);
      expect(r.description.length, r.id).toBeGreaterThan(40);
      expect(r.fix.length, r.id).toBeGreaterThan(10);
      expect(r.defaults.production, r.id).toBe('error');
    }
  });
});
