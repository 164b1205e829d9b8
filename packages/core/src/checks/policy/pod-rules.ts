import type { Tier } from '../../config';
import { isMap, type Value, type ValueMap } from '../../common';
import { FLOATING_TAG } from './default-rules';
import { isSyncedRevision } from '../../workspace';

/** A rendered manifest: its data and where it came from. */
export interface Manifest {
  data: ValueMap;
  /** The chart template (helm's `# Source:`). */
  source?: string;
  /** 1-based line in the rendered output. */
  line: number;
}

/** The rendered object a violation is about: a workload, an HPA, an Ingress. */
export interface Target {
  manifest: Manifest;
  kind: string;
  name: string;
}

/** A Pod template in a rendered workload, with what the rules need around it. */
export interface Workload extends Target {
  /** JSON pointer of the Pod spec in the manifest, e.g. /spec/template/spec. */
  podPointer: string;
  pod: ValueMap;
  /** The replica floor: an HPA's minReplicas when one scales it, else spec.replicas (1 when unset); undefined for Jobs, DaemonSets and Pods. */
  replicas?: number;
  labels: Record<string, string>;
}

/** A setting of a rendered object that breaks a rule, at a Kubernetes field. */
export interface PodViolation {
  target: Target;
  /** JSON pointer into the manifest. */
  pointer: string;
  message: string;
  /** The field is absent: the chart does not set it (rather than setting it wrong). */
  missing?: boolean;
}

const POD_PATH: Record<string, string> = {
  Deployment: '/spec/template/spec',
  StatefulSet: '/spec/template/spec',
  DaemonSet: '/spec/template/spec',
  ReplicaSet: '/spec/template/spec',
  Job: '/spec/template/spec',
  CronJob: '/spec/jobTemplate/spec/template/spec',
  Pod: '/spec',
};

const at = (v: Value | undefined, pointer: string): Value | undefined => {
  let cur = v;
  for (const s of pointer.split('/').slice(1)) cur = Array.isArray(cur) ? cur[Number(s)] : isMap(cur) ? cur[s] : undefined;
  return cur;
};
const map = (v: Value | undefined): ValueMap => (isMap(v) ? v : {});

/** The workloads among rendered manifests, each with the replica floor its HPA or spec gives it. */
export function workloadsOf(manifests: Manifest[]): Workload[] {
  const hpas = manifests.filter((m) => m.data.kind === 'HorizontalPodAutoscaler');
  return manifests.flatMap((m) => {
    const kind = String(m.data.kind);
    const podPointer = POD_PATH[kind];
    const pod = podPointer ? at(m.data, podPointer) : undefined;
    if (!isMap(pod)) return [];
    const name = String(map(m.data.metadata).name);
    const templateMeta = kind === 'Pod' ? map(m.data.metadata) : map(at(m.data, podPointer.replace(/\/spec$/, '/metadata')));
    const hpa = hpas.find((h) => map(at(h.data, '/spec/scaleTargetRef')).kind === kind && map(at(h.data, '/spec/scaleTargetRef')).name === name);
    const scaled = kind === 'Deployment' || kind === 'StatefulSet' || kind === 'ReplicaSet';
    const replicas = !scaled ? undefined : hpa ? num(at(hpa.data, '/spec/minReplicas')) ?? 1 : num(at(m.data, '/spec/replicas')) ?? 1;
    const labels = Object.fromEntries(Object.entries(map(templateMeta.labels)).map(([k, v]) => [k, String(v)]));
    return [{ manifest: m, kind, name, podPointer, pod, ...(replicas === undefined ? {} : { replicas }), labels }];
  });
}

const num = (v: Value | undefined): number | undefined => (typeof v === 'number' ? v : typeof v === 'string' && /^\d+$/.test(v) ? Number(v) : undefined);

interface Container {
  pointer: string;
  c: ValueMap;
  init: boolean;
}

function containers(w: Workload): Container[] {
  return (['initContainers', 'containers'] as const).flatMap((list) => {
    const cs = w.pod[list];
    return Array.isArray(cs) ? cs.map((c, i) => ({ pointer: `${w.podPointer}/${list}/${i}`, c: map(c), init: list === 'initContainers' })) : [];
  });
}

/** A container's security setting, or the Pod's where Kubernetes falls back to it. */
function effective(w: Workload, c: ValueMap, field: string, podLevel: boolean): { value: Value | undefined; pointer: string } {
  const own = map(c.securityContext)[field];
  return own !== undefined || !podLevel ? { value: own, pointer: 'securityContext' } : { value: map(w.pod.securityContext)[field], pointer: 'pod' };
}

