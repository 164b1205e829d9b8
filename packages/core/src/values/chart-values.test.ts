// An umbrella chart's values where gitops says something helm template would not: import-values it
// does not apply, and a subchart's key that the user set to something other than a map.
// (The values themselves are checked against real helm in workspace/subcharts.test.ts.)
import { describe, expect, it } from 'vitest';
import { UserError } from '../common';
import { coalesceChart, type ChartSpec, type Subchart } from './chart-values';

const chart = (name: string, values: ChartSpec['values'], dependencies: Subchart[] = []): ChartSpec => ({ name, file: `charts/${name}`, values, declares: dependencies.length > 0, dependencies });

const SHOP = chart('shop', { web: { port: 80 } }, [
  { key: 'web', importValues: true, chart: chart('web', { port: 8080, replicas: 1 }) },
  { key: 'db', condition: 'db.enabled', chart: chart('db', { enabled: true }, [{ key: 'backup', importValues: true, chart: chart('backup', { schedule: 'daily' }) }]) },
  { key: 'cache', condition: 'cache.enabled', importValues: true, chart: chart('cache', { enabled: false }) },
]);

describe('an umbrella chart as gitops reads it', () => {
  it('warns once per enabled dependency whose import-values it does not apply, by its path; a disabled one says nothing', () => {
    const warnings: string[] = [];
    const { values, enabled } = coalesceChart({}, SHOP, (m) => warnings.push(m));
    expect(warnings).toEqual([
      'warning: the import-values of dependency web are not applied: the values shown lack what it imports into its parent (helm template shows them)',
      'warning: the import-values of dependency db.backup are not applied: the values shown lack what it imports into its parent (helm template shows them)',
    ]);
    expect(enabled.map((e) => e.path)).toEqual([['web'], ['db'], ['db', 'backup']]);
    expect(values).toEqual({ web: { port: 80, replicas: 1, global: {} }, db: { enabled: true, backup: { schedule: 'daily', global: {} }, global: {} } });
  });

  it("refuses a subchart's key set to something other than a map, in the chart's file, and says what to write", () => {
    let error: unknown;
    try {
      coalesceChart({ db: 'off' }, SHOP);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(UserError);
    expect(error).toMatchObject({
      file: 'charts/shop',
      message: 'db holds the values of the subchart db, so it must be a map, not "off"',
      hint: "Set db as a map of the subchart's values (e.g. db.enabled: false), or remove the dependency.",
    });
  });

  it('reads a condition of several paths with spaces around the commas, the first that holds a boolean deciding', () => {
    const cache = (condition: string): ChartSpec => chart('shop', {}, [{ key: 'cache', condition, chart: chart('cache', { on: 'yes', enabled: false }) }]);
    expect(coalesceChart({}, cache('cache.on , cache.enabled')).enabled).toEqual([]);
    expect(coalesceChart({ cache: { enabled: true } }, cache(' cache.enabled ,cache.on')).enabled.map((e) => e.path)).toEqual([['cache']]);
  });
});

