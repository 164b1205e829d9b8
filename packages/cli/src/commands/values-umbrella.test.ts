import { cpSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { helmRelease, loadWorkspace, getApp } from '../../../core/src';
import { copyExampleWorkspace, REPO_ROOT } from '../../../core/src/test-support/example-workspace';
import { helmTemplateValues } from '../../../core/src/test-support/helm-values';
import { helmBinary, HELMS, HELM_MAJORS } from '../../../../tools/test/helm';
import { gitops } from '../test-support/fake-io';

const UMBRELLA = join(REPO_ROOT, 'packages/core/src/test-support/charts/umbrella');
const APP = 'deployment/helm/prometheus';

/** Per env, an overlay that turns subcharts off and on, sets globals and nulls out subchart defaults. */
const OVERLAYS: Record<string, string> = {
  dev: ['alertmanager:', '  enabled: false', '  replicaCount: 3', 'global:', '  imageRegistry: registry.example.com', '  security:', '    allowInsecureImages: true', 'prometheus-pushgateway:', '  serviceAccount: null', '  podLabels:', '    team: obs', ''].join('\n'),
  staging: ['kube-state-metrics:', '  enabled: false', 'prometheus-node-exporter:', '  hostNetwork: false', '  global:', '    imageRegistry: mirror.example.com', '    extra: kept', 'global:', '  imagePullSecrets:', '    - name: regcred', ''].join('\n'),
  prod: ['server:', '  replicaCount: 2', 'alertmanager:', '  persistence:', '    size: 4Gi', 'prometheus-node-exporter:', '  enabled: false', 'prometheus-pushgateway:', '  enabled: true', ''].join('\n'),
};

/** The example workspace with the prometheus umbrella chart as one more app, its overlays per env. */
function workspace(major: 3 | 4): string {
  const dir = copyExampleWorkspace();
  // gitops follows the null rules of the helm it is compared with
  writeFileSync(join(dir, 'gitops.yaml'), `${readFileSync(join(dir, 'gitops.yaml'), 'utf8')}\nhelmVersion: "${HELMS[major].version}"\n`);
  cpSync(UMBRELLA, join(dir, APP), { recursive: true });
  for (const [env, text] of Object.entries(OVERLAYS)) writeFileSync(join(dir, APP, `values-${env}.yaml`), text);
  mkdirSync(join(dir, APP, 'templates'), { recursive: true });
  return dir;
}

/** JSON with sorted keys: helm's toJson sorts them, gitops keeps the files' order. */
const canonical = (v: unknown): string => {
  const sort = (x: unknown): unknown => (Array.isArray(x) ? x.map(sort) : x && typeof x === 'object' ? Object.fromEntries(Object.keys(x).sort().map((k) => [k, sort((x as Record<string, unknown>)[k])])) : x);
  return JSON.stringify(sort(v), null, 1);
};

describe.each(HELM_MAJORS)('gitops values of an umbrella chart against helm %i', (major) => {
  it.each(Object.keys(OVERLAYS))('gives the .Values helm template hands the templates in %s: subchart defaults, global, conditions', async (env) => {
    const dir = workspace(major);
    const ws = loadWorkspace(dir);
    const release = helmRelease(ws, getApp(ws, 'prometheus'), env);
    // helm template RELEASE . --namespace NS ... -f layers --set params, run in the chart folder
    const helm = helmTemplateValues(helmBinary(major), join(dir, APP), release.args.slice(3), join(dir, APP));
    const r = await gitops(dir, 'values', 'prometheus', env, '-o', 'json');
    expect(r.code, r.stderr).toBe(0);
    expect(canonical(JSON.parse(r.stdout))).toBe(canonical(helm));
  });
});

describe.each(HELM_MAJORS)('gitops validate of an umbrella chart against helm %i', (major) => {
  it('checks an enabled subchart\'s values against its own schema, as helm does, and a disabled one not at all', async () => {
    const dir = workspace(major);
    // prod enables alertmanager: its schema refuses the enum; dev disables it, so the same value passes there
    writeFileSync(join(dir, APP, 'values-dev.yaml'), 'alertmanager:\n  enabled: false\n  podAntiAffinity: sometimes\n');
    writeFileSync(join(dir, APP, 'values-prod.yaml'), 'alertmanager:\n  podAntiAffinity: sometimes\n');
    const ws = loadWorkspace(dir);
    const helmFails = (env: string) => {
      try {
        helmTemplateValues(helmBinary(major), join(dir, APP), helmRelease(ws, getApp(ws, 'prometheus'), env).args.slice(3), join(dir, APP));
        return false;
      } catch {
        return true;
      }
    };
    expect([helmFails('dev'), helmFails('prod')]).toEqual([false, true]);
    const r = await gitops(dir, 'validate', 'prometheus', '-o', 'json');
    const schema = (JSON.parse(r.stdout) as { findings: { rule: string; env: string; file: string; path: string; message: string }[] }).findings.filter((f) => f.rule === 'schema');
    expect(schema).toEqual([
      expect.objectContaining({ env: 'prod', file: `${APP}/values-prod.yaml`, path: 'alertmanager.podAntiAffinity', message: expect.stringContaining(`(${APP}/charts/alertmanager/values.schema.json)`) }),
    ]);
  });
});
