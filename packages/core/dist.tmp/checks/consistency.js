"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.consistencyCheck = void 0;
const config_1 = require("../config");
const workspace_1 = require("../workspace");
const rules_1 = require("../rules");
const [MISSING, VALUE_FILES, SOURCE_PATH] = rules_1.CONSISTENCY_RULES;
/** Each env's Argo CD Application merges the same files, in the same order, as the checks did. */
const consistencyCheck = ({ ws, app, env, cluster }) => {
    const severity = (0, config_1.ruleSetting)(ws.config, env.tier, VALUE_FILES);
    const missingSeverity = (0, config_1.ruleSetting)(ws.config, env.tier, MISSING);
    const ref = (0, workspace_1.readApplication)(ws, app.name, env.name, cluster);
    const base = { app: app.name, env: env.name };
    if (!ref) {
        if (missingSeverity === 'off')
            return [];
        return [
            {
                ...base,
                rule: MISSING.id,
                severity: missingSeverity,
                message: `no Argo CD Application deploys ${app.name} to ${env.name}${cluster ? ` on ${cluster}` : ''}: ${(0, workspace_1.applicationPath)(ws, app.name, env.name, cluster)} does not exist`,
                file: config_1.CONFIG_FILE,
                line: 0,
                column: 0,
                hint: MISSING.fix,
            },
        ];
    }
    const out = [];
    const expected = (0, workspace_1.layers)(ws, app, env.name, cluster).filter((l) => l.exists).map((l) => l.valueFile);
    const listed = ref.valueFiles.map((v) => v.value);
    if (severity !== 'off' && listed.join('\n') !== expected.join('\n')) {
        const firstDiff = listed.findIndex((v, i) => v !== expected[i]);
        const at = ref.valueFiles[firstDiff]?.at ?? ref.valueFilesAt;
        const missingFiles = listed.filter((v) => !expected.includes(v));
        out.push({
            ...base,
            rule: VALUE_FILES.id,
            severity,
            message: `valueFiles are [${listed.join(', ')}] but the layers of ${env.name} are [${expected.join(', ')}]${missingFiles.length ? `; not in the app folder: ${missingFiles.join(', ')}` : ''}`,
            file: at.file,
            line: at.line,
            column: at.column,
            hint: VALUE_FILES.fix,
        });
    }
    const pathSetting = (0, config_1.ruleSetting)(ws.config, env.tier, SOURCE_PATH);
    if (pathSetting !== 'off' && ref.sourcePath !== undefined && ref.sourcePath.value !== app.dir) {
        out.push({
            ...base,
            rule: SOURCE_PATH.id,
            severity: pathSetting,
            message: `spec.source.path is "${ref.sourcePath.value}" but the app folder is "${app.dir}"`,
            file: ref.sourcePath.at.file,
            line: ref.sourcePath.at.line,
            column: ref.sourcePath.at.column,
            hint: SOURCE_PATH.fix,
        });
    }
    return out;
};
exports.consistencyCheck = consistencyCheck;
