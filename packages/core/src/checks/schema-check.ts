import { join } from 'node:path';
import { findingAt, type Check, type CheckContext } from './check';
import { type Finding, formatPath, getAt, type Path, pathExists } from '../common';
import { SCHEMA_FILE } from '../workspace';
import { checkSchema, compileSchemaText, type CompiledSchema, helmRules, loadSchemaFile } from '../values';
import { redactAny } from './secrets/secret-like';

/**
 * The app's values.schema.json against the effective values of the env, and each enabled
 * vendored subchart's values.schema.json against the values under its key, as Helm checks them.
 */
export const schemaCheck: Check = ({ ws, app, env, resolution }) => {
  const legacy = helmRules(ws.config.helmVersion).legacySchemas;
  const schemaRel = `${app.dir}/${SCHEMA_FILE}`;
  const abs = join(ws.root, app.dir, SCHEMA_FILE);
  const own = pathExists(abs) ? [{ schema: loadSchemaFile(abs, schemaRel, { legacy }), file: schemaRel, at: [] as Path }] : [];
  const subs = (resolution.subcharts ?? []).flatMap((s) => (s.chart.schema ? [{ schema: compileSchemaText(s.chart.schema.text, s.chart.schema.file, { legacy }), file: s.chart.schema.file, at: s.path }] : []));
  return [...own, ...subs].flatMap(({ schema, file, at }) => findings(schema, file, at, { app, env, resolution }));
};

function findings(schema: CompiledSchema, schemaRel: string, under: Path, { app, env, resolution }: Pick<CheckContext, 'app' | 'env' | 'resolution'>): Finding[] {
  const consulted = resolution.files.map((f) => f.file.split('/').pop()).join(', ');
  const values = under.length === 0 ? resolution.values : getAt(resolution.values, under) ?? {};
  return checkSchema(schema, values, redactAny).map((found): Finding => {
    const v = { ...found, path: [...under, ...found.path] };
    const parent = v.missing !== undefined ? v.path.slice(0, -1) : v.path;
    const at = resolution.originOf(parent) ?? { file: resolution.files[0]?.file ?? schemaRel, line: 1, column: 1 };
    const message = v.missing !== undefined ? `is required by ${under.length === 0 ? SCHEMA_FILE : schemaRel} but not set in any layer (${consulted})` : under.length === 0 ? v.message : `${v.message} (${schemaRel})`;
    return findingAt({ app, env }, at, {
      rule: 'schema',
      severity: 'error',
      message,
      path: formatPath(v.path),
      hint: v.missing !== undefined ? `Set ${formatPath(v.path)} in values.yaml or in this env's overlay.` : `See ${schemaRel}.`,
    });
  });
}
