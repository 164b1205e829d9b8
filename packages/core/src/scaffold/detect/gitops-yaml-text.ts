import { yamlScalar } from '../../common';
import type { DetectedLayout } from './detect-layout';

const s = yamlScalar;
/** The check a repository without Applications would fail for every app and env. */
const APPLICATION_MISSING = 'argocd-application-missing';

/** gitops.yaml for what init detected: every detected setting, with what to check said in comments. */
export function gitopsYamlText(layout: DetectedLayout): string {
  const out = [
    '# The GitOps workspace, as `gitops init` found it in this repository: check it, then commit it.',
    '# Schema: https://github.com/helm-values-manager/helm-values-manager/blob/main/docs/configuration.md',
    '',
    '# App folders: each holds values.yaml and its per-env overlays.',
  ];
  if (layout.apps.length === 1) out.push(`apps: ${s(layout.apps[0])}`);
  else if (layout.apps.length) out.push('apps:', ...layout.apps.map((a) => `  - ${s(a)}`));
  else out.push('# No app folder found: set the folders of your charts\' values here.', 'apps: deployment/helm/*');

  // Overlays named other than values-<env>.yaml: a declared layout says how (docs/layouts.md).
  const pattern = layout.overlayPatterns[0];
  if (layout.source !== 'argocd' && pattern && pattern !== 'values-{env}.yaml' && layout.apps.length) {
    out.push('', '# How the values files are named: base first, then the env\'s overlay.', 'layouts:', `  - apps: [${layout.apps.map(s).join(', ')}]`, `    layers: [${s('{appDir}/values.yaml')}, ${s(`{appDir}/${pattern}`)}]`);
  }

  const argo = Object.entries(layout.argocd).filter(([, v]) => v !== undefined);
  if (argo.length) out.push('');
  if (layout.appOfApps.length) out.push(`# The apps' Applications are made by app-of-apps chart${layout.appOfApps.length === 1 ? '' : 's'} ${layout.appOfApps.join(', ')}: helm renders ${layout.appOfApps.length === 1 ? 'it' : 'them'} (helm.binary, else helm on PATH).`);
  if (argo.length) out.push('argocd:', ...argo.map(([k, v]) => `  ${k}: ${s(v)}`));

  out.push('', '# In promotion order: check it.');
  if (!layout.environments.length) out.push('# No env found: add yours, e.g. - name: dev', 'environments: []');
  else out.push('environments:');
  for (const e of layout.environments) {
    out.push(`  - name: ${s(e.name)}`);
    if (e.namespace) out.push(`    namespace: ${s(e.namespace)}`);
    out.push(`    tier: ${e.tier}`);
    if (e.project) out.push(`    project: ${s(e.project)}`);
    if (e.clusters.length === 1) out.push(`    cluster: ${s(e.clusters[0])}`);
    if (e.clusters.length > 1) out.push('    clusters:', ...e.clusters.map((c) => `      - ${s(c)}`));
  }
  if (layout.clusters.length) out.push('', 'clusters:', ...layout.clusters.flatMap((c) => [`  - name: ${s(c.name)}`, `    server: ${s(c.server)}`]));

  const envs = layout.environments.map((e) => e.name);
  if (envs.length > 1) {
    out.push('', 'promotion:', '  paths:', ...envs.slice(1).flatMap((to, i) => [`    - from: ${s(envs[i])}`, `      to: ${s(to)}`]));
  }
  if (layout.source !== 'argocd' && !layout.appOfApps.length && layout.environments.length) {
    const tiers = [...new Set(layout.environments.map((e) => e.tier))];
    out.push(
      '',
      `# No Argo CD Application was found, so ${APPLICATION_MISSING} is off: turn it back on once`,
      '# the Applications exist (`nx g env` and `nx g app` write them).',
      'policy:',
      '  tiers:',
      ...tiers.flatMap((t) => [`    ${t}:`, '      rules:', `        ${APPLICATION_MISSING}: off`]),
    );
  }
  return `${out.join('\n')}\n`;
}

/** What init tells the user: what it found, what it could not tell, and what it did with gitops.yaml. */
export function initSummary(layout: DetectedLayout, outcome: 'written' | 'kept'): string {
  const lines = ['Detected:', ...(layout.detected.length ? layout.detected : ['nothing']).map((l) => `  ${l}`)];
  if (layout.notDetected.length) lines.push('Could not detect:', ...layout.notDetected.map((l) => `  ${l}`));
  lines.push(
    outcome === 'written'
      ? 'Wrote gitops.yaml from the above: check the env order and tiers, then commit it.'
      : 'gitops.yaml exists: kept as it is (remove it to detect again).',
  );
  return `${lines.join('\n')}\n`;
}
