"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.VALIDATE_CHECKS = void 0;
exports.validateApp = validateApp;
const common_1 = require("../common");
const workspace_1 = require("../workspace");
const schema_check_1 = require("./schema-check");
const node_fs_1 = require("node:fs");
const node_path_1 = require("node:path");
const consistency_1 = require("./consistency");
const ignore_1 = require("./ignore");
const policy_check_1 = require("./policy/policy-check");
const rules_1 = require("../rules");
const encrypted_files_1 = require("./secrets/encrypted-files");
const secret_scan_1 = require("./secrets/secret-scan");
/** What `validate` checks in each env: the schema, policy, plaintext secrets and Argo CD consistency. */
exports.VALIDATE_CHECKS = [schema_check_1.schemaCheck, policy_check_1.policyCheck, secret_scan_1.secretScanCheck, consistency_1.consistencyCheck];
/**
 * Validate one app in each env: resolve its layers, then run every check. A broken file is a
 * finding of that app, never an exception, so other apps still report.
 */
function validateApp(ws, appName, opts = {}) {
    const app = (0, workspace_1.getApp)(ws, appName);
    const envs = (opts.envs ?? ws.config.environments.map((e) => e.name)).map((n) => (0, workspace_1.getEnv)(ws, n));
    const checks = opts.checks ?? exports.VALIDATE_CHECKS;
    // The app's secrets/ folder is the same in every env: checked once, with the full set.
    const out = opts.checks ? [] : (0, encrypted_files_1.scanSecretFiles)(ws, app);
    // Every values file read, so that its ignore comments are checked even where nothing is found.
    const texts = new Map();
    for (const env of envs) {
        for (const cluster of (0, workspace_1.clusterTargets)(ws, app.dir, env.name)) {
            let resolution;
            try {
                resolution = (0, workspace_1.resolveValues)(ws, app.name, env.name, { cluster });
                for (const f of resolution.files)
                    texts.set(f.file, f.text);
                for (const check of checks)
                    out.push(...check({ ws, app, env, cluster, resolution }));
            }
            catch (e) {
                if (!(0, common_1.isUserError)(e))
                    throw e;
                out.push((0, common_1.findingFromError)(e, { app: app.name, env: env.name }));
            }
        }
    }
    return (0, common_1.sortFindings)((0, ignore_1.applyIgnores)(dedupe(out), { knownRules: rules_1.RULES.map((r) => r.id), files: [...texts.keys()], readText: (file) => texts.get(file) ?? readText(ws.root, file) }));
}
function readText(root, file) {
    try {
        return (0, node_fs_1.readFileSync)((0, node_path_1.join)(root, file), 'utf8');
    }
    catch {
        return undefined;
    }
}
/** A broken base file fails every env the same way: say it once. */
function dedupe(findings) {
    const seen = new Set();
    return findings.filter((f) => {
        if (f.rule !== 'input')
            return true;
        const key = `${f.file}:${f.line}:${f.column}:${f.message}`;
        if (seen.has(key))
            return false;
        seen.add(key);
        return true;
    });
}
