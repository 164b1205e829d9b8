import { everyTier, type RuleMeta, type RuleSetting, type Tier } from './rule';

// Production fails, staging warns, development skips what only matters for hardened, highly
// available workloads, and warns about the rest.
const HARDENING: Record<Tier, RuleSetting> = { development: 'off', staging: 'warning', production: 'error' };
const HYGIENE: Record<Tier, RuleSetting> = { development: 'warning', staging: 'warning', production: 'error' };
const ALWAYS: Record<Tier, RuleSetting> = { development: 'error', staging: 'error', production: 'error' };

export const RESOURCES_SET: RuleMeta = {
  id: 'resources-set',
  title: 'CPU and memory requests and limits are set',
  description: 'Without requests the scheduler packs pods blindly; without limits one pod can starve its node. Reads `resources.requests.{cpu,memory}` and `resources.limits.{cpu,memory}`.',
  fix: 'Set all four under `resources:` in the env overlay, e.g. `requests: {cpu: 250m, memory: 256Mi}` and `limits: {cpu: "1", memory: 1Gi}`.',
  defaults: HYGIENE,
};

export const IMAGE_TAG_PINNED: RuleMeta = {
  id: 'image-tag-pinned',
  title: 'The image tag is set, pinned and not latest',
  description:
    'A missing or floating tag (`latest`, `dev-latest`, a branch name) deploys whatever was pushed last, so two syncs of the same commit can run different code. A version, a commit sha, a digest (`image.digest` or `tag@sha256:...`) or Argo CD\'s `$ARGOCD_APP_REVISION` in a `helm.parameters` value is pinned; written in a values file, that variable reaches helm as written (Argo CD fills it in only in parameters), an invalid image reference. The check sees the Argo CD Application\'s `helm.parameters` as the last layer, as Argo CD does, so a tag that CI sets there counts.',
  fix: 'Pin the tag in the env overlay (`npx gitops set-image APP ENV 1.4.2` in CI) or in the Application\'s helm.parameters; promote it with `gitops promote`.',
  defaults: HARDENING,
};

export const RUN_AS_NON_ROOT: RuleMeta = {
  id: 'run-as-non-root',
  title: 'Containers run as a non-root user',
  description: 'Reads `securityContext.runAsNonRoot`, else `podSecurityContext.runAsNonRoot` (the container\'s setting overrides the Pod\'s, as in Kubernetes): a container escape as root owns the node.',
  fix: 'Set `podSecurityContext: {runAsNonRoot: true, runAsUser: 1000}`.',
  defaults: HARDENING,
};

export const READ_ONLY_ROOT_FILESYSTEM: RuleMeta = {
  id: 'read-only-root-filesystem',
  title: 'The root filesystem is read-only',
  description: 'Reads `securityContext.readOnlyRootFilesystem`: an attacker who cannot write cannot drop tools or change binaries.',
  fix: 'Set `securityContext.readOnlyRootFilesystem: true` and mount an emptyDir where the app must write.',
  defaults: HARDENING,
};

export const NO_PRIVILEGE_ESCALATION: RuleMeta = {
  id: 'no-privilege-escalation',
  title: 'No privilege escalation',
  description: 'Reads `securityContext.allowPrivilegeEscalation`, which Kubernetes defaults to true: setuid binaries could gain privileges.',
  fix: 'Set `securityContext.allowPrivilegeEscalation: false`.',
  defaults: HARDENING,
};

export const DROP_ALL_CAPABILITIES: RuleMeta = {
  id: 'drop-all-capabilities',
  title: 'All Linux capabilities are dropped',
  description: 'Reads `securityContext.capabilities.drop`: it must include `ALL`; add back only what the app needs.',
  fix: 'Set `securityContext.capabilities.drop: [ALL]` (and `add:` the few the app needs, e.g. NET_BIND_SERVICE).',
  defaults: HARDENING,
};

export const SECCOMP_RUNTIME_DEFAULT: RuleMeta = {
  id: 'seccomp-runtime-default',
  title: 'A seccomp profile is applied',
  description: 'Reads `seccompProfile.type` in `securityContext`, else in `podSecurityContext` (the container\'s setting overrides the Pod\'s, as in Kubernetes): `RuntimeDefault` (or a `Localhost` profile) blocks syscalls containers never need.',
  fix: 'Set `podSecurityContext.seccompProfile.type: RuntimeDefault`.',
  defaults: HARDENING,
};

export const REPLICAS_HA: RuleMeta = {
  id: 'replicas-ha',
  title: 'At least two replicas',
  description: 'One replica means downtime on every rollout, node drain or crash. Reads `replicaCount`, or `autoscaling.minReplicas` when autoscaling is enabled.',
  fix: 'Set `replicaCount: 2` or more (or `autoscaling.minReplicas: 2`).',
  defaults: HARDENING,
};

export const POD_DISRUPTION_BUDGET: RuleMeta = {
  id: 'pod-disruption-budget',
  title: 'A PodDisruptionBudget protects replicated pods',
  description: 'With two or more replicas, a PodDisruptionBudget (`podDisruptionBudget.enabled` with `minAvailable` or `maxUnavailable`) stops a node drain from evicting them all at once. `minAvailable` must stay below the replica floor, or no pod can ever be evicted and drains hang.',
  fix: 'Set `podDisruptionBudget: {enabled: true, minAvailable: 1}` (below the replica count).',
  defaults: HARDENING,
};