/**
 * What a rule knows of the release beyond its manifests: whether Argo CD fills in the build
 * variables (`$ARGOCD_APP_REVISION`) that helm got as written, i.e. an Application's helm
 * parameters carry them.
 */
export interface ReleaseFacts {
  filledAtSync: boolean;
}
type PodCheck = (w: Workload, all: Manifest[], tier: Tier, facts: ReleaseFacts) => Omit<PodViolation, 'target'>[];

/** Each container (init containers included) must have `field` in its securityContext satisfy `ok`. */
const perContainer =
  (field: string, podLevel: boolean, ok: (v: Value | undefined) => boolean, message: (name: string, v: Value | undefined) => string): PodCheck =>
  (w) =>
    containers(w).flatMap(({ pointer, c }) => {
      const e = effective(w, c, field, podLevel);
      if (ok(e.value)) return [];
      return [{ pointer: `${pointer}/securityContext/${field}`, message: message(String(c.name), e.value), missing: e.value === undefined }];
    });

/** The tag of an image reference (`repo/name:tag`, `name:tag@sha256:...`), and whether it is pinned by digest. */
export const imageTag = (image: string): { tag?: string; digest: boolean } => {
  const digest = image.includes('@sha256:');
  const last = image.split('@')[0].split('/').pop() ?? '';
  const i = last.lastIndexOf(':');
  return { ...(i >= 0 ? { tag: last.slice(i + 1) } : {}), digest };
};

