import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { mergeFiles } from './resolve';
import { checkSchema, loadSchemaFile } from '../values';
import { CORPUS } from '../test-support/example-workspace';
import { getAt, leaves } from '../common';
import { readValuesYaml } from '../yaml';

/** Every chart folder of the real-world corpus: base values and its ci/ overlays. */
const charts = readdirSync(CORPUS, { withFileTypes: true })
  .filter((d) => d.isDirectory())
  .flatMap((repo) =>
    readdirSync(join(CORPUS, repo.name), { withFileTypes: true })
      .filter((d) => d.isDirectory() && existsSync(join(CORPUS, repo.name, d.name, 'values.yaml')))
      .map((d) => ({ name: `${repo.name}/${d.name}`, dir: join(CORPUS, repo.name, d.name) })),
  );

const overlaysOf = (dir: string) =>
  existsSync(join(dir, 'ci')) ? readdirSync(join(dir, 'ci')).filter((f) => f.endsWith('.yaml')).sort() : [];

describe('real-world charts', () => {
  it('has charts and overlays to test', () => {
    expect(charts.length).toBeGreaterThanOrEqual(10);
    expect(charts.reduce((n, c) => n + overlaysOf(c.dir).length, 0)).toBeGreaterThanOrEqual(50);
  });

  for (const chart of charts) {
    it(`${chart.name}: merges each ci overlay over values.yaml and traces every leaf to its file`, () => {
      const base = readValuesYaml(join(chart.dir, 'values.yaml'), 'values.yaml');
      for (const name of overlaysOf(chart.dir)) {
        const overlay = readValuesYaml(join(chart.dir, 'ci', name), `ci/${name}`);
        const res = mergeFiles([base, overlay], { defaults: base });
        for (const [path, value] of leaves(overlay.values)) {
          // What the overlay sets wins, unless it is a null that deletes a default.
          if (value !== null) expect(getAt(res.values, path)).toEqual(value);
        }
        for (const [path] of leaves(res.values)) {
          const at = res.originOf(path);
          expect(at?.line, `${name} ${JSON.stringify(path)}`).toBeGreaterThan(0);
          expect(['values.yaml', `ci/${name}`]).toContain(at?.file);
        }
      }
    });
  }

  for (const chart of ['prometheus-community/prometheus', 'prometheus-community/alertmanager']) {
    it(`${chart}: every ci overlay's merged values satisfy the chart's own schema`, () => {
      const dir = join(CORPUS, chart);
      const schema = loadSchemaFile(join(dir, 'values.schema.json'), 'values.schema.json');
      const base = readValuesYaml(join(dir, 'values.yaml'), 'values.yaml');
      expect(checkSchema(schema, base.values)).toEqual([]);
      for (const name of overlaysOf(dir)) {
        const res = mergeFiles([base, readValuesYaml(join(dir, 'ci', name), name)], { defaults: base });
        expect(checkSchema(schema, res.values), name).toEqual([]);
      }
    });
  }
});
