"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.DEFAULT_RULES = void 0;
const rules_1 = require("../../rules");
const common_1 = require("../../common");
const read_1 = require("./read");
const missing = (path, message) => ({ path, message, missing: true });
/** A floating tag names whatever was pushed last: `latest`, `dev-latest`, a branch name. */
const FLOATING_TAG = /(^|[-_.])(latest|main|master|develop|dev|stable|edge|nightly|head|snapshot)$/i;
/** Argo CD replaces this with the commit being synced: pinned by construction. */
const ARGO_REVISION = /^\$\{?ARGOCD_APP_REVISION(_SHORT)?\}?$/;
exports.DEFAULT_RULES = [
    {
        ...rules_1.RESOURCES_SET,
        check: (v) => ['requests', 'limits'].flatMap((kind) => ['cpu', 'memory'].flatMap((r) => (0, read_1.at)(v, ['resources', kind, r]) === undefined || (0, read_1.at)(v, ['resources', kind, r]) === '' ? [missing(['resources', kind, r], `resources.${kind}.${r} is not set`)] : [])),
    },
    {
        ...rules_1.IMAGE_TAG_PINNED,
        check: (v) => {
            if (typeof (0, read_1.at)(v, ['image', 'digest']) === 'string' && (0, read_1.at)(v, ['image', 'digest']).startsWith('sha256:'))
                return [];
            const tag = (0, read_1.at)(v, ['image', 'tag']);
            if (tag === undefined || tag === null || tag === '')
                return [missing(['image', 'tag'], 'image.tag is empty, so the chart falls back to a default tag')];
            const t = String(tag);
            if (ARGO_REVISION.test(t) || t.includes('@sha256:'))
                return [];
            if (FLOATING_TAG.test(t))
                return [{ path: ['image', 'tag'], message: `image.tag "${t}" is a floating tag` }];
            return [];
        },
    },
    {
        ...rules_1.RUN_AS_NON_ROOT,
        check: (v) => (0, read_1.isTrue)(v, ['podSecurityContext', 'runAsNonRoot']) || (0, read_1.isTrue)(v, ['securityContext', 'runAsNonRoot'])
            ? []
            : [missing(['podSecurityContext', 'runAsNonRoot'], 'runAsNonRoot is not true in podSecurityContext or securityContext')],
    },
    {
        ...rules_1.READ_ONLY_ROOT_FILESYSTEM,
        check: (v) => ((0, read_1.isTrue)(v, ['securityContext', 'readOnlyRootFilesystem']) ? [] : [missing(['securityContext', 'readOnlyRootFilesystem'], 'readOnlyRootFilesystem is not true')]),
    },
    {
        ...rules_1.NO_PRIVILEGE_ESCALATION,
        check: (v) => ((0, read_1.at)(v, ['securityContext', 'allowPrivilegeEscalation']) === false ? [] : [missing(['securityContext', 'allowPrivilegeEscalation'], 'allowPrivilegeEscalation is not false')]),
    },
    {
        ...rules_1.DROP_ALL_CAPABILITIES,
        check: (v) => {
            const drop = (0, read_1.at)(v, ['securityContext', 'capabilities', 'drop']);
            return Array.isArray(drop) && drop.some((c) => String(c).toUpperCase() === 'ALL') ? [] : [missing(['securityContext', 'capabilities', 'drop'], 'capabilities.drop does not include ALL')];
        },
    },
    {
        ...rules_1.SECCOMP_RUNTIME_DEFAULT,
        check: (v) => {
            const types = [(0, read_1.at)(v, ['podSecurityContext', 'seccompProfile', 'type']), (0, read_1.at)(v, ['securityContext', 'seccompProfile', 'type'])];
            return types.some((t) => t === 'RuntimeDefault' || t === 'Localhost') ? [] : [missing(['podSecurityContext', 'seccompProfile', 'type'], 'no RuntimeDefault seccomp profile')];
        },
    },
    {
        ...rules_1.REPLICAS_HA,
        check: (v) => {
            const floor = (0, read_1.replicaFloor)(v);
            if (floor >= 2)
                return [];
            const path = (0, read_1.enabled)(v, ['autoscaling']) ? ['autoscaling', 'minReplicas'] : ['replicaCount'];
            return [{ path, message: `${(0, common_1.formatPath)(path)} is ${floor}: one pod is a single point of failure`, missing: (0, read_1.at)(v, path) === undefined }];
        },
    },
    {
        ...rules_1.POD_DISRUPTION_BUDGET,
        check: (v) => {
            const floor = (0, read_1.replicaFloor)(v);
            if (floor < 2)
                return [];
            if (!(0, read_1.enabled)(v, ['podDisruptionBudget']) || (0, read_1.at)(v, ['podDisruptionBudget', 'enabled']) !== true) {
                return [missing(['podDisruptionBudget', 'enabled'], `${floor} replicas but no PodDisruptionBudget is enabled`)];
            }
            const min = (0, read_1.num)(v, ['podDisruptionBudget', 'minAvailable']);
            const maxUnavailable = (0, read_1.at)(v, ['podDisruptionBudget', 'maxUnavailable']);
            if (min === undefined && maxUnavailable === undefined)
                return [missing(['podDisruptionBudget', 'minAvailable'], 'the PodDisruptionBudget sets neither minAvailable nor maxUnavailable')];
            if (min !== undefined && min >= floor)
                return [{ path: ['podDisruptionBudget', 'minAvailable'], message: `minAvailable ${min} is not below the replica floor ${floor}: no pod could ever be evicted` }];
            return [];
        },
    },
    {
        ...rules_1.AUTOSCALING_BOUNDS,
        check: (v) => {
            if (!(0, read_1.enabled)(v, ['autoscaling']) || (0, read_1.at)(v, ['autoscaling', 'enabled']) !== true)
                return [];
            const out = [];
            const min = (0, read_1.num)(v, ['autoscaling', 'minReplicas']);
            const max = (0, read_1.num)(v, ['autoscaling', 'maxReplicas']);
            const replicas = (0, read_1.num)(v, ['replicaCount']);
            if (max === undefined)
                out.push(missing(['autoscaling', 'maxReplicas'], 'autoscaling is enabled without maxReplicas'));
            if (min === undefined)
                out.push(missing(['autoscaling', 'minReplicas'], 'autoscaling is enabled without minReplicas'));
            if (min !== undefined && max !== undefined && min > max)
                out.push({ path: ['autoscaling', 'minReplicas'], message: `minReplicas ${min} is above maxReplicas ${max}` });
            if (min !== undefined && min < 2)
                out.push({ path: ['autoscaling', 'minReplicas'], message: `minReplicas ${min} is below 2` });
            if (min !== undefined && replicas !== undefined && min < replicas)
                out.push({ path: ['autoscaling', 'minReplicas'], message: `minReplicas ${min} is below replicaCount ${replicas}` });
            for (const key of ['targetCPUUtilizationPercentage', 'targetMemoryUtilizationPercentage']) {
                const t = (0, read_1.num)(v, ['autoscaling', key]);
                if (t !== undefined && (t < 1 || t > 100))
                    out.push({ path: ['autoscaling', key], message: `${key} ${t} is not between 1 and 100` });
            }
            return out;
        },
    },
    {
        ...rules_1.INGRESS_TLS,
        check: (v) => {
            if (!(0, read_1.enabled)(v, ['ingress']) || (0, read_1.at)(v, ['ingress', 'enabled']) !== true)
                return [];
            const tls = (0, read_1.at)(v, ['ingress', 'tls']);
            const covered = new Set(Array.isArray(tls) ? tls.flatMap((t) => (t && typeof t === 'object' && !Array.isArray(t) && Array.isArray(t.hosts) ? t.hosts.map(String) : [])) : []);
            const hosts = (0, read_1.at)(v, ['ingress', 'hosts']);
            const names = Array.isArray(hosts) ? hosts.map((h, i) => [i, h && typeof h === 'object' && !Array.isArray(h) ? h.host : h]) : [];
            if (covered.size === 0)
                return [missing(['ingress', 'tls'], 'the ingress is enabled without TLS')];
            return names.filter(([, h]) => typeof h === 'string' && !covered.has(h)).map(([i, h]) => ({ path: ['ingress', 'hosts', i, 'host'], message: `host ${h} is not in any ingress.tls entry` }));
        },
    },
    {
        ...rules_1.NO_HOST_NAMESPACES,
        check: (v) => ['hostNetwork', 'hostPID', 'hostIPC'].filter((k) => (0, read_1.isTrue)(v, [k])).map((k) => ({ path: [k], message: `${k} is true` })),
    },
    {
        ...rules_1.NO_PRIVILEGED,
        check: (v) => [['securityContext', 'privileged'], ['podSecurityContext', 'privileged']].filter((p) => (0, read_1.isTrue)(v, p)).map((p) => ({ path: p, message: 'the container is privileged' })),
    },
    {
        ...rules_1.IMAGE_PULL_POLICY,
        check: (v, tier) => {
            const policy = (0, read_1.at)(v, ['image', 'pullPolicy']);
            if (policy === undefined)
                return [];
            if (!['Always', 'IfNotPresent', 'Never'].includes(String(policy)))
                return [{ path: ['image', 'pullPolicy'], message: `pullPolicy "${String(policy)}" is not Always, IfNotPresent or Never` }];
            if (policy === 'Never' && tier !== 'development')
                return [{ path: ['image', 'pullPolicy'], message: `pullPolicy Never in the ${tier} tier: nodes there do not have the image preloaded` }];
            const tag = (0, read_1.at)(v, ['image', 'tag']);
            if (policy === 'IfNotPresent' && typeof tag === 'string' && FLOATING_TAG.test(tag))
                return [{ path: ['image', 'pullPolicy'], message: `IfNotPresent with the floating tag "${tag}" keeps a stale image on nodes` }];
            return [];
        },
    },
];