/** The rules that read rendered Pod specs, by rule id: the same ids (and tier settings) as the values-level hints. */
export const POD_CHECKS: Record<string, PodCheck> = {
  'run-as-non-root': (w) =>
    containers(w).flatMap(({ pointer, c }) => {
      const nonRoot = effective(w, c, 'runAsNonRoot', true);
      const user = effective(w, c, 'runAsUser', true);
      if (user.value === 0) return [{ pointer: `${user.pointer === 'pod' ? `${w.podPointer}/securityContext` : `${pointer}/securityContext`}/runAsUser`, message: `container ${String(c.name)} runs as user 0 (root)` }];
      return nonRoot.value === true || (typeof user.value === 'number' && user.value > 0)
        ? []
        : [{ pointer: `${nonRoot.pointer === 'pod' ? `${w.podPointer}/securityContext` : `${pointer}/securityContext`}/runAsNonRoot`, message: `container ${String(c.name)} may run as root: runAsNonRoot is not true in its or the Pod's securityContext`, missing: nonRoot.value === undefined }];
    }),
  'read-only-root-filesystem': perContainer('readOnlyRootFilesystem', false, (v) => v === true, (n) => `container ${n}: readOnlyRootFilesystem is not true`),
  'no-privilege-escalation': perContainer('allowPrivilegeEscalation', false, (v) => v === false, (n) => `container ${n}: allowPrivilegeEscalation is not false (Kubernetes defaults it to true)`),
  'no-privileged': perContainer('privileged', false, (v) => v !== true, (n) => `container ${n} is privileged`),
  'drop-all-capabilities': (w) =>
    containers(w).flatMap(({ pointer, c }) => {
      const drop = map(map(c.securityContext).capabilities).drop;
      return Array.isArray(drop) && drop.some((x) => String(x).toUpperCase() === 'ALL') ? [] : [{ pointer: `${pointer}/securityContext/capabilities/drop`, message: `container ${String(c.name)}: capabilities.drop does not include ALL`, missing: drop === undefined }];
    }),
  'seccomp-runtime-default': (w) =>
    containers(w).flatMap(({ pointer, c }) => {
      const e = effective(w, c, 'seccompProfile', true);
      const type = map(e.value).type;
      return type === 'RuntimeDefault' || type === 'Localhost' ? [] : [{ pointer: `${e.pointer === 'pod' ? w.podPointer : pointer}/securityContext/seccompProfile/type`, message: `container ${String(c.name)}: no RuntimeDefault or Localhost seccompProfile in its or the Pod's securityContext`, missing: type === undefined }];
    }),
  'resources-set': (w) =>
    containers(w)
      .filter((x) => !x.init)
      .flatMap(({ pointer, c }) =>
        ['requests', 'limits'].flatMap((k) =>
          ['cpu', 'memory'].filter((r) => [undefined, null, ''].includes(map(map(c.resources)[k])[r] as never)).map((r) => ({ pointer: `${pointer}/resources/${k}/${r}`, message: `container ${String(c.name)}: resources.${k}.${r} is not set`, missing: true })),
        ),
      ),
  'probes-set': (w) =>
    ['Deployment', 'StatefulSet', 'DaemonSet'].includes(w.kind)
      ? containers(w)
          .filter((x) => !x.init)
          .flatMap(({ pointer, c }) => ['readinessProbe', 'livenessProbe'].filter((p) => !isMap(c[p])).map((p) => ({ pointer: `${pointer}/${p}`, message: `container ${String(c.name)} has no ${p}`, missing: true })))
      : [],
  'image-tag-pinned': (w, _all, _tier, facts) =>
    containers(w).flatMap(({ pointer, c }) => {
      const image = String(c.image ?? '');
      const { tag, digest } = imageTag(image);
      if (digest) return [];
      if (tag && isSyncedRevision(tag)) {
        return facts.filledAtSync ? [] : [{ pointer: `${pointer}/image`, message: `container ${String(c.name)}: image "${image}" keeps "${tag}" as written: Argo CD fills in its build variables only in an Application's helm.parameters, never in a values file, so the image reference is invalid` }];
      }
      if (!tag) return [{ pointer: `${pointer}/image`, message: `container ${String(c.name)}: image "${image}" has no tag or digest, so it runs :latest` }];
      return FLOATING_TAG.test(tag) ? [{ pointer: `${pointer}/image`, message: `container ${String(c.name)}: image "${image}" has the floating tag "${tag}"` }] : [];
    }),
  'image-pull-policy': (w, _all, tier) =>
    containers(w).flatMap(({ pointer, c }) => {
      const policy = c.imagePullPolicy;
      if (policy === undefined) return [];
      const p = `${pointer}/imagePullPolicy`;
      if (!['Always', 'IfNotPresent', 'Never'].includes(String(policy))) return [{ pointer: p, message: `container ${String(c.name)}: imagePullPolicy "${String(policy)}" is not Always, IfNotPresent or Never` }];
      if (policy === 'Never' && tier !== 'development') return [{ pointer: p, message: `container ${String(c.name)}: imagePullPolicy Never in the ${tier} tier` }];
      const { tag } = imageTag(String(c.image ?? ''));
      return policy === 'IfNotPresent' && tag && FLOATING_TAG.test(tag) ? [{ pointer: p, message: `container ${String(c.name)}: IfNotPresent with the floating tag "${tag}" keeps a stale image on nodes` }] : [];
    }),
  'no-host-namespaces': (w) => ['hostNetwork', 'hostPID', 'hostIPC'].filter((k) => w.pod[k] === true).map((k) => ({ pointer: `${w.podPointer}/${k}`, message: `${k} is true` })),
  'replicas-ha': (w) => (w.replicas !== undefined && w.replicas < 2 ? [{ pointer: '/spec/replicas', message: `${w.replicas} replica: one pod is a single point of failure` }] : []),
  'pod-disruption-budget': (w, all) => {
    if (w.replicas === undefined || w.replicas < 2) return [];
    const pdb = all.find((m) => m.data.kind === 'PodDisruptionBudget' && selects(map(at(m.data, '/spec/selector')), w.labels));
    if (!pdb) return [{ pointer: '/spec/template/metadata/labels', message: `${w.replicas} replicas but no PodDisruptionBudget selects these pods`, missing: true }];
    const min = num(at(pdb.data, '/spec/minAvailable'));
    if (min !== undefined && min >= w.replicas) return [{ pointer: '/spec/replicas', message: `PodDisruptionBudget ${String(map(pdb.data.metadata).name)} keeps minAvailable ${min} of ${w.replicas} replicas: no pod could ever be evicted` }];
    return [];
  },
};

/** Does a label selector (matchLabels, matchExpressions) select pods with these labels? An empty selector selects nothing. */
function selects(selector: ValueMap, labels: Record<string, string>): boolean {
  const match = map(selector.matchLabels);
  const exprs = Array.isArray(selector.matchExpressions) ? selector.matchExpressions.map(map) : [];
  if (Object.keys(match).length === 0 && exprs.length === 0) return false;
  const byLabels = Object.entries(match).every(([k, v]) => labels[k] === String(v));
  const byExprs = exprs.every((e) => {
    const key = String(e.key);
    const values = Array.isArray(e.values) ? e.values.map(String) : [];
    switch (e.operator) {
      case 'In':
        return values.includes(labels[key]);
      case 'NotIn':
        return !values.includes(labels[key]);
      case 'Exists':
        return key in labels;
      case 'DoesNotExist':
        return !(key in labels);
      default:
        return false;
    }
  });
  return byLabels && byExprs;
}

