"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.secretScanCheck = void 0;
const common_1 = require("../../common");
const config_1 = require("../../config");
const rules_1 = require("../../rules");
const yaml_1 = require("../../yaml");
const secret_like_1 = require("./secret-like");
/**
 * Plaintext credentials in the values files of one env's layers, reported in the file that
 * holds them. The value itself never appears in a finding.
 */
const secretScanCheck = ({ ws, app, env, resolution }) => {
    const plain = (0, config_1.ruleSetting)(ws.config, env.tier, rules_1.PLAINTEXT_SECRET);
    const token = (0, config_1.ruleSetting)(ws.config, env.tier, rules_1.SECRET_TOKEN);
    const out = [];
    for (const file of resolution.files) {
        for (const [path, value] of (0, common_1.leaves)(file.values)) {
            const kind = (0, secret_like_1.secretTokenKind)(value);
            const at = (0, yaml_1.nearestPosition)(file, path);
            const base = { app: app.name, env: env.name, path: (0, common_1.formatPath)(path), file: at.file, line: at.line, column: at.column };
            if (kind && token !== 'off') {
                out.push({ ...base, rule: rules_1.SECRET_TOKEN.id, severity: token, message: `holds ${kind} in plain text`, hint: rules_1.SECRET_TOKEN.fix });
            }
            else if (!kind && plain !== 'off' && (0, secret_like_1.holdsSecret)(path) && !(0, secret_like_1.isReference)(value) && typeof value !== 'object') {
                out.push({ ...base, rule: rules_1.PLAINTEXT_SECRET.id, severity: plain, message: `holds a plaintext value (${String(value).length} characters)`, hint: rules_1.PLAINTEXT_SECRET.fix });
            }
        }
    }
    return out;
};
exports.secretScanCheck = secretScanCheck;
