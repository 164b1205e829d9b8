// An umbrella chart's globals and its subcharts' warnings against a real helm: the parent's
// `global` copied down through two levels (the parent wins, a subchart's own tables fill in, a
// parent's scalar never replaces a subchart's table), and coalesce warnings named by the
// subchart's path as helm names them.
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { helmBinary, HELMS, HELM_MAJORS } from '../../../../tools/test/helm';
import { helmChartValues } from '../test-support/helm-values';
import { parseValuesYaml } from '../yaml';
import { coalesceChart, type ChartSpec } from './chart-values';
import { helmRules } from './helm-rules';

const FILES: Record<string, string> = {
  'Chart.yaml': 'apiVersion: v2\nname: shop\nversion: 1.0.0\ndependencies:\n  - {name: web, version: 1.0.0}\n',
  'values.yaml': 'global:\n  region: eu\n  labels:\n    team: shop\n  flag: x\nweb:\n  port: 81\n',
  'charts/web/Chart.yaml': 'apiVersion: v2\nname: web\nversion: 1.0.0\ndependencies:\n  - {name: side, version: 1.0.0}\n',
  'charts/web/values.yaml': 'port: 80\nsize: {a: 1}\nglobal:\n  region: us\n  labels:\n    tier: web\n  flag: {a: 1}\n  own: 1\n',
  'charts/web/charts/side/Chart.yaml': 'apiVersion: v2\nname: side\nversion: 1.0.0\n',
  'charts/web/charts/side/values.yaml': 'x: 1\nm: {k: v}\n',
};

const values = (file: string) => parseValuesYaml(FILES[file], file).values;
const SHOP: ChartSpec = {
  name: 'shop',
  file: 'shop',
  values: values('values.yaml'),
  declares: true,
  dependencies: [
    {
      key: 'web',
      declared: true,
      chart: {
        name: 'web',
        file: 'shop/charts/web',
        values: values('charts/web/values.yaml'),
        declares: true,
        dependencies: [{ key: 'side', declared: true, chart: { name: 'side', file: 'shop/charts/web/charts/side', values: values('charts/web/charts/side/values.yaml'), dependencies: [] } }],
      },
    },
  ],
};

function chartDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'hvm-shop-'));
  for (const [file, text] of Object.entries(FILES)) {
    mkdirSync(dirname(join(dir, file)), { recursive: true });
    writeFileSync(join(dir, file), text);
  }
  return dir;
}

const canonical = (v: unknown): string => {
  const sort = (x: unknown): unknown => (Array.isArray(x) ? x.map(sort) : x && typeof x === 'object' ? Object.fromEntries(Object.keys(x).sort().map((k) => [k, sort((x as Record<string, unknown>)[k])])) : x);
  return JSON.stringify(sort(v));
};

describe.each(HELM_MAJORS)('an umbrella chart against helm %i', (major) => {
  it.each(['{}\n', 'web:\n  port: {a: 1}\n  size: 5\n  side:\n    m: 3\n', 'global:\n  labels:\n    env: prod\n  flag: {b: 2}\nweb:\n  global:\n    own: 2\n'])('gives helm\'s values and warnings for user values %j', (user) => {
    const warnings: string[] = [];
    const ours = coalesceChart(parseValuesYaml(user, 'user.yaml').values, SHOP, (m) => warnings.push(m), helmRules(HELMS[major].version));
    const helm = helmChartValues(helmBinary(major), chartDir(), user);
    expect(canonical(ours.values)).toBe(canonical(helm.values));
    // every warning gitops shows, helm prints too (helm also warns on its first pass over the
    // subcharts' defaults, which gitops does not repeat)
    expect(warnings.length).toBeGreaterThan(0);
    expect(helm.warnings).toEqual(expect.arrayContaining([...new Set(warnings)]));
  });
});
