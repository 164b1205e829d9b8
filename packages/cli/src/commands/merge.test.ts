import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { helmBinary, HELMS, HELM_MAJORS } from '../../../../tools/test/helm';
import { helmValues } from '../../../core/src/test-support/helm-values';
import { valuesCases } from '../../../core/src/test-support/values-cases';
import { gitops } from '../test-support/fake-io';

describe.each(HELM_MAJORS)('gitops merge against helm %i', (major) => {
  it('prints the values helm template computes for generated layers and --set flags (the chart values.yaml as --defaults)', async () => {
    const cases = valuesCases(4242 + major, 30);
    const ours = [];
    for (const c of cases) {
      const dir = mkdtempSync(join(tmpdir(), 'hvm-merge-'));
      c.layers.forEach((text, k) => writeFileSync(join(dir, `layer${k}.yaml`), text));
      const args = ['merge', '--defaults', 'layer0.yaml', ...c.layers.flatMap((_, k) => ['-f', `layer${k}.yaml`]), ...c.sets.flatMap((s) => [`--${s.kind}`, s.expression])];
      ours.push(await gitops(dir, ...args, '--helm-version', HELMS[major].version, '-o', 'json'));
    }
    // what gitops refuses runs alone in helm, the rest shares one process
    const helm = await helmValues(helmBinary(major), cases, { alone: new Set(ours.flatMap((r, i) => (r.code === 0 ? [] : [i]))) });
    let compared = 0;
    for (const [i, r] of ours.entries()) {
      const h = helm[i];
      if (!h.ok) {
        expect(r.code, `case ${i}: helm refuses it (${h.error})`).toBe(2);
        continue;
      }
      expect(r.code, r.stderr).toBe(0);
      expect(JSON.parse(r.stdout), `case ${i}`).toEqual(h.values);
      compared++;
    }
    expect(compared).toBeGreaterThan(15);
  });
});

describe('gitops merge --helm-version', () => {
  it('refuses what is not a version (exit 2)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'hvm-merge-'));
    writeFileSync(join(dir, 'a.yaml'), 'a: 1\n');
    const r = await gitops(dir, 'merge', '-f', 'a.yaml', '--helm-version', 'latest');
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/--helm-version latest: not a Helm version/);
  });
});
