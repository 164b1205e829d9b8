import type { RuleSetting, Tier } from '../config/types';
import { formatPath } from '../values';
import { at, enabled, isTrue, num, replicaFloor } from './read';
import type { PolicyRule, Violation } from './policy-rule';

// Production fails, staging warns, development skips what only matters for hardened, highly
// available workloads, and warns about the rest.
const HARDENING: Record<Tier, RuleSetting> = { development: 'off', staging: 'warning', production: 'error' };
const HYGIENE: Record<Tier, RuleSetting> = { development: 'warning', staging: 'warning', production: 'error' };
const ALWAYS: Record<Tier, RuleSetting> = { development: 'error', staging: 'error', production: 'error' };

const missing = (path: (string | number)[], message: string): Violation => ({ path, message, missing: true });

/** A floating tag names whatever was pushed last: `latest`, `dev-latest`, a branch name. */
const FLOATING_TAG = /(^|[-_.])(latest|main|master|develop|dev|stable|edge|nightly|head|snapshot)$/i;
/** Argo CD replaces this with the commit being synced: pinned by construction. */
const ARGO_REVISION = /^\$\{?ARGOCD_APP_REVISION(_SHORT)?\}?$/;

export const DEFAULT_RULES: PolicyRule[] = [
  {
    id: 'resources-set',
    title: 'CPU and memory requests and limits are set',
    description: 'Without requests the scheduler packs pods blindly; without limits one pod can starve its node. Reads `resources.requests.{cpu,memory}` and `resources.limits.{cpu,memory}`.',
    fix: 'Set all four under `resources:` in the env overlay, e.g. `requests: {cpu: 250m, memory: 256Mi}` and `limits: {cpu: "1", memory: 1Gi}`.',
    defaults: HYGIENE,
    check: (v) =>
      (['requests', 'limits'] as const).flatMap((kind) =>
        (['cpu', 'memory'] as const).flatMap((r) =>
          at(v, ['resources', kind, r]) === undefined || at(v, ['resources', kind, r]) === '' ? [missing(['resources', kind, r], `resources.${kind}.${r} is not set`)] : [],
        ),
      ),
  },
  {
    id: 'image-tag-pinned',
    title: 'The image tag is set, pinned and not latest',
    description:
      'A missing or floating tag (`latest`, `dev-latest`, a branch name) deploys whatever was pushed last, so two syncs of the same commit can run different code. A version, a commit sha, a digest (`image.digest` or `tag@sha256:...`) or Argo CD\'s `$ARGOCD_APP_REVISION` parameter is pinned. The check sees the Argo CD Application\'s `helm.parameters` as the last layer, as Argo CD does, so a tag that CI sets there counts.',
    fix: 'Pin the tag in the env overlay (`npx gitops set-image APP ENV 1.4.2` in CI) or in the Application\'s helm.parameters; promote it with `gitops promote`.',
    defaults: HARDENING,
    check: (v) => {
      if (typeof at(v, ['image', 'digest']) === 'string' && (at(v, ['image', 'digest']) as string).startsWith('sha256:')) return [];
      const tag = at(v, ['image', 'tag']);
      if (tag === undefined || tag === null || tag === '') return [missing(['image', 'tag'], 'image.tag is empty, so the chart falls back to a default tag')];
      const t = String(tag);
      if (ARGO_REVISION.test(t) || t.includes('@sha256:')) return [];
      if (FLOATING_TAG.test(t)) return [{ path: ['image', 'tag'], message: `image.tag "${t}" is a floating tag` }];
      return [];
    },
  },
  {
    id: 'run-as-non-root',
    title: 'Containers run as a non-root user',
    description: 'Reads `podSecurityContext.runAsNonRoot` or `securityContext.runAsNonRoot`: a container escape as root owns the node.',
    fix: 'Set `podSecurityContext: {runAsNonRoot: true, runAsUser: 1000}`.',
    defaults: HARDENING,
    check: (v) =>
      isTrue(v, ['podSecurityContext', 'runAsNonRoot']) || isTrue(v, ['securityContext', 'runAsNonRoot'])
        ? []
        : [missing(['podSecurityContext', 'runAsNonRoot'], 'runAsNonRoot is not true in podSecurityContext or securityContext')],
  },
  {
    id: 'read-only-root-filesystem',
    title: 'The root filesystem is read-only',
    description: 'Reads `securityContext.readOnlyRootFilesystem`: an attacker who cannot write cannot drop tools or change binaries.',
    fix: 'Set `securityContext.readOnlyRootFilesystem: true` and mount an emptyDir where the app must write.',
    defaults: HARDENING,
    check: (v) => (isTrue(v, ['securityContext', 'readOnlyRootFilesystem']) ? [] : [missing(['securityContext', 'readOnlyRootFilesystem'], 'readOnlyRootFilesystem is not true')]),
  },
  {
    id: 'no-privilege-escalation',
    title: 'No privilege escalation',
    description: 'Reads `securityContext.allowPrivilegeEscalation`, which Kubernetes defaults to true: setuid binaries could gain privileges.',
    fix: 'Set `securityContext.allowPrivilegeEscalation: false`.',
    defaults: HARDENING,
    check: (v) => (at(v, ['securityContext', 'allowPrivilegeEscalation']) === false ? [] : [missing(['securityContext', 'allowPrivilegeEscalation'], 'allowPrivilegeEscalation is not false')]),
  },
  {
    id: 'drop-all-capabilities',
    title: 'All Linux capabilities are dropped',
    description: 'Reads `securityContext.capabilities.drop`: it must include `ALL`; add back only what the app needs.',
    fix: 'Set `securityContext.capabilities.drop: [ALL]` (and `add:` the few the app needs, e.g. NET_BIND_SERVICE).',
    defaults: HARDENING,
    check: (v) => {
      const drop = at(v, ['securityContext', 'capabilities', 'drop']);
      return Array.isArray(drop) && drop.some((c) => String(c).toUpperCase() === 'ALL') ? [] : [missing(['securityContext', 'capabilities', 'drop'], 'capabilities.drop does not include ALL')];
    },
  },
  {
    id: 'seccomp-runtime-default',
    title: 'A seccomp profile is applied',
    description: 'Reads `seccompProfile.type` in `podSecurityContext` or `securityContext`: `RuntimeDefault` (or a `Localhost` profile) blocks syscalls containers never need.',
    fix: 'Set `podSecurityContext.seccompProfile.type: RuntimeDefault`.',
    defaults: HARDENING,
    check: (v) => {
      const types = [at(v, ['podSecurityContext', 'seccompProfile', 'type']), at(v, ['securityContext', 'seccompProfile', 'type'])];
      return types.some((t) => t === 'RuntimeDefault' || t === 'Localhost') ? [] : [missing(['podSecurityContext', 'seccompProfile', 'type'], 'no RuntimeDefault seccomp profile')];
    },
  },
  {
    id: 'replicas-ha',
    title: 'At least two replicas',
    description: 'One replica means downtime on every rollout, node drain or crash. Reads `replicaCount`, or `autoscaling.minReplicas` when autoscaling is enabled.',
    fix: 'Set `replicaCount: 2` or more (or `autoscaling.minReplicas: 2`).',
    defaults: HARDENING,
    check: (v) => {
      const floor = replicaFloor(v);
      if (floor >= 2) return [];
      const path = enabled(v, ['autoscaling']) ? ['autoscaling', 'minReplicas'] : ['replicaCount'];
      return [{ path, message: `${formatPath(path)} is ${floor}: one pod is a single point of failure`, missing: at(v, path) === undefined }];
    },
  },
  {
    id: 'pod-disruption-budget',
    title: 'A PodDisruptionBudget protects replicated pods',
    description: 'With two or more replicas, a PodDisruptionBudget (`podDisruptionBudget.enabled` with `minAvailable` or `maxUnavailable`) stops a node drain from evicting them all at once. `minAvailable` must stay below the replica floor, or no pod can ever be evicted and drains hang.',
    fix: 'Set `podDisruptionBudget: {enabled: true, minAvailable: 1}` (below the replica count).',
    defaults: HARDENING,
    check: (v) => {
      const floor = replicaFloor(v);
      if (floor < 2) return [];
      if (!enabled(v, ['podDisruptionBudget']) || at(v, ['podDisruptionBudget', 'enabled']) !== true) {
        return [missing(['podDisruptionBudget', 'enabled'], `${floor} replicas but no PodDisruptionBudget is enabled`)];
      }
      const min = num(v, ['podDisruptionBudget', 'minAvailable']);
      const maxUnavailable = at(v, ['podDisruptionBudget', 'maxUnavailable']);
      if (min === undefined && maxUnavailable === undefined) return [missing(['podDisruptionBudget', 'minAvailable'], 'the PodDisruptionBudget sets neither minAvailable nor maxUnavailable')];
      if (min !== undefined && min >= floor) return [{ path: ['podDisruptionBudget', 'minAvailable'], message: `minAvailable ${min} is not below the replica floor ${floor}: no pod could ever be evicted` }];
      return [];
    },
  },
  {
    id: 'autoscaling-bounds',
    title: 'Autoscaling bounds are sane',
    description: 'When `autoscaling.enabled`, `minReplicas` must be at least 2 and at most `maxReplicas`, not below `replicaCount` (the HPA would scale a rollout down at once), and target utilizations between 1 and 100.',
    fix: 'Set `autoscaling.minReplicas` >= max(2, replicaCount) and <= `autoscaling.maxReplicas`.',
    defaults: HARDENING,
    check: (v) => {
      if (!enabled(v, ['autoscaling']) || at(v, ['autoscaling', 'enabled']) !== true) return [];
      const out: Violation[] = [];
      const min = num(v, ['autoscaling', 'minReplicas']);
      const max = num(v, ['autoscaling', 'maxReplicas']);
      const replicas = num(v, ['replicaCount']);
      if (max === undefined) out.push(missing(['autoscaling', 'maxReplicas'], 'autoscaling is enabled without maxReplicas'));
      if (min === undefined) out.push(missing(['autoscaling', 'minReplicas'], 'autoscaling is enabled without minReplicas'));
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
    id: 'ingress-tls',
    title: 'Ingress hosts are served over TLS',
    description: 'When `ingress.enabled`, every host under `ingress.hosts` must appear in an `ingress.tls` entry, or it is served over plain HTTP.',
    fix: 'Add `ingress.tls: [{secretName: APP-ENV-tls, hosts: [HOST]}]` (cert-manager fills the secret).',
    defaults: HARDENING,
    check: (v) => {
      if (!enabled(v, ['ingress']) || at(v, ['ingress', 'enabled']) !== true) return [];
      const tls = at(v, ['ingress', 'tls']);
      const covered = new Set(Array.isArray(tls) ? tls.flatMap((t) => (t && typeof t === 'object' && !Array.isArray(t) && Array.isArray(t.hosts) ? t.hosts.map(String) : [])) : []);
      const hosts = at(v, ['ingress', 'hosts']);
      const names = Array.isArray(hosts) ? hosts.map((h, i) => [i, h && typeof h === 'object' && !Array.isArray(h) ? h.host : h] as const) : [];
      if (covered.size === 0) return [missing(['ingress', 'tls'], 'the ingress is enabled without TLS')];
      return names.filter(([, h]) => typeof h === 'string' && !covered.has(h)).map(([i, h]) => ({ path: ['ingress', 'hosts', i, 'host'], message: `host ${h} is not in any ingress.tls entry` }));
    },
  },
  {
    id: 'no-host-namespaces',
    title: "No sharing of the node's network, PID or IPC namespace",
    description: 'Reads `hostNetwork`, `hostPID` and `hostIPC`: a pod in the node\'s namespaces sees and reaches everything on the node.',
    fix: 'Remove the key or set it to false; if an agent truly needs it, ignore the finding on that line with a reason.',
    defaults: ALWAYS,
    check: (v) => ['hostNetwork', 'hostPID', 'hostIPC'].filter((k) => isTrue(v, [k])).map((k) => ({ path: [k], message: `${k} is true` })),
  },
  {
    id: 'no-privileged',
    title: 'No privileged containers',
    description: 'Reads `securityContext.privileged` (and `podSecurityContext.privileged`): a privileged container is root on the node.',
    fix: 'Remove `privileged: true`; grant the specific capability instead.',
    defaults: ALWAYS,
    check: (v) => [['securityContext', 'privileged'], ['podSecurityContext', 'privileged']].filter((p) => isTrue(v, p)).map((p) => ({ path: p, message: 'the container is privileged' })),
  },
  {
    id: 'image-pull-policy',
    title: 'The image pull policy is valid and fits the tag',
    description: '`image.pullPolicy` must be `Always`, `IfNotPresent` or `Never`; `Never` only works where images are preloaded, so it is reserved for development; `IfNotPresent` with a floating tag keeps running a stale image.',
    fix: 'Use `IfNotPresent` with a pinned tag, `Always` with a floating one.',
    defaults: HYGIENE,
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
