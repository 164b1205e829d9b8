import { join } from 'node:path';
import { findingAt, type Check } from '../check';
import { type Finding, formatPath, getAt, isUserError, lazyPosition, type Path, pathExists, type Position } from '../../common';
import { loadSchemaFile } from '../../values';
import { deployedValues, SCHEMA_FILE, syncedVariables } from '../../workspace';
import { ruleSetting } from '../../config';
import { POLICY_KEYS_UNKNOWN } from '../../rules';
import { nearestPosition } from '../../yaml';
import { DEFAULT_RULES } from './default-rules';
import { chartDeclares, chartPath, keyMap, ruleView } from './policy-keys';

/**
 * The policy rules over the values Argo CD deploys (layers, then the Application's helm
 * parameters), each at the severity the env's tier gives it: early hints of what render checks
 * on the Pod specs. The rules read the keys of `helm create`'s charts, renamed per app by
 * policy.apps.<app>.keys; a key the chart does not declare (in its values.yaml or schema) is
 * never suggested, since setting it would change nothing. A violation points at the line that
 * set the value, or, when the value is missing, at the env's own overlay where it belongs.
 */
export const policyCheck: Check = ({ ws, app, env, resolution, resolutions }) => {
  const rules = DEFAULT_RULES.map((rule) => ({ rule, severity: ruleSetting(ws.config, env.tier, rule) })).filter((r) => r.severity !== 'off');
  if (rules.length === 0) return [];
  const deployed = deployedValues(ws, resolution, resolutions);
  const overlay = resolution.files[resolution.files.length - 1];
  const keys = keyMap(ws.config.policy.apps[app.name]?.keys ?? {});
  const view = ruleView(deployed.values, keys);
  const baseFile = resolution.files.find((f) => f.file === `${app.dir}/values.yaml`);
  const base = baseFile?.values ?? {};
  const schema = chartSchema(ws.root, app.dir);
  // Without any values file (a chart without values.yaml, values only in the Application): point at its
  // source, worked out only for a finding (it needs the Application's syntax tree).
  const d = resolution.deployment;
  const fallback: Position = d ? lazyPosition(() => d.plan.app.at([...d.plan.app.sources[d.plan.sourceIndex].at])) : { file: `${app.dir}/values-${env.name}.yaml`, line: 0, column: 0 };
  if (Object.keys(base).length === 0 && schema === undefined) {
    if (ruleSetting(ws.config, env.tier, POLICY_KEYS_UNKNOWN) === 'off') return [];
    const at = baseFile ? { file: baseFile.file, line: 1, column: 1 } : fallback;
    const declared = baseFile ? `${baseFile.file} declares no values` : "the chart's values.yaml is not in this repository";
    return [findingAt({ app, env }, at, { rule: POLICY_KEYS_UNKNOWN.id, severity: 'info', message: `${declared} and there is no ${SCHEMA_FILE}, so the policy rules cannot tell which keys the chart reads and judge none of its values`, hint: POLICY_KEYS_UNKNOWN.fix })];
  }
  const filledAtSync = (p: Path) => syncedVariables(ws, deployed, chartPath(p, keys), String(getAt(view, p))).length > 0;
  const out: Finding[] = [];
  for (const { rule, severity } of rules) {
    for (const v of rule.check(view, env.tier, filledAtSync)) {
      const path = chartPath(v.path, keys);
      if (!chartDeclares(path, base, schema)) continue;
      const at = (!v.missing && deployed.originOf(path)) || (overlay ? nearestPosition(overlay, path, { atKey: true }) : fallback);
      const where = v.missing ? ` (add it to ${overlay ? overlay.file.split('/').pop() : `the values of Application "${d?.application ?? app.name}"`})` : '';
      const message = path === v.path ? v.message : v.message.replace(formatPath(v.path), formatPath(path));
      out.push(findingAt({ app, env }, at, { rule: rule.id, severity: severity === 'error' ? 'error' : 'warning', message: `${message}${where}`, path: formatPath(path), hint: rule.fix }));
    }
  }
  return out;
};

/** The app's values schema as data, when it has one that compiles (the schema check reports one that does not). */
function chartSchema(root: string, dir: string): unknown {
  const abs = join(root, dir, SCHEMA_FILE);
  if (!pathExists(abs)) return undefined;
  try {
    return loadSchemaFile(abs, `${dir}/${SCHEMA_FILE}`).validate.schema;
  } catch (e) {
    if (isUserError(e)) return undefined;
    throw e;
  }
}
