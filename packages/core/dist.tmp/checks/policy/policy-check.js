"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.policyCheck = void 0;
const check_1 = require("../check");
const common_1 = require("../../common");
const workspace_1 = require("../../workspace");
const config_1 = require("../../config");
const yaml_1 = require("../../yaml");
const default_rules_1 = require("./default-rules");
/**
 * The policy rules over the values Argo CD deploys (layers, then the Application's helm
 * parameters), each at the severity the env's tier gives it. A violation points at the line
 * that set the value, or, when the value is missing, at the env's own overlay where it belongs.
 */
const policyCheck = ({ ws, app, env, cluster, resolution }) => {
    const rules = default_rules_1.DEFAULT_RULES.map((rule) => ({ rule, severity: (0, config_1.ruleSetting)(ws.config, env.tier, rule) })).filter((r) => r.severity !== 'off');
    if (rules.length === 0)
        return [];
    const deployed = (0, workspace_1.withArgoParameters)(resolution, (0, workspace_1.readApplication)(ws, app.name, env.name, cluster));
    const overlay = resolution.files[resolution.files.length - 1];
    const out = [];
    for (const { rule, severity } of rules) {
        for (const v of rule.check(deployed.values, env.tier)) {
            const at = (!v.missing && deployed.originOf(v.path)) || (0, yaml_1.nearestPosition)(overlay, v.path, { atKey: true });
            const where = v.missing ? ` (add it to ${overlay.file.split('/').pop()})` : '';
            out.push((0, check_1.findingAt)({ app, env }, at, { rule: rule.id, severity: severity === 'error' ? 'error' : 'warning', message: `${v.message}${where}`, path: (0, common_1.formatPath)(v.path), hint: rule.fix }));
        }
    }
    return out;
};
exports.policyCheck = policyCheck;
