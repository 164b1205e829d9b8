"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.schemaCheck = void 0;
const node_fs_1 = require("node:fs");
const node_path_1 = require("node:path");
const check_1 = require("./check");
const common_1 = require("../common");
const workspace_1 = require("../workspace");
const values_1 = require("../values");
/** The app's values.schema.json against the effective values of the env. */
const schemaCheck = ({ ws, app, env, resolution }) => {
    const schemaRel = `${app.dir}/${workspace_1.SCHEMA_FILE}`;
    const abs = (0, node_path_1.join)(ws.root, app.dir, workspace_1.SCHEMA_FILE);
    if (!(0, node_fs_1.existsSync)(abs))
        return [];
    const schema = (0, values_1.loadSchemaFile)(abs, schemaRel);
    const consulted = resolution.files.map((f) => f.file.split('/').pop()).join(', ');
    return (0, values_1.checkSchema)(schema, resolution.values).map((v) => {
        const parent = v.missing !== undefined ? v.path.slice(0, -1) : v.path;
        const at = resolution.originOf(parent) ?? { file: resolution.files[0]?.file ?? schemaRel, line: 1, column: 1 };
        const message = v.missing !== undefined ? `is required by ${workspace_1.SCHEMA_FILE} but not set in any layer (${consulted})` : v.message;
        return (0, check_1.findingAt)({ app, env }, at, {
            rule: 'schema',
            severity: 'error',
            message,
            path: (0, common_1.formatPath)(v.path),
            hint: v.missing !== undefined ? `Set ${(0, common_1.formatPath)(v.path)} in values.yaml or in this env's overlay.` : `See ${schemaRel}.`,
        });
    });
};
exports.schemaCheck = schemaCheck;
