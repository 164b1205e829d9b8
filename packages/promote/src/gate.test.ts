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

describe.each(HELM_MAJORS)('the promotion gate in a workspace with an app-of-apps chart (helm %i)', (major) => {
  it('validates the edited app against the Applications helm renders, so the promotion goes through', () => {
    const dir = mkdtempSync(join(tmpdir(), 'hvm-gate-'));
    cpSync(APP_OF_APPS, dir, { recursive: true });
    const dev = join(dir, 'guestbook/values-dev.yaml');
    writeFileSync(dev, readFileSync(dev, 'utf8').replace('tag: v4', 'tag: v6'));
    const ws = loadWorkspace(dir, { helm: appOfAppsHelm(dir, { flag: helmBinary(major) }) });
    const plan = planPromotion(ws, { from: 'dev', to: ['prod'] });
    const files = computeEdits(ws, plan);
    expect(files.map((f) => f.file)).toEqual(['guestbook/values-prod.yaml']);
    const result = gate(ws, plan, files);
    // Read again without helm, guestbook-prod would be gone: "no Argo CD Application deploys guestbook to prod".
    expect(result.introduced).toEqual([]);
    expect(result.ok).toBe(true);
  });
});
