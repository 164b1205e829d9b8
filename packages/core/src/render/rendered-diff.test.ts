import { describe, expect, it } from 'vitest';
import { loadWorkspace } from '../workspace';
import { copyExampleWorkspace } from '../test-support/example-workspace';
import { splitManifests } from './chart-manifests';
import { affectedApps, diffManifests, formatRenderedDiff, type ReleaseDiff } from './rendered-diff';

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

  it('prints a count and the patches per release, in text and as collapsible Markdown whose fence no backtick closes', () => {
    const changes = diffManifests(render(cm('web', '1'), cm('gone', 'x')), render(cm('web', 'has ``` inside'), cm('new', 'y')), 'identity');
    const diffs: ReleaseDiff[] = [{ app: 'shop', target: 'prod/eu', changes }];
    const patches = changes.map((c) => c.patch).join('');
    expect(formatRenderedDiff(diffs, 'text', 'nothing')).toBe(`shop prod/eu: 1 changed, 1 added, 1 removed\n${patches}`);
    expect(formatRenderedDiff([...diffs, { app: 'cart', target: 'dev', changes: [changes[1]] }], 'text', 'nothing')).toBe(`shop prod/eu: 1 changed, 1 added, 1 removed\n${patches}\ncart dev: 0 changed, 0 added, 1 removed\n${changes[1].patch}`);
    expect(formatRenderedDiff(diffs, 'markdown', 'nothing')).toBe(`<details><summary><b>shop</b> prod/eu: 1 changed, 1 added, 1 removed</summary>\n\n\`\`\`\`diff\n${patches}\`\`\`\`\n\n</details>\n`);
    expect(formatRenderedDiff([{ app: 'cart', target: 'dev', changes: [changes[1]] }], 'markdown', 'nothing')).toContain('\n\n```diff\n');
    expect(formatRenderedDiff([], 'markdown', 'No rendered changes.')).toBe('No rendered changes.\n');
  });

  it('renders again only the apps whose inputs a change touches, every app when gitops.yaml changed', () => {
    const ws = loadWorkspace(copyExampleWorkspace());
    expect(affectedApps(ws, ['deployment/helm/alpha-members/values-prod.yaml'])).toEqual(['alpha-members']);
    expect(affectedApps(ws, ['README.md'])).toEqual([]);
    expect(affectedApps(ws, ['gitops.yaml'])).toEqual(ws.apps.map((a) => a.name).sort());
  });
});
