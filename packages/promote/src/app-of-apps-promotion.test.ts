import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { appOfAppsHelm, loadWorkspace } from '@helm-values-manager/core';
import { describe, expect, it } from 'vitest';
import { helmBinary, HELM_MAJORS } from '../../../tools/test/helm';
import { computeEdits } from './edits';
import { gate } from './gate';
import { planPromotion } from './plan';

/** argocd/root.yaml deploys the chart bootstrap/, whose templates create guestbook-dev and guestbook-prod. */
const APP_OF_APPS = join(__dirname, '../../core/src/workspace/fixtures/app-of-apps');

function appOfApps(edit: (dir: string) => void = () => {}): string {
  const dir = mkdtempSync(join(tmpdir(), 'hvm-gate-'));
  cpSync(APP_OF_APPS, dir, { recursive: true });
  edit(dir);
  return dir;
}

function replaceIn(file: string, from: string, to: string): void {
  const text = readFileSync(file, 'utf8');
  expect(text).toContain(from);
  writeFileSync(file, text.replace(from, to));
}

describe.each(HELM_MAJORS)('promoting an app an app-of-apps chart deploys (helm %i)', (major) => {
  const load = (dir: string) => loadWorkspace(dir, { helm: appOfAppsHelm(dir, { flag: helmBinary(major) }) });

  it('validates the edited app against the Applications helm renders, so the promotion goes through', () => {
    const dir = appOfApps((d) => replaceIn(join(d, 'guestbook/values-dev.yaml'), 'tag: v4', 'tag: v6'));
    const ws = load(dir);
    const plan = planPromotion(ws, { from: 'dev', to: ['prod'] });
    const files = computeEdits(ws, plan);
    expect(files.map((f) => f.file)).toEqual(['guestbook/values-prod.yaml']);
    const result = gate(ws, plan, files);
    // Read again without helm, guestbook-prod would be gone: "no Argo CD Application deploys guestbook to prod".
    expect(result.introduced).toEqual([]);
    expect(result.ok).toBe(true);
  });

  it('leaves a tag the chart writes into its Applications\' parameters to that chart, saying so, and edits nothing', () => {
    const dir = appOfApps((d) => {
      replaceIn(join(d, 'bootstrap/templates/applications.yaml'), '        - values-{{ .env }}.yaml\n', '        - values-{{ .env }}.yaml\n      parameters:\n        - name: image.tag\n          value: {{ .tag | quote }}\n');
      replaceIn(join(d, 'bootstrap/values.yaml'), '    namespace: development\n', '    namespace: development\n    tag: v7\n');
      replaceIn(join(d, 'bootstrap/values.yaml'), '    namespace: production\n', '    namespace: production\n    tag: v5\n');
    });
    const ws = load(dir);
    const plan = planPromotion(ws, { from: 'dev', to: ['prod'] });
    expect(plan.apps).toEqual([]);
    expect(plan.skipped).toEqual([
      {
        app: 'guestbook',
        to: 'prod',
        key: 'image.tag',
        reason: 'image.tag is set in Application "guestbook-prod", which chart bootstrap renders for Application "root" (app-of-apps); change that chart\'s values or templates instead',
      },
    ]);
  });
});
