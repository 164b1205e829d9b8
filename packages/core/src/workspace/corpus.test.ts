import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkSchema, loadSchemaFile, mergeFiles } from '../values';
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
        const texts: Record<string, string[]> = { 'values.yaml': base.text.split('\n'), [`ci/${name}`]: overlay.text.split('\n') };
        const seen = new Map<string, string>();
        for (const [path, value] of leaves(res.values)) {
          const at = res.originOf(path);
          expect(['values.yaml', `ci/${name}`]).toContain(at?.file);
          // The position is where the value is written: its own text, a quote, a block
          // scalar, a tag or an alias, or the [] / {} of an empty collection; an empty
          // value (null) is placed just after its key.
          const written = texts[at!.file][at!.line - 1].slice(at!.column - 1);
          const startsRight = (typeof value === 'string' && value !== '' && !value.includes('\n') && written.startsWith(value)) || /^["'|>!&*[{]/.test(written) || written.startsWith(String(value)) || (value === null && /^(:|\s*#|\s*$|~|null)/i.test(written));
          expect(startsRight, `${name} ${JSON.stringify(path)} at ${at!.file}:${at!.line}:${at!.column}: ${written}`).toBe(true);
          // No two leaves are written at one place (each list item has its own line or column).
          const where = `${at!.file}:${at!.line}:${at!.column}`;
          expect(seen.get(where), `${JSON.stringify(path)} shares ${where}`).toBeUndefined();
          seen.set(where, JSON.stringify(path));
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
