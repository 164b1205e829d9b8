import { findingAt, type Check } from '../check';
import { type Finding, formatPath } from '../../common';
import { readApplication, withArgoParameters } from '../../workspace';
import { ruleSetting } from '../../config';
import { nearestPosition } from '../../yaml';
import { DEFAULT_RULES } from './default-rules';

/**
 * The policy rules over the values Argo CD deploys (layers, then the Application's helm
 * parameters), each at the severity the env's tier gives it. A violation points at the line
 * that set the value, or, when the value is missing, at the env's own overlay where it belongs.
 */
export const policyCheck: Check = ({ ws, app, env, cluster, resolution }) => {
  const rules = DEFAULT_RULES.map((rule) => ({ rule, severity: ruleSetting(ws.config, env.tier, rule) })).filter((r) => r.severity !== 'off');
  if (rules.length === 0) return [];
  const deployed = withArgoParameters(resolution, readApplication(ws, app.name, env.name, cluster));
  const overlay = resolution.files[resolution.files.length - 1];
  const out: Finding[] = [];
  for (const { rule, severity } of rules) {
    for (const v of rule.check(deployed.values, env.tier)) {
      const at = (!v.missing && deployed.originOf(v.path)) || nearestPosition(overlay, v.path, { atKey: true });
      const where = v.missing ? ` (add it to ${overlay.file.split('/').pop()})` : '';
      out.push(findingAt({ app, env }, at, { rule: rule.id, severity: severity === 'error' ? 'error' : 'warning', message: `${v.message}${where}`, path: formatPath(v.path), hint: rule.fix }));
    }
  }
  return out;
};
