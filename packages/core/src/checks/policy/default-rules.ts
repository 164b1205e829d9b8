import { AUTOSCALING_BOUNDS, DROP_ALL_CAPABILITIES, IMAGE_PULL_POLICY, IMAGE_TAG_PINNED, INGRESS_TLS, NO_HOST_NAMESPACES, NO_PRIVILEGED, NO_PRIVILEGE_ESCALATION, POD_DISRUPTION_BUDGET, READ_ONLY_ROOT_FILESYSTEM, REPLICAS_HA, RESOURCES_SET, RUN_AS_NON_ROOT, SECCOMP_RUNTIME_DEFAULT } from '../../rules';
import { formatPath, type Path, type ValueMap } from '../../common';
import { isSyncedRevision } from '../../workspace';
import { at, enabled, isTrue, num, replicaFloor } from './read';
import type { PolicyRule, Violation } from './policy-rule';

/** A value the rule wants otherwise: missing when unset (the finding then points where to add it), else at the line that set it. */
const unmet = (v: ValueMap, path: Path, message: string): Violation => ({ path, message, missing: at(v, path) === undefined });

/**
 * The container's own setting where it has one, else the Pod's: Kubernetes lets the container's
 * securityContext override the Pod's for runAsNonRoot and seccompProfile.
 */
function containerOrPod(v: ValueMap, field: Path): Path {
  const own = ['securityContext', ...field];
  return at(v, own) === undefined || at(v, own) === null ? ['podSecurityContext', ...field] : own;
}

