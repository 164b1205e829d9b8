import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ExecutorContext, TaskGraph } from '@nx/devkit';
import { describe, expect, it, vi } from 'vitest';
import { workspaceWithApps } from '../../test-support/nx-workspace';
import validate, { batchValidate } from './executor';

const APPS = ['alpha-members', 'beta', 'gamma'];

function context(root: string, projectName?: string): ExecutorContext {
  return { root, cwd: root, isVerbose: false, projectName } as ExecutorContext;
}

function graph(apps: string[]): TaskGraph {
  const tasks = Object.fromEntries(apps.map((a) => [`${a}:validate`, { id: `${a}:validate`, target: { project: a, target: 'validate' }, overrides: {} }]));
  return { roots: Object.keys(tasks), tasks, dependencies: {}, continuousDependencies: {} } as unknown as TaskGraph;
}

async function perTask(root: string) {
  const out: Record<string, { success: boolean; output: string; report: string }> = {};
  for (const app of APPS) {
    const writes: string[] = [];
    const spy = vi.spyOn(process.stdout, 'write').mockImplementation((s) => (writes.push(String(s)), true));
    const { success } = await validate({}, context(root, app)).finally(() => spy.mockRestore());
    out[app] = { success, output: writes.join(''), report: readFileSync(join(root, `dist/reports/validate/${app}.json`), 'utf8') };
  }
  return out;
}

async function batch(root: string) {
  const out: Record<string, { success: boolean; output: string; report: string }> = {};
  const inputs = Object.fromEntries(APPS.map((a) => [`${a}:validate`, {}]));
  const results = (await batchValidate(graph(APPS), inputs, {}, context(root))) as AsyncIterable<{ task: string; result: { success: boolean; terminalOutput: string } }>;
  for await (const { task, result } of results) {
    const app = task.split(':')[0];
    out[app] = { success: result.success, output: result.terminalOutput, report: readFileSync(join(root, `dist/reports/validate/${app}.json`), 'utf8') };
  }
  return out;
}

describe('validate executor', () => {
  it('gives the same results in one batch process as one process per task; a broken app fails alone', async () => {
    const root = workspaceWithApps(APPS.slice(1));
    const overlay = join(root, 'deployment/helm/beta/values-prod.yaml');
    writeFileSync(overlay, readFileSync(overlay, 'utf8').replace('replicaCount: 3', 'replicaCount: 3\nreplicaCount: 4'));
    const prod = join(root, 'deployment/helm/gamma/values-prod.yaml');
    writeFileSync(prod, readFileSync(prod, 'utf8').replace('memory: 1Gi', 'memory: 1GB'));

    const single = await perTask(root);
    const batched = await batch(root);
    expect(batched).toEqual(single);

    expect(single['alpha-members'].success).toBe(true);
    expect(single.beta.success).toBe(false);
    expect(single.beta.output).toContain('deployment/helm/beta/values-prod.yaml:3:1');
    expect(single.gamma.success).toBe(false);
    expect(single.gamma.output).toContain('deployment/helm/gamma/values-prod.yaml:17:13');
    expect(single.gamma.report).toContain('values-prod.yaml');
  });
});
