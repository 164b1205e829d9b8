"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.DEFAULT_KEY_RULES = exports.DEFAULT_CLUSTER = exports.DEFAULT_APPS_GLOB = exports.CONFIG_FILE = void 0;
exports.CONFIG_FILE = 'gitops.yaml';
exports.DEFAULT_APPS_GLOB = 'deployment/helm/*';
exports.DEFAULT_CLUSTER = { name: 'in-cluster', server: 'https://kubernetes.default.svc' };
/**
 * What promotion copies when gitops.yaml says nothing: image tags; and what it never copies:
 * settings that are right for one env only.
 */
exports.DEFAULT_KEY_RULES = {
    promotable: ['image.tag', '**.image.tag'],
    never: [
        'replicaCount',
        'resources.**',
        'autoscaling.**',
        'ingress.**',
        'externalSecrets.**',
        'config.nodeEnv',
        'config.logLevel',
        'nodeSelector.**',
        'tolerations',
        'affinity.**',
    ],
};
