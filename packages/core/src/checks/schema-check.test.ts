import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { copyExampleWorkspace } from '../test-support/example-workspace';
import { loadWorkspace } from '../workspace';
import { schemaCheck } from './schema-check';
import { validateApp } from './validate';

const APP = 'deployment/helm/alpha-members';
const CACHE_SCHEMA = `${APP}/charts/cache/values.schema.json`;

/** The example chart as an umbrella: a vendored `cache` subchart with a schema (switched by cache.enabled), and `queue` without one. */
function umbrella(): string {
  const dir = copyExampleWorkspace();
  const write = (file: string, text: string) => {
    mkdirSync(dirname(join(dir, APP, file)), { recursive: true });
    writeFileSync(join(dir, APP, file), text);
  };
  const append = (file: string, text: string) => write(file, `${readFileSync(join(dir, APP, file), 'utf8')}${text}`);
  append('Chart.yaml', 'dependencies:\n  - name: cache\n    version: 1.0.0\n    condition: cache.enabled\n  - name: queue\n    version: 1.0.0\n');
  write('charts/cache/Chart.yaml', 'apiVersion: v2\nname: cache\nversion: 1.0.0\n');
  write('charts/cache/values.yaml', 'enabled: true\nport: 6379\n');
  write('charts/cache/values.schema.json', JSON.stringify({ type: 'object', required: ['port', 'size'], properties: { port: { type: 'integer' }, size: { type: 'string' } } }));
  write('charts/queue/Chart.yaml', 'apiVersion: v2\nname: queue\nversion: 1.0.0\n');
  write('charts/queue/values.yaml', 'workers: 2\n');
  append('values-prod.yaml', 'cache:\n  port: "x"\n');
  return dir;
}
const run = (dir: string, envs: string[]) =>
  validateApp(loadWorkspace(dir), 'alpha-members', { envs, checks: [schemaCheck] }).map((f) => `${f.severity} ${f.rule} ${f.file}:${f.line}:${f.column} ${f.env} ${f.path} | ${f.message} | ${f.hint}`);

describe("the values schemas as Helm checks them: the chart's and each enabled subchart's", () => {
  it("checks a subchart's values under its key, naming its schema, at the line that set the value or the key that lacks one", () => {
    const dir = umbrella();
    expect(run(dir, ['prod', 'staging'])).toEqual([
      `error schema ${APP}/values-prod.yaml:107:3 prod cache.size | is required by ${CACHE_SCHEMA} but not set in any layer (values.yaml, values-prod.yaml) | Set cache.size in values.yaml or in this env's overlay.`,
      `error schema ${APP}/values-prod.yaml:107:9 prod cache.port | "x" must be an integer (it is a string) (${CACHE_SCHEMA}) | See ${CACHE_SCHEMA}.`,
      // staging sets nothing under cache: the key comes from the subchart's defaults, so the finding is at the first layer
      `error schema ${APP}/values.yaml:1:1 staging cache.size | is required by ${CACHE_SCHEMA} but not set in any layer (values.yaml, values-staging.yaml) | Set cache.size in values.yaml or in this env's overlay.`,
    ]);
  });

  it('skips a disabled subchart', () => {
    const dir = umbrella();
    writeFileSync(join(dir, APP, 'values-staging.yaml'), `${readFileSync(join(dir, APP, 'values-staging.yaml'), 'utf8')}cache:\n  enabled: false\n`);
    expect(run(dir, ['staging'])).toEqual([]);
  });

  it("names the chart's own schema as values.schema.json, and points a wrong value at its line", () => {
    const dir = copyExampleWorkspace();
    writeFileSync(join(dir, APP, 'values-prod.yaml'), readFileSync(join(dir, APP, 'values-prod.yaml'), 'utf8').replace('replicaCount: 3', 'replicaCount: "3"'));
    expect(run(dir, ['prod'])).toEqual([`error schema ${APP}/values-prod.yaml:2:15 prod replicaCount | "3" must be an integer (it is a string) | See ${APP}/values.schema.json.`]);
  });
});
