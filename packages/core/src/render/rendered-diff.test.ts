import { cpSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { helmBinary, HELM_MAJORS } from '../../../../tools/test/helm';
import { loadWorkspace } from '../workspace';
import { copyExampleWorkspace } from '../test-support/example-workspace';
import { splitManifests } from './chart-manifests';
import { findHelm } from './helm-process';
import { affectedApps, diffManifests, formatRenderedDiff, renderedChangeDiff, renderedEnvDiff, type ReleaseDiff } from './rendered-diff';

const APP = 'deployment/helm/alpha-members';

const render = (...docs: string[]) => splitManifests(docs.join('\n---\n'));
const cm = (name: string, data: string, ns = '') => `# Source: app/templates/cm.yaml\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: ${name}\n${ns ? `  namespace: ${ns}\n` : ''}data:\n  a: "${data}"\n`;
const secret = (name: string, value: string) => `# Source: app/templates/secret.yaml\napiVersion: v1\nkind: Secret\nmetadata:\n  name: ${name}\nstringData:\n  password: ${value}\n  user: admin\n`;

describe('the rendered diff', () => {
  it('pairs manifests by namespace, kind and name within an env, and shows each change as a unified diff', () => {
    const changes = diffManifests(render(cm('web', '1'), cm('gone', 'x', 'ns1')), render(cm('web', '2'), cm('new', 'y')), 'identity');
    expect(changes).toEqual([
      { id: 'ConfigMap web', change: 'changed', patch: '--- ConfigMap web\n+++ ConfigMap web\n@@ -3,4 +3,4 @@\n metadata:\n   name: web\n data:\n-  a: "1"\n+  a: "2"\n' },
      { id: 'ConfigMap ns1/gone', change: 'removed', patch: '--- ConfigMap ns1/gone\n+++ (none)\n@@ -1,7 +0,0 @@\n-apiVersion: v1\n-kind: ConfigMap\n-metadata:\n-  name: gone\n-  namespace: ns1\n-data:\n-  a: x\n' },
      { id: 'ConfigMap new', change: 'added', patch: '--- (none)\n+++ ConfigMap new\n@@ -0,0 +1,6 @@\n+apiVersion: v1\n+kind: ConfigMap\n+metadata:\n+  name: new\n+data:\n+  a: "y"\n' },
    ]);
    expect(diffManifests(render(cm('web', '1')), render(cm('web', '1')), 'identity')).toEqual([]);
  });

  it('pairs by kind and template between two envs, numbering repeats in render order', () => {
    const changes = diffManifests(render(cm('app-dev', '1'), cm('app-dev-2', '1')), render(cm('app-prod', '1'), cm('app-prod-2', '2')), 'template');
    expect(changes.map((c) => [c.id, c.change])).toEqual([
      ['ConfigMap from app/templates/cm.yaml', 'changed'],
      ['ConfigMap from app/templates/cm.yaml #2', 'changed'],
    ]);
    expect(changes[1].patch).toContain('-  name: app-dev-2\n+  name: app-prod-2\n data:\n-  a: "1"\n+  a: "2"\n');
  });

  it('never shows a secret value, only that it changed', () => {
    const [change] = diffManifests(render(secret('db', 'old-Pw-1')), render(secret('db', 'new-Pw-2')), 'identity');
    expect(change.patch).toBe('--- Secret db\n+++ Secret db\n@@ -3,5 +3,5 @@\n metadata:\n   name: db\n stringData:\n-  password: <redacted>\n+  password: <redacted> (changed)\n   user: <redacted>\n');
    expect(diffManifests(render(secret('db', 'same')), render(secret('db', 'same')), 'identity')).toEqual([]);
    const added = diffManifests([], render(secret('db', 'new-Pw-2')), 'identity');
    expect(added[0].patch).not.toContain('new-Pw-2');
    expect(added[0].patch).toContain('+  password: <redacted>\n');
  });

  it('shows a secret env value of a workload as changed, never its value', () => {
    const deployment = (pw: string) => `# Source: app/templates/deploy.yaml\napiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  template:\n    spec:\n      containers:\n        - name: web\n          env:\n            - name: DB_PASSWORD\n              value: ${pw}\n`;
    const [change] = diffManifests(render(deployment('old-Pw-1')), render(deployment('new-Pw-2')), 'identity');
    expect(change.patch).toContain('-              value: <redacted>\n+              value: <redacted> (changed)\n');
    expect(change.patch).not.toMatch(/old-Pw-1|new-Pw-2/);
  });

  it('prints a count and the patches per release, in text and as collapsible Markdown whose fence no backtick closes', () => {
    const changes = diffManifests(render(cm('web', '1'), cm('gone', 'x')), render(cm('web', 'has ``` inside'), cm('new', 'y')), 'identity');
    const diffs: ReleaseDiff[] = [{ app: 'shop', target: 'prod/eu', changes }];
    const patches = changes.map((c) => c.patch).join('');
    expect(formatRenderedDiff(diffs, 'text', 'nothing')).toBe(`shop prod/eu: 1 changed, 1 added, 1 removed\n${patches}`);
    expect(formatRenderedDiff([...diffs, { app: 'cart', target: 'dev', changes: [changes[1]] }], 'text', 'nothing')).toBe(`shop prod/eu: 1 changed, 1 added, 1 removed\n${patches}\ncart dev: 0 changed, 0 added, 1 removed\n${changes[1].patch}`);
    expect(formatRenderedDiff(diffs, 'markdown', 'nothing')).toBe(`<details><summary><b>shop</b> prod/eu: 1 changed, 1 added, 1 removed</summary>\n\n\`\`\`\`diff\n${patches}\`\`\`\`\n\n</details>\n`);
    expect(formatRenderedDiff([{ app: 'cart', target: 'dev', changes: [changes[1]] }], 'markdown', 'nothing')).toContain('\n\n```diff\n');
    expect(formatRenderedDiff([], 'markdown', 'No rendered changes.')).toBe('No rendered changes.\n');
    const cart: ReleaseDiff = { app: 'cart', target: 'dev', changes: [changes[1]] };
    expect(formatRenderedDiff([cart, cart], 'markdown', 'nothing')).toBe(`${formatRenderedDiff([cart], 'markdown', 'nothing')}\n${formatRenderedDiff([cart], 'markdown', 'nothing')}`);
  });

  it('renders again only the apps whose inputs a change touches, on either side of it, every app when gitops.yaml changed', () => {
    const ws = loadWorkspace(copyExampleWorkspace());
    expect(affectedApps(ws, ['deployment/helm/alpha-members/values-prod.yaml'])).toEqual(['alpha-members']);
    expect(affectedApps(ws, ['README.md'])).toEqual([]);
    expect(affectedApps(ws, ['README.md', 'deployment/helm/alpha-members/values-prod.yaml'])).toEqual(['alpha-members']);
    expect(affectedApps(ws, ['gitops.yaml'])).toEqual(ws.apps.map((a) => a.name).sort());
    // an app the change adds (head) or removes (base), in name order
    const base = copyExampleWorkspace();
    cpSync(join(base, APP), join(base, 'deployment/helm/aaa-legacy'), { recursive: true });
    const before = loadWorkspace(base);
    expect(affectedApps(ws, ['deployment/helm/aaa-legacy/values.yaml'], before)).toEqual(['aaa-legacy']);
    expect(affectedApps(ws, [`${APP}/values.yaml`], before)).toEqual(['alpha-members']);
    expect(affectedApps(ws, ['gitops.yaml'], before)).toEqual(['aaa-legacy', 'alpha-members']);
  });
});

describe.each(HELM_MAJORS)('the rendered diff with helm %i', (major) => {
  const helm = findHelm({ flag: helmBinary(major), root: '/' })!.run;
  const summary = (d: ReleaseDiff) => `${d.app} ${d.target}: ${d.changes.map((c) => `${c.id} ${c.change}`).join('; ')}`;

  it('compares two envs manifest by manifest, paired by kind and template', async () => {
    const diff = await renderedEnvDiff(loadWorkspace(copyExampleWorkspace()), 'alpha-members', 'staging', 'prod', helm);
    expect(summary(diff)).toBe(
      [
        'alpha-members staging -> prod: ServiceAccount from alpha-members/templates/serviceaccount.yaml changed',
        'Service from alpha-members/templates/service.yaml changed',
        'Deployment from alpha-members/templates/deployment.yaml changed',
        'HorizontalPodAutoscaler from alpha-members/templates/hpa.yaml changed',
        'Ingress from alpha-members/templates/ingress.yaml changed',
        'ExternalSecret from alpha-members/templates/external-secret.yaml changed',
        'PodDisruptionBudget from alpha-members/templates/pdb.yaml added',
      ].join('; '),
    );
  });

  it('refuses an app that is not a chart, and reports a template error on one line at the chart with the command to rerun', async () => {
    const dir = copyExampleWorkspace();
    writeFileSync(join(dir, APP, 'templates/broken.yaml'), '{{ .Values.nope.deeper }}\n');
    const broken = await renderedEnvDiff(loadWorkspace(dir), 'alpha-members', 'staging', 'prod', helm).catch((e) => e);
    // helm's own words (3 and 4 word it slightly differently), on one line
    expect(broken.message).toMatch(/^helm template failed: Error: (template: )?alpha-members\/templates\/broken.yaml:1:\d+:? executing "alpha-members\/templates\/broken.yaml" at <.Values.nope.deeper>: nil pointer evaluating interface \{\}.deeper/);
    expect(broken.message).not.toContain('\n');
    expect([broken.file, broken.hint]).toEqual([`${APP}/Chart.yaml`, expect.stringMatching(new RegExp(`^Run helm template alpha-members-(staging|prod) \\. .* in ${APP} to see the whole error\\.$`))]);
    rmSync(join(dir, APP, 'Chart.yaml'));
    const notChart = await renderedEnvDiff(loadWorkspace(dir), 'alpha-members', 'staging', 'prod', helm).catch((e) => e);
    expect([notChart.message, notChart.file, notChart.hint]).toEqual([
      `alpha-members is not a chart (no Chart.yaml in ${APP}): it renders no manifests to compare`,
      APP,
      'gitops diff alpha-members staging prod (without --rendered) compares its effective values.',
    ]);
    await expect(renderedEnvDiff(loadWorkspace(dir), 'alpha-members', 'staging', 'qa', helm)).rejects.toThrow(/qa/);
  });

  it('shows what a change does to each env it touches; an app new on one side is all added; an app that is no chart is named', async () => {
    const base = copyExampleWorkspace();
    const head = copyExampleWorkspace();
    const overlay = join(head, APP, 'values-dev.yaml');
    writeFileSync(overlay, readFileSync(overlay, 'utf8').replace('replicaCount: 1', 'replicaCount: 2'));
    const changed = await renderedChangeDiff(loadWorkspace(base), loadWorkspace(head), ['alpha-members'], helm);
    expect(changed.notCharts).toEqual([]);
    expect(changed.diffs.map(summary)).toEqual(['alpha-members dev: Deployment alpha-members-dev changed']);
    expect(changed.diffs[0].changes[0].patch).toContain('-  replicas: 1\n+  replicas: 2\n');

    const added = await renderedChangeDiff(undefined, loadWorkspace(base), ['alpha-members'], helm);
    expect(added.diffs.map((d) => [d.target, [...new Set(d.changes.map((c) => c.change))]])).toEqual([
      ['dev', ['added']],
      ['staging', ['added']],
      ['prod', ['added']],
    ]);

    rmSync(join(head, APP, 'Chart.yaml'));
    const gone = await renderedChangeDiff(loadWorkspace(base), loadWorkspace(head), ['alpha-members'], helm);
    expect(gone.notCharts).toEqual([]);
    expect(gone.diffs.map((d) => [d.target, [...new Set(d.changes.map((c) => c.change))]])).toEqual([
      ['dev', ['removed']],
      ['staging', ['removed']],
      ['prod', ['removed']],
    ]);
    expect(await renderedChangeDiff(loadWorkspace(head), loadWorkspace(head), ['alpha-members'], helm)).toEqual({ diffs: [], notCharts: ['alpha-members'] });
  });
});
