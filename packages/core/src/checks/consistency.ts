import type { Check } from './check';
import { CONFIG_FILE, ruleSetting } from '../config';
import type { Finding } from '../common';
import { applicationPath, clusterTargets, declaredLayers, declaredLayout, deploymentOf, isDeclared } from '../workspace';
import { CONSISTENCY_RULES } from '../rules';

const [MISSING, VALUE_FILES, SOURCE_PATH] = CONSISTENCY_RULES;

/**
 * Each env's Argo CD Application merges the same files, in the same order, as gitops.yaml
 * declares for the app; and what Argo CD could not read or sync about it is reported here.
 */
export const consistencyCheck: Check = ({ ws, app, env, cluster }) => {
  const base = { app: app.name, env: env.name };
  const deployment = deploymentOf(ws, app.name, env.name, cluster);
  // What Argo CD cannot read or sync about the Applications of this app in this env.
  const own = cluster === clusterTargets(ws, app.dir, env.name, app.name)[0] ? ws.argo.findings.filter((f) => f.app === app.name && f.env === env.name) : [];
  if (!deployment) {
    const missingSeverity = ruleSetting(ws.config, env.tier, MISSING);
    if (missingSeverity === 'off') return own;
    return [
      ...own,
      {
        ...base,
        rule: MISSING.id,
        severity: missingSeverity,
        message: `no Argo CD Application deploys ${app.name} to ${env.name}${cluster ? ` on ${cluster}` : ''} (none found under ${ws.config.argocd.applications.join(', ')}; expected e.g. ${applicationPath(ws, app.name, env.name, cluster)})`,
        file: CONFIG_FILE,
        line: 0,
        column: 0,
        hint: MISSING.fix,
      },
    ];
  }
  const out: Finding[] = [...own];
  // Only an app whose files gitops.yaml describes has layers the Application must agree with.
  if (!isDeclared(ws, app)) return out;
  const plan = deployment.plan;
  const severity = ruleSetting(ws.config, env.tier, VALUE_FILES);
  const expected = declaredLayers(ws, app, env.name, cluster).filter((l) => l.exists);
  const expectedFiles = expected.map((l) => l.file);
  // A listed file that does not exist is argocd-value-file-missing (or skipped by Argo CD): compare the rest.
  const listed = plan.valueFiles.filter((f) => f.file !== undefined && f.exists);
  // The chart's values.yaml is the defaults whether listed or not.
  const listedFiles = listed.map((f) => f.file as string);
  const effective = plan.defaults && !listedFiles.includes(plan.defaults) ? [plan.defaults, ...listedFiles] : listedFiles;
  if (severity !== 'off' && effective.join('\n') !== expectedFiles.join('\n')) {
    const firstDiff = listedFiles.findIndex((v, i) => v !== expectedFiles[i + (effective.length - listedFiles.length)]);
    const at = listed[firstDiff]?.at ?? plan.app.at([...plan.app.sources[plan.sourceIndex].at, 'helm', 'valueFiles']);
    const rel = (f: string) => (f.startsWith(`${app.dir}/`) ? f.slice(app.dir.length + 1) : `/${f}`);
    const missingFiles = listed.filter((f) => !expectedFiles.includes(f.file as string)).map((f) => f.raw);
    out.push({
      ...base,
      rule: VALUE_FILES.id,
      severity,
      message: `valueFiles are [${listed.map((f) => f.raw).join(', ')}] but the layers of ${env.name} are [${expected.map((l) => rel(l.file)).join(', ')}]${missingFiles.length ? `; not layers of the app folder: ${missingFiles.join(', ')}` : ''}`,
      file: at.file,
      line: at.line,
      column: at.column,
      hint: VALUE_FILES.fix,
    });
  }
  const pathSetting = ruleSetting(ws.config, env.tier, SOURCE_PATH);
  if (pathSetting !== 'off' && plan.chart.kind === 'local' && plan.chart.dir !== app.dir && !declaredLayout(ws, app)) {
    const at = plan.app.at([...plan.app.sources[plan.sourceIndex].at, 'path']);
    out.push({
      ...base,
      rule: SOURCE_PATH.id,
      severity: pathSetting,
      message: `spec.source.path is "${plan.chart.dir}" but the app folder is "${app.dir}"`,
      file: at.file,
      line: at.line,
      column: at.column,
      hint: SOURCE_PATH.fix,
    });
  }
  return out;
};
