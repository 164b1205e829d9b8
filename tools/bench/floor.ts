// The floor for validate: only the work no implementation can skip, in one plain Node process.
// Read every values file once, parse it with a fast YAML parser (js-yaml), merge each env's
// layers (maps deep, everything else replaced, as Helm does), and validate the result with ajv,
// each distinct schema compiled once. No positions, no provenance, no policy, no Argo CD.
//   node -r @swc-node/register tools/bench/floor.ts WORKSPACE
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import Ajv, { type ValidateFunction } from 'ajv';
import { load } from 'js-yaml';

type Values = Record<string, unknown>;
const isMap = (v: unknown): v is Values => typeof v === 'object' && v !== null && !Array.isArray(v);

function merge(base: Values, over: Values): Values {
  const out: Values = { ...base };
  for (const [k, v] of Object.entries(over)) out[k] = isMap(v) && isMap(out[k]) ? merge(out[k] as Values, v) : v;
  return out;
}

function floor(root: string): { documents: number; invalid: number } {
  const appsDir = join(root, 'deployment/helm');
  const ajv = new Ajv({ strict: false, allErrors: true });
  const compiled = new Map<string, ValidateFunction>();
  let documents = 0;
  let invalid = 0;
  for (const app of readdirSync(appsDir)) {
    const dir = join(appsDir, app);
    const files = readdirSync(dir);
    const schemaText = readFileSync(join(dir, 'values.schema.json'), 'utf8');
    let validate = compiled.get(schemaText);
    if (!validate) {
      const schema = JSON.parse(schemaText);
      delete schema.$schema;
      validate = ajv.compile(schema);
      compiled.set(schemaText, validate);
    }
    const base = (load(readFileSync(join(dir, 'values.yaml'), 'utf8')) ?? {}) as Values;
    for (const overlay of files.filter((f) => /^values-[^.]+\.yaml$/.test(f))) {
      const values = merge(base, (load(readFileSync(join(dir, overlay), 'utf8')) ?? {}) as Values);
      documents++;
      if (!validate(values)) invalid++;
    }
  }
  return { documents, invalid };
}

if (require.main === module) {
  const { documents, invalid } = floor(process.argv[2] ?? process.cwd());
  process.stdout.write(`${documents} documents, ${invalid} invalid\n`);
}
