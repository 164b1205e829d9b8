import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { findingAt, type Check } from './check';
import { type Finding, formatPath } from '../common';
import { SCHEMA_FILE } from '../workspace';
import { checkSchema, helmRules, loadSchemaFile } from '../values';
import { redactAny } from './secrets/secret-like';

/** The app's values.schema.json against the effective values of the env. */
export const schemaCheck: Check = ({ ws, app, env, resolution }) => {
  const schemaRel = `${app.dir}/${SCHEMA_FILE}`;
  const abs = join(ws.root, app.dir, SCHEMA_FILE);
  if (!existsSync(abs)) return [];
  const schema = loadSchemaFile(abs, schemaRel, { legacy: helmRules(ws.config.helmVersion).legacySchemas });
  const consulted = resolution.files.map((f) => f.file.split('/').pop()).join(', ');
  return checkSchema(schema, resolution.values, redactAny).map((v): Finding => {
    const parent = v.missing !== undefined ? v.path.slice(0, -1) : v.path;
    const at = resolution.originOf(parent) ?? { file: resolution.files[0]?.file ?? schemaRel, line: 1, column: 1 };
    const message = v.missing !== undefined ? `is required by ${SCHEMA_FILE} but not set in any layer (${consulted})` : v.message;
    return findingAt({ app, env }, at, {
      rule: 'schema',
      severity: 'error',
      message,
      path: formatPath(v.path),
      hint: v.missing !== undefined ? `Set ${formatPath(v.path)} in values.yaml or in this env's overlay.` : `See ${schemaRel}.`,
    });
  });
};