type ObjectCheck = (m: Manifest, all: Manifest[]) => Omit<PodViolation, 'target'>[];

/** The rules that read rendered objects other than Pod specs, by rule id: the kind they read and the check. */
export const OBJECT_CHECKS: Record<string, { kind: string; check: ObjectCheck }> = {
  'autoscaling-bounds': {
    kind: 'HorizontalPodAutoscaler',
    check: (m, all) => {
      // minReplicas defaults to 1 in Kubernetes; maxReplicas is required (the schema says so)
      const min = num(at(m.data, '/spec/minReplicas')) ?? 1;
      const max = num(at(m.data, '/spec/maxReplicas'));
      const out: Omit<PodViolation, 'target'>[] = [];
      if (max !== undefined && min > max) out.push({ pointer: '/spec/minReplicas', message: `minReplicas ${min} is above maxReplicas ${max}` });
      if (min < 2) out.push({ pointer: '/spec/minReplicas', message: at(m.data, '/spec/minReplicas') === undefined ? 'minReplicas is not set, so Kubernetes scales down to 1' : `minReplicas ${min} is below 2`, missing: at(m.data, '/spec/minReplicas') === undefined });
      const ref = map(at(m.data, '/spec/scaleTargetRef'));
      const target = all.find((t) => t.data.kind === ref.kind && map(t.data.metadata).name === ref.name);
      const replicas = target ? num(at(target.data, '/spec/replicas')) : undefined;
      if (replicas !== undefined && min < replicas) out.push({ pointer: '/spec/minReplicas', message: `minReplicas ${min} is below the ${replicas} replicas of ${String(ref.kind)} ${String(ref.name)}: the HPA scales every rollout down at once` });
      const metrics = at(m.data, '/spec/metrics');
      (Array.isArray(metrics) ? metrics : []).forEach((metric, i) => {
        const kind = map(metric).type === 'ContainerResource' ? 'containerResource' : 'resource';
        const u = num(at(metric, `/${kind}/target/averageUtilization`));
        if (u !== undefined && (u < 1 || u > 100)) out.push({ pointer: `/spec/metrics/${i}/${kind}/target/averageUtilization`, message: `averageUtilization ${u} is not between 1 and 100` });
      });
      return out;
    },
  },
  'ingress-tls': {
    kind: 'Ingress',
    check: (m) => {
      const tls = at(m.data, '/spec/tls');
      const covered = new Set((Array.isArray(tls) ? tls : []).flatMap((t) => (Array.isArray(map(t).hosts) ? (map(t).hosts as Value[]).map(String) : [])));
      if (!Array.isArray(tls) || tls.length === 0) return [{ pointer: '/spec/tls', message: 'the Ingress has no tls section: it is served over plain HTTP', missing: true }];
      const rules = at(m.data, '/spec/rules');
      return (Array.isArray(rules) ? rules : []).flatMap((r, i) => {
        const host = map(r).host;
        return typeof host === 'string' && !covered.has(host) && !wildcardCovers(covered, host) ? [{ pointer: `/spec/rules/${i}/host`, message: `host ${host} is in no tls entry: it is served over plain HTTP` }] : [];
      });
    },
  },
};

/** A TLS host `*.example.com` covers `a.example.com` (one label), as certificates do. */
function wildcardCovers(covered: Set<string>, host: string): boolean {
  const dot = host.indexOf('.');
  return dot > 0 && covered.has(`*${host.slice(dot)}`);
}

/** Every rule's violations on the objects of one rendered release: Pod specs, HPAs, Ingresses. */
export function podViolations(manifests: Manifest[], ruleIds: string[], tier: Tier, facts: ReleaseFacts): Map<string, PodViolation[]> {
  const workloads = workloadsOf(manifests);
  const target = (m: Manifest): Target => ({ manifest: m, kind: String(m.data.kind), name: String(map(m.data.metadata).name) });
  return new Map(
    ruleIds
      .filter((id) => POD_CHECKS[id] || OBJECT_CHECKS[id])
      .map((id) => {
        const o = OBJECT_CHECKS[id];
        const found = o
          ? manifests.filter((m) => m.data.kind === o.kind).flatMap((m) => o.check(m, manifests).map((v) => ({ ...v, target: target(m) })))
          : workloads.flatMap((w) => POD_CHECKS[id](w, manifests, tier, facts).map((v) => ({ ...v, target: w as Target })));
        return [id, found];
      }),
  );
}
