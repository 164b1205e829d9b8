"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.DNS_LABEL_RULE = void 0;
exports.isDnsLabel = isDnsLabel;
exports.assertDnsLabel = assertDnsLabel;
const errors_1 = require("./errors");
const DNS_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
exports.DNS_LABEL_RULE = "a DNS-1123 label: 1 to 63 lower-case letters a-z, digits 0-9 and '-', starting and ending with a letter or digit (e.g. qa, prod-eu)";
function isDnsLabel(name) {
    return name.length <= 63 && DNS_LABEL.test(name);
}
/**
 * Refuse a name that is not a DNS-1123 label. Env, cluster and app names become file names,
 * Kubernetes namespaces and Argo CD Application names, so `../x` or `{{x}}` must never get through.
 */
function assertDnsLabel(kind, name, flag = `--${kind}`) {
    const text = typeof name === 'string' ? name : String(name ?? '');
    if (!isDnsLabel(text)) {
        throw new errors_1.UserError(`${kind} name ${JSON.stringify(text)} is not allowed: it must be ${exports.DNS_LABEL_RULE}`, {
            hint: `Pass ${flag} with a name such as ${kind === 'cluster' ? 'prod-eu' : kind === 'app' ? 'billing' : 'qa'}.`,
        });
    }
    return text;
}