/** A floating tag names whatever was pushed last: `latest`, `dev-latest`, a branch name. */
export const FLOATING_TAG = /(^|[-_.])(latest|main|master|develop|dev|stable|edge|nightly|head|snapshot)$/i;
export const DEFAULT_RULES: PolicyRule[] = [
  {
    ...RESOURCES_SET,
    check: (v) =>
      (['requests', 'limits'] as const).flatMap((kind) =>
        (['cpu', 'memory'] as const).flatMap((r) =>
          at(v, ['resources', kind, r]) === undefined || at(v, ['resources', kind, r]) === '' ? [unmet(v, ['resources', kind, r], `resources.${kind}.${r} is not set`)] : [],
        ),
      ),
  },
  {
    ...IMAGE_TAG_PINNED,
    check: (v, _tier, filledAtSync) => {
      if (typeof at(v, ['image', 'digest']) === 'string' && (at(v, ['image', 'digest']) as string).startsWith('sha256:')) return [];
      const tag = at(v, ['image', 'tag']);
      if (tag === undefined || tag === null || tag === '') return [unmet(v, ['image', 'tag'], 'image.tag is empty, so the chart falls back to a default tag')];
      const t = String(tag);
      if (isSyncedRevision(t)) {
        return filledAtSync(['image', 'tag'])
          ? []
          : [{ path: ['image', 'tag'], message: `image.tag "${t}" reaches helm as written: Argo CD fills in its build variables only in an Application's helm.parameters, never in a values file, so the image reference is invalid` }];
      }
      if (FLOATING_TAG.test(t)) return [{ path: ['image', 'tag'], message: `image.tag "${t}" is a floating tag` }];
      return [];
    },
  },
  {
    ...RUN_AS_NON_ROOT,
    check: (v) => {
      const path = containerOrPod(v, ['runAsNonRoot']);
      const value = at(v, path);
      if (value === true) return [];
      if (value === undefined || value === null) return [unmet(v, path, 'runAsNonRoot is not true in podSecurityContext or securityContext')];
      return [{ path, message: `${formatPath(path)} is ${JSON.stringify(value)}: the container may run as root${path[0] === 'securityContext' ? " (the container's setting overrides the Pod's)" : ''}`, missing: false }];
    },
  },
  {
    ...READ_ONLY_ROOT_FILESYSTEM,
    check: (v) => (isTrue(v, ['securityContext', 'readOnlyRootFilesystem']) ? [] : [unmet(v, ['securityContext', 'readOnlyRootFilesystem'], 'readOnlyRootFilesystem is not true')]),
  },
  {
    ...NO_PRIVILEGE_ESCALATION,
    check: (v) => (at(v, ['securityContext', 'allowPrivilegeEscalation']) === false ? [] : [unmet(v, ['securityContext', 'allowPrivilegeEscalation'], 'allowPrivilegeEscalation is not false')]),
  },
  {
    ...DROP_ALL_CAPABILITIES,
    check: (v) => {
      const drop = at(v, ['securityContext', 'capabilities', 'drop']);
      return Array.isArray(drop) && drop.some((c) => String(c).toUpperCase() === 'ALL') ? [] : [unmet(v, ['securityContext', 'capabilities', 'drop'], 'capabilities.drop does not include ALL')];
    },
  },
  {
    ...SECCOMP_RUNTIME_DEFAULT,
    check: (v) => {
      const path = containerOrPod(v, ['seccompProfile', 'type']);
      const type = at(v, path);
      if (type === 'RuntimeDefault' || type === 'Localhost') return [];
      if (type === undefined || type === null) return [unmet(v, path, 'no RuntimeDefault seccomp profile')];
      return [{ path, message: `${formatPath(path)} is ${JSON.stringify(type)}, not RuntimeDefault or Localhost${path[0] === 'securityContext' ? " (the container's setting overrides the Pod's)" : ''}`, missing: false }];
    },
  },
  {
    ...REPLICAS_HA,
    check: (v) => {
      const floor = replicaFloor(v);
      if (floor >= 2) return [];
      const path = enabled(v, ['autoscaling']) ? ['autoscaling', 'minReplicas'] : ['replicaCount'];
      return [{ path, message: `${formatPath(path)} is ${floor}: one pod is a single point of failure`, missing: at(v, path) === undefined }];
    },
  },
  {
    ...POD_DISRUPTION_BUDGET,
    check: (v) => {
      const floor = replicaFloor(v);
      if (floor < 2) return [];
      if (at(v, ['podDisruptionBudget', 'enabled']) !== true) {
        return [unmet(v, ['podDisruptionBudget', 'enabled'], `${floor} replicas but no PodDisruptionBudget is enabled`)];
      }
      const min = num(v, ['podDisruptionBudget', 'minAvailable']);
      const maxUnavailable = at(v, ['podDisruptionBudget', 'maxUnavailable']);
      if (min === undefined && maxUnavailable === undefined) return [unmet(v, ['podDisruptionBudget', 'minAvailable'], 'the PodDisruptionBudget sets neither minAvailable nor maxUnavailable')];
      if (min !== undefined && min >= floor) return [{ path: ['podDisruptionBudget', 'minAvailable'], message: `minAvailable ${min} is not below the replica floor ${floor}: no pod could ever be evicted` }];
      return [];
    },
  },
  {
    ...AUTOSCALING_BOUNDS,
    check: (v) => {
      if (at(v, ['autoscaling', 'enabled']) !== true) return [];
      const out: Violation[] = [];
      const min = num(v, ['autoscaling', 'minReplicas']);
      const max = num(v, ['autoscaling', 'maxReplicas']);
      const replicas = num(v, ['replicaCount']);
      if (max === undefined) out.push(unmet(v, ['autoscaling', 'maxReplicas'], 'autoscaling is enabled without maxReplicas'));
      if (min === undefined) out.push(unmet(v, ['autoscaling', 'minReplicas'], 'autoscaling is enabled without minReplicas'));
      if (min !== undefined && max !== undefined && min > max) out.push({ path: ['autoscaling', 'minReplicas'], message: `minReplicas ${min} is above maxReplicas ${max}` });
      if (min !== undefined && min < 2) out.push({ path: ['autoscaling', 'minReplicas'], message: `minReplicas ${min} is below 2` });
      if (min !== undefined && replicas !== undefined && min < replicas) out.push({ path: ['autoscaling', 'minReplicas'], message: `minReplicas ${min} is below replicaCount ${replicas}` });
      for (const key of ['targetCPUUtilizationPercentage', 'targetMemoryUtilizationPercentage']) {
        const t = num(v, ['autoscaling', key]);
        if (t !== undefined && (t < 1 || t > 100)) out.push({ path: ['autoscaling', key], message: `${key} ${t} is not between 1 and 100` });
      }
      return out;
    },
  },
  {
    ...INGRESS_TLS,
    check: (v) => {
      if (at(v, ['ingress', 'enabled']) !== true) return [];
      const tls = at(v, ['ingress', 'tls']);
      const covered = new Set(Array.isArray(tls) ? tls.flatMap((t) => (t && typeof t === 'object' && !Array.isArray(t) && Array.isArray(t.hosts) ? t.hosts.map(String) : [])) : []);
      const hosts = at(v, ['ingress', 'hosts']);
      const names = Array.isArray(hosts) ? hosts.map((h, i) => [i, h && typeof h === 'object' && !Array.isArray(h) ? h.host : h] as const) : [];
      if (covered.size === 0) return [unmet(v, ['ingress', 'tls'], 'the ingress is enabled without TLS')];
      return names.filter(([, h]) => typeof h === 'string' && !covered.has(h)).map(([i, h]) => ({ path: ['ingress', 'hosts', i, 'host'], message: `host ${h} is not in any ingress.tls entry` }));
    },
  },
  {
    ...NO_HOST_NAMESPACES,
    check: (v) => ['hostNetwork', 'hostPID', 'hostIPC'].filter((k) => isTrue(v, [k])).map((k) => ({ path: [k], message: `${k} is true` })),
  },
  {
    ...NO_PRIVILEGED,
    check: (v) => [['securityContext', 'privileged'], ['podSecurityContext', 'privileged']].filter((p) => isTrue(v, p)).map((p) => ({ path: p, message: 'the container is privileged' })),
  },
  {
    ...IMAGE_PULL_POLICY,
    check: (v, tier) => {
      const policy = at(v, ['image', 'pullPolicy']);
      if (policy === undefined) return [];
      if (!['Always', 'IfNotPresent', 'Never'].includes(String(policy))) return [{ path: ['image', 'pullPolicy'], message: `pullPolicy "${String(policy)}" is not Always, IfNotPresent or Never` }];
      if (policy === 'Never' && tier !== 'development') return [{ path: ['image', 'pullPolicy'], message: `pullPolicy Never in the ${tier} tier: nodes there do not have the image preloaded` }];
      const tag = at(v, ['image', 'tag']);
      if (policy === 'IfNotPresent' && typeof tag === 'string' && FLOATING_TAG.test(tag)) return [{ path: ['image', 'pullPolicy'], message: `IfNotPresent with the floating tag "${tag}" keeps a stale image on nodes` }];
      return [];
    },
  },
];
