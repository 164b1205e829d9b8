// gitops's schema verdict against helm's on real charts: their ci overlays, and overlays that
// put a wrong type or a value outside an enum at a typed leaf of the chart's schema.
import { spawn } from 'node:child_process';
import { cpSync, mkdtempSync, readdirSync, readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { helmBinary, HELMS, HELM_MAJORS } from '../../../../tools/test/helm';
import { CORPUS } from '../test-support/example-workspace';
import { helmIdentity, oracleAsync, tree } from '../test-support/helm-values';
import { parseValuesYaml } from '../yaml';
import { helmRules } from './helm-rules';
import { coalesce } from './merge';
import { checkSchema, compileSchemaText } from './schema';

// the two charts of the vendored corpus that ship a values.schema.json
const FIXTURES = join(CORPUS, 'prometheus-community');
const CHARTS = ['alertmanager', 'prometheus'];

interface Overlay {
  name: string;
  text: string;
}

type Schema = { type?: unknown; enum?: unknown[]; properties?: Record<string, Schema> };

/** Typed leaves of a schema (a single type, or an enum), in schema order. */
function typedLeaves(s: Schema, path: string[] = []): { path: string[]; schema: Schema }[] {
  if (s.properties) return Object.entries(s.properties).flatMap(([k, v]) => typedLeaves(v, [...path, k]));
  if (path.length > 0 && (s.enum || ['string', 'integer', 'boolean', 'number'].includes(s.type as string))) return [{ path, schema: s }];
  return [];
}

const nest = (path: string[], leaf: string): string => {
  const obj: Record<string, unknown> = {};
  let at = obj;
  path.slice(0, -1).forEach((k) => (at = (at[k] = {}) as Record<string, unknown>));
  at[path[path.length - 1]] = '__LEAF__';
  // the leaf is written as plain YAML text, so that helm's scalar rules apply to it
  return stringify(obj).replace(/"?__LEAF__"?/, leaf);
};

/** Wrong types and enum values at typed leaves, plus YAML 1.1 scalars that helm reads its own way. */
function mutations(schema: Schema): Overlay[] {
  const leaves = typedLeaves(schema);
  const step = Math.max(1, Math.floor(leaves.length / 6));
  return leaves
    .filter((_, i) => i % step === 0)
    .flatMap(({ path, schema: s }) => {
      const at = path.join('.');
      if (s.enum) return [{ name: `${at} outside its enum`, text: nest(path, 'not-in-the-enum') }];
      switch (s.type) {
        case 'string':
          return [
            { name: `${at} a number`, text: nest(path, '12345') },
            { name: `${at} yes (a boolean to helm)`, text: nest(path, 'yes') },
            { name: `${at} 12:30 (a string to helm)`, text: nest(path, '12:30') },
          ];
        case 'integer':
          return [
            { name: `${at} a string`, text: nest(path, 'abc') },
            { name: `${at} 0o17 (15 to helm)`, text: nest(path, '0o17') },
            { name: `${at} 1:30 (a string to helm)`, text: nest(path, '1:30') },
          ];
        case 'number':
          return [{ name: `${at} a string`, text: nest(path, 'abc') }];
        default:
          return [
            { name: `${at} maybe`, text: nest(path, 'maybe') },
            { name: `${at} off (false to helm)`, text: nest(path, 'off') },
          ];
      }
    });
}

function helmVerdict(bin: string, chart: string, overlay: string): Promise<'pass' | 'fail'> {
  // what helm reads: the chart (not the other overlays written beside it) and this overlay
  const input = ['verdict', helmIdentity(bin), tree(chart).filter(([f]) => !f.startsWith('overlay-')), readFileSync(overlay, 'utf8')];
  return oracleAsync(input, () => askVerdict(bin, chart, overlay));
}

function askVerdict(bin: string, chart: string, overlay: string): Promise<'pass' | 'fail'> {
  return new Promise((resolve, reject) => {
    const p = spawn(bin, ['template', 'r', chart, '-f', overlay]);
    let err = '';
    p.stdout.resume();
    p.stderr.on('data', (d) => (err += d));
    p.on('error', reject);
    p.on('close', (code) => {
      if (code === 0) resolve('pass');
      else if (/don't meet the specifications of the schema/.test(err)) resolve('fail');
      else reject(new Error(`helm template failed for another reason: ${err}`));
    });
  });
}

async function inParallel<T>(jobs: (() => Promise<T>)[], width = 2): Promise<T[]> {
  const out: T[] = new Array(jobs.length);
  let next = 0;
  await Promise.all(Array.from({ length: width }, async () => {
    while (next < jobs.length) {
      const i = next++;
      out[i] = await jobs[i]();
    }
  }));
  return out;
}

describe.each(HELM_MAJORS)('schema verdicts against helm %i', (major) => {
  const rules = helmRules(HELMS[major].version);

  it.each(CHARTS)('%s: ci overlays and overlays mutated at typed leaves pass or fail as in helm', async (name) => {
    const chart = mkdtempSync(join(tmpdir(), `hvm-${name}-`));
    cpSync(join(FIXTURES, name), chart, { recursive: true });
    // the corpus has no templates, nor the subcharts its Chart.yaml depends on; helm checks the
    // schema before it renders anything, so a one-line template will do
    writeFileSync(join(chart, 'Chart.yaml'), `apiVersion: v2\nname: ${name}\nversion: 0.1.0\n`);
    mkdirSync(join(chart, 'templates'));
    writeFileSync(join(chart, 'templates', 'configmap.yaml'), 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: r\n');
    const schemaText = readFileSync(join(chart, 'values.schema.json'), 'utf8');
    const schema = compileSchemaText(schemaText, `${name}/values.schema.json`, { legacy: rules.legacySchemas });
    const base = parseValuesYaml(readFileSync(join(chart, 'values.yaml'), 'utf8'), `${name}/values.yaml`);
    const overlays: Overlay[] = [
      // a few of the chart's own ci overlays (bounded: each costs a helm process)
      ...readdirSync(join(chart, 'ci')).sort().slice(0, 4).map((f) => ({ name: `ci/${f}`, text: readFileSync(join(chart, 'ci', f), 'utf8') })),
      ...mutations(JSON.parse(schemaText)),
    ];
    const ours = overlays.map((o) => {
      const values = coalesce(parseValuesYaml(o.text, o.name).values, base.values, undefined, '', rules);
      return checkSchema(schema, values).length === 0 ? 'pass' : 'fail';
    });
    const theirs = await inParallel(
      overlays.map((o, i) => () => {
        const file = join(chart, `overlay-${i}.yaml`);
        writeFileSync(file, o.text);
        return helmVerdict(helmBinary(major), chart, file);
      }),
    );
    expect(Object.fromEntries(overlays.map((o, i) => [o.name, ours[i]]))).toEqual(Object.fromEntries(overlays.map((o, i) => [o.name, theirs[i]])));
    // both verdicts occur, or the comparison proves little
    expect(new Set(theirs)).toEqual(new Set(['pass', 'fail']));
  });

  it('reads every $schema as this helm does: the declared draft, "the latest", none, or one it cannot load', async () => {
    const declared = [undefined, 'https://json-schema.org/schema#', 'http://json-schema.org/schema', 'http://json-schema.org/draft-04/schema#', 'http://json-schema.org/draft-06/schema#',
      'https://json-schema.org/draft-07/schema', 'https://json-schema.org/draft/2019-09/schema', 'http://json-schema.org/draft/2020-12/schema#', 'http://example.com/my-schema'];
    // dependentRequired exists from 2019-09 on; exclusiveMaximum is a boolean in draft-04 and a number later
    const body = { properties: { tls: { type: 'object', dependentRequired: { enabled: ['secretName'] } }, port: { type: 'integer', exclusiveMaximum: 8080 } } };
    const draft04 = { properties: { port: { type: 'integer', maximum: 8080, exclusiveMaximum: true } } };
    const cases = declared.flatMap((id) =>
      ['tls: {enabled: true}\n', 'port: 8080\n', 'port: 80\n'].map((values) => ({ id, values, schema: { ...(id ? { $schema: id } : {}), ...(id?.includes('draft-04') ? draft04 : body) } })),
    );
    const ours = cases.map((c) => {
      try {
        const schema = compileSchemaText(JSON.stringify(c.schema), 'values.schema.json', { legacy: rules.legacySchemas });
        return checkSchema(schema, parseValuesYaml(c.values, 'values.yaml').values).length === 0 ? 'pass' : 'fail';
      } catch {
        return 'fail';
      }
    });
    const theirs = await inParallel(
      cases.map((c) => () => {
        const chart = mkdtempSync(join(tmpdir(), 'hvm-draft-'));
        mkdirSync(join(chart, 'templates'));
        writeFileSync(join(chart, 'Chart.yaml'), 'apiVersion: v2\nname: draft\nversion: 0.1.0\n');
        writeFileSync(join(chart, 'templates', 'configmap.yaml'), 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: r\n');
        writeFileSync(join(chart, 'values.schema.json'), JSON.stringify(c.schema));
        writeFileSync(join(chart, 'values.yaml'), c.values);
        return helmVerdict(helmBinary(major), chart, join(chart, 'values.yaml'));
      }),
    );
    const label = (c: (typeof cases)[number]) => `${c.id ?? 'no $schema'} / ${c.values.trim()}`;
    expect(Object.fromEntries(cases.map((c, i) => [label(c), ours[i]]))).toEqual(Object.fromEntries(cases.map((c, i) => [label(c), theirs[i]])));
  });
});
