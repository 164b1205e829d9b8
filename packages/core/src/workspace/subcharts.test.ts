import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { helmBinary, HELMS, HELM_MAJORS } from '../../../../tools/test/helm';
import { helmTemplateValues } from '../test-support/helm-values';
import { UserError } from '../common';
import { helmRules, mergeFiles, type Subchart } from '../values';
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

describe('the vendored subcharts of a chart', () => {
  /** Each subchart on one line: key, chart name and place, what Chart.yaml says of it, its values, schema and own subcharts. */
  const shown = (subs: Subchart[]): string[] =>
    subs.map((s) => [s.key, s.chart.name, s.chart.file, s.declared ? 'declared' : 'vendored only', s.condition ?? '-', s.tags?.join('+') ?? '-', s.importValues ? 'import-values' : '-', JSON.stringify(s.chart.values), s.chart.schema?.file ?? '-', s.chart.declares ? 'declares' : '-', `[${shown(s.chart.dependencies).join('; ')}]`].join(' '));

  it('are the dependencies Chart.yaml lists and finds in charts/ (folders and archives), then the charts it does not list', () => {
    const root = mkdtempSync(join(tmpdir(), 'hvm-subcharts-'));
    const files: Record<string, string> = {
      'app/Chart.yaml': [
        'apiVersion: v2',
        'name: app',
        'version: 1.0.0',
        'dependencies:',
        '  - {name: web, version: 1.0.0, alias: front, condition: front.on, tags: [a, 1]}',
        '  - {name: db, version: 1.0.0, import-values: [x]}',
        '  - {name: missing, version: 1.0.0}',
        '  - not a map',
        '  - {name: nameless, version: 1.0.0, alias: 7, condition: [x]}',
        '  - {name: packed, version: 1.0.0, alias: ""}',
        '',
      ].join('\n'),
      'app/charts/web/Chart.yaml': 'apiVersion: v2\nname: web\nversion: 1.0.0\n',
      'app/charts/web/values.yaml': 'port: 80\n',
      'app/charts/web/values.schema.json': '{"type": "object"}\n',
      'app/charts/db/Chart.yaml': 'apiVersion: v2\nname: db\nversion: 1.0.0\ndependencies:\n  - {name: backup, version: 1.0.0}\n',
      'app/charts/db/charts/backup/Chart.yaml': 'apiVersion: v2\nname: backup\nversion: 1.0.0\n',
      'app/charts/nameless/Chart.yaml': 'apiVersion: v2\nversion: 1.0.0\n',
      'app/charts/extra/Chart.yaml': 'apiVersion: v2\nname: extra\nversion: 1.0.0\n',
      'app/charts/notes/README.md': 'no chart here\n',
      'pack/packed/Chart.yaml': 'apiVersion: v2\nname: packed\nversion: 1.0.0\n',
      'pack/packed/values.yaml': 'size: 1\n',
      'pack/packed/charts/inner/Chart.yaml': 'apiVersion: v2\nname: inner\nversion: 1.0.0\n',
      'pack/packed/charts/inner/values.yaml': 'deep: true\n',
    };
    for (const [file, text] of Object.entries(files)) {
      mkdirSync(dirname(join(root, file)), { recursive: true });
      writeFileSync(join(root, file), text);
    }
    execFileSync('tar', ['-czf', join(root, 'app/charts/packed-1.0.0.tgz'), '-C', join(root, 'pack'), 'packed']);
    expect(shown(vendoredSubcharts(root, 'app'))).toEqual([
      'front web app/charts/web declared front.on a+1 - {"port":80} app/charts/web/values.schema.json - []',
      'db db app/charts/db declared - - import-values {} - declares [backup backup app/charts/db/charts/backup declared - - - {} - - []]',
      // an alias that is no text is no alias; a Chart.yaml without a name is named after its folder
      'nameless nameless app/charts/nameless declared - - - {} - - []',
      'packed packed app/charts/packed-1.0.0.tgz declared - - - {"size":1} - - [inner inner app/charts/packed-1.0.0.tgz/charts/inner vendored only - - - {"deep":true} - - []]',
      'extra extra app/charts/extra vendored only - - - {} - - []',
    ]);
    // a chart without charts/ has none
    expect(vendoredSubcharts(root, 'app/charts/web')).toEqual([]);
  });

  it("refuses a Chart.yaml that is not YAML, naming it", () => {
    const root = mkdtempSync(join(tmpdir(), 'hvm-subcharts-'));
    mkdirSync(join(root, 'app/charts/web'), { recursive: true });
    writeFileSync(join(root, 'app/Chart.yaml'), 'name: app\n');
    writeFileSync(join(root, 'app/charts/web/Chart.yaml'), 'name: [web\n');
    const error = (() => {
      try {
        vendoredSubcharts(root, 'app');
      } catch (e) {
        return e as UserError;
      }
      throw new Error('no refusal');
    })();
    expect(error).toBeInstanceOf(UserError);
    expect({ message: error.message.split(':')[0], file: error.file, hint: error.hint }).toEqual({ message: 'not valid YAML', file: 'app/charts/web/Chart.yaml', hint: "Fix the chart's Chart.yaml (helm lint shows where)." });
    expect(error.message).toMatch(/^not valid YAML: .{20,}$/);
    // a subchart's values.yaml is named too
    writeFileSync(join(root, 'app/charts/web/Chart.yaml'), 'name: web\n');
    writeFileSync(join(root, 'app/charts/web/values.yaml'), 'port: [80\n');
    expect(() => vendoredSubcharts(root, 'app')).toThrow(expect.objectContaining({ file: 'app/charts/web/values.yaml' }));
  });

  it('are found in charts/ of a folder without Chart.yaml', () => {
    const root = mkdtempSync(join(tmpdir(), 'hvm-subcharts-'));
    mkdirSync(join(root, 'app/charts/web'), { recursive: true });
    writeFileSync(join(root, 'app/charts/web/Chart.yaml'), 'name: web\n');
    expect(vendoredSubcharts(root, 'app').map((s) => `${s.key} ${s.declared ? 'declared' : 'vendored only'}`)).toEqual(['web vendored only']);
  });
});