export const AUTOSCALING_BOUNDS: RuleMeta = {
  id: 'autoscaling-bounds',
  title: 'Autoscaling bounds are sane',
  description:
    'Checked on each rendered HorizontalPodAutoscaler: `spec.minReplicas` must be set, at least 2 and at most `spec.maxReplicas`, not below the `spec.replicas` of the workload it scales (the HPA would scale a rollout down at once), and each `averageUtilization` target between 1 and 100. Without helm, the values `autoscaling.{enabled,minReplicas,maxReplicas,targetCPUUtilizationPercentage}` are read as an early hint.',
  fix: 'Set `autoscaling.minReplicas` >= max(2, replicaCount) and <= `autoscaling.maxReplicas`.',
  defaults: HARDENING,
};

export const INGRESS_TLS: RuleMeta = {
  id: 'ingress-tls',
  title: 'Ingress hosts are served over TLS',
  description:
    'Checked on each rendered Ingress: it must have a `spec.tls` section, and every `spec.rules[].host` must be in a `spec.tls[].hosts` entry (a `*.domain` entry covers one label), or it is served over plain HTTP. Without helm, `ingress.enabled`, `ingress.hosts` and `ingress.tls` are read as an early hint.',
  fix: 'Add `ingress.tls: [{secretName: APP-ENV-tls, hosts: [HOST]}]` (cert-manager fills the secret).',
  defaults: HARDENING,
};

export const NO_HOST_NAMESPACES: RuleMeta = {
  id: 'no-host-namespaces',
  title: "No sharing of the node's network, PID or IPC namespace",
  description: 'Reads `hostNetwork`, `hostPID` and `hostIPC`: a pod in the node\'s namespaces sees and reaches everything on the node.',
  fix: 'Remove the key or set it to false; if an agent truly needs it, ignore the finding on that line with a reason.',
  defaults: ALWAYS,
};

export const NO_PRIVILEGED: RuleMeta = {
  id: 'no-privileged',
  title: 'No privileged containers',
  description: 'Reads `securityContext.privileged` (and `podSecurityContext.privileged`): a privileged container is root on the node.',
  fix: 'Remove `privileged: true`; grant the specific capability instead.',
  defaults: ALWAYS,
};

export const IMAGE_PULL_POLICY: RuleMeta = {
  id: 'image-pull-policy',
  title: 'The image pull policy is valid and fits the tag',
  description: '`image.pullPolicy` must be `Always`, `IfNotPresent` or `Never`; `Never` only works where images are preloaded, so it is reserved for development; `IfNotPresent` with a floating tag keeps running a stale image.',
  fix: 'Use `IfNotPresent` with a pinned tag, `Always` with a floating one.',
  defaults: HYGIENE,
};

/** Read on rendered manifests only: values cannot say whether a chart sets probes. */
export const PROBES_SET: RuleMeta = {
  id: 'probes-set',
  title: 'Long-running containers have readiness and liveness probes',
  description:
    'Checked on the rendered Pod specs of Deployments, StatefulSets and DaemonSets: without a readinessProbe a rollout sends traffic to pods that are not ready; without a livenessProbe a hung process is never restarted. Jobs, CronJobs and init containers are exempt.',
  fix: 'Set `readinessProbe` and `livenessProbe` on the container in the chart\'s template (most charts expose them as values).',
  defaults: HARDENING,
};

export const POLICY_KEYS_UNKNOWN: RuleMeta = {
  id: 'policy-keys-unknown',
  title: 'The policy rules can tell which keys the chart reads',
  description:
    'Without helm, the policy rules read the values and name only keys the chart declares, in its values.yaml or values.schema.json (setting any other key would change nothing). A chart that declares none (an empty values.yaml and no schema, as umbrella charts whose subcharts take the values often are), or whose values.yaml is not in the repository (a chart from a Helm repository, not vendored), leaves them nothing to go on: they judge none of its values, and a note (info) says so in each env where any of them is on.',
  fix: 'Install helm 3 or 4, so that validate checks the Pod specs the chart renders, or add a values.schema.json that declares the keys the chart reads.',
  defaults: everyTier('warning'),
};

/** The policy rules every env is checked against, in the order docs/rules.md lists them. */
export const POLICY_RULES: RuleMeta[] = [
  RESOURCES_SET,
  IMAGE_TAG_PINNED,
  RUN_AS_NON_ROOT,
  READ_ONLY_ROOT_FILESYSTEM,
  NO_PRIVILEGE_ESCALATION,
  DROP_ALL_CAPABILITIES,
  SECCOMP_RUNTIME_DEFAULT,
  REPLICAS_HA,
  POD_DISRUPTION_BUDGET,
  AUTOSCALING_BOUNDS,
  INGRESS_TLS,
  NO_HOST_NAMESPACES,
  NO_PRIVILEGED,
  IMAGE_PULL_POLICY,
];
