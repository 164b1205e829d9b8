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

  it('documents every rule', () => {
    for (const r of DEFAULT_RULES) {
      expect(r.id).toMatch(/^[a-z]+(-[a-z]+)*$/);
      expect(r.description.length, r.id).toBeGreaterThan(40);
      expect(r.fix.length, r.id).toBeGreaterThan(10);
      expect(r.defaults.production, r.id).toBe('error');
    }
  });
});
