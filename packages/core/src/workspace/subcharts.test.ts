import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { helmBinary, HELMS, HELM_MAJORS } from '../../../../tools/test/helm';
import { helmTemplateValues } from '../test-support/helm-values';
import { helmRules, mergeFiles } from '../values';
import { parseValuesYaml } from '../yaml';
import { vendoredSubcharts } from './subcharts';

/** An umbrella chart: tags and conditions, an alias, a subchart with its own subchart and globals. */
const CHART: Record<string, string> = {
  'Chart.yaml': [
    'apiVersion: v2',
    'name: shop',
    'version: 1.0.0',
    'dependencies:',
    '  - {name: web, version: 1.0.0, tags: [front], condition: web.enabled}',
    '  - {name: worker, version: 1.0.0, alias: jobs, tags: [back]}',
    '  - {name: db, version: 1.0.0, condition: "db.on,db.enabled"}',
    '',
  ].join('\n'),
  'values.yaml': 'global:\n  region: eu\n  labels:\n    team: shop\nweb:\n  replicas: 2\ndb:\n  enabled: true\n',
  'charts/web/Chart.yaml': 'apiVersion: v2\nname: web\nversion: 1.0.0\n',
  'charts/web/values.yaml': 'enabled: true\nreplicas: 1\nport: 80\nannotations: null\nglobal:\n  region: us\n  labels:\n    tier: web\n',
  'charts/worker/Chart.yaml': 'apiVersion: v2\nname: worker\nversion: 1.0.0\n',
  'charts/worker/values.yaml': 'queue: default\nconcurrency: 4\n',
  'charts/db/Chart.yaml': 'apiVersion: v2\nname: db\nversion: 1.0.0\ndependencies:\n  - {name: backup, version: 1.0.0, condition: backup.enabled}\n',
  'charts/db/values.yaml': 'size: 10Gi\nbackup:\n  enabled: false\n  schedule: daily\n',
  'charts/db/charts/backup/Chart.yaml': 'apiVersion: v2\nname: backup\nversion: 1.0.0\n',
  'charts/db/charts/backup/values.yaml': 'schedule: hourly\nretention: 7\n',
};

/** User values that turn each switch: tags, conditions over tags, the first condition that holds a boolean, nested ones, globals and nulls. */
const CASES = [
  '{}',
  'tags:\n  front: false\n',
  'tags:\n  front: false\nweb:\n  enabled: true\n',
  'tags:\n  back: false\n  front: true\n',
  'db:\n  on: false\n',
  'db:\n  on: "yes"\n  enabled: false\n',
  'db:\n  backup:\n    enabled: true\n    retention: null\n',
  'global:\n  region: ap\n  labels:\n    env: prod\nweb:\n  global:\n    extra: 1\n  port: null\n',
  'jobs:\n  concurrency: 8\nworker:\n  queue: ignored\n',
];

function chart(): string {
  const dir = mkdtempSync(join(tmpdir(), 'hvm-umbrella-'));
  for (const [file, text] of Object.entries(CHART)) {
    mkdirSync(dirname(join(dir, file)), { recursive: true });
    writeFileSync(join(dir, file), text);
  }
  mkdirSync(join(dir, 'templates'));
  return dir;
}

const canonical = (v: unknown): string => {
  const sort = (x: unknown): unknown => (Array.isArray(x) ? x.map(sort) : x && typeof x === 'object' ? Object.fromEntries(Object.keys(x).sort().map((k) => [k, sort((x as Record<string, unknown>)[k])])) : x);
  return JSON.stringify(sort(v));
};

describe.each(HELM_MAJORS)('an umbrella chart\'s values against helm %i', (major) => {
  it.each(CASES)('gives helm\'s .Values for user values %j', (user) => {
    const dir = chart();
    writeFileSync(join(dir, 'user.yaml'), user);
    const helm = helmTemplateValues(helmBinary(major), dir, ['-f', join(dir, 'user.yaml')], dir);
    const defaults = parseValuesYaml(CHART['values.yaml'], 'values.yaml');
    const ours = mergeFiles([defaults, parseValuesYaml(user, 'user.yaml')], { defaults, subcharts: vendoredSubcharts(dirname(dir), dir.split('/').pop() as string), rules: helmRules(HELMS[major].version) });
    expect(canonical(ours.values)).toBe(canonical(helm));
  });
});
