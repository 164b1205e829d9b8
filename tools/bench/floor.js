// The floor for validate: only the work no implementation can skip, in one plain Node process.
// Read every values file once, parse it with a fast YAML parser (js-yaml), merge each env's
// layers (maps deep, everything else replaced, as Helm does), and validate the result with ajv,
// each distinct schema compiled once. No positions, no provenance, no policy, no Argo CD.
// Plain JavaScript on purpose: a TypeScript loader would add its start-up to the floor.
//   node tools/bench/floor.js WORKSPACE
'use strict';
const { readdirSync, readFileSync } = require('node:fs');
const { join } = require('node:path');
const Ajv = require('ajv').default;
const { load } = require('js-yaml');

const isMap = (v) => typeof v === 'object' && v !== null && !Array.isArray(v);

function merge(base, over) {
  const out = { ...base };
  for (const [k, v] of Object.entries(over)) out[k] = isMap(v) && isMap(out[k]) ? merge(out[k], v) : v;
  return out;
}

function floor(root) {
  const appsDir = join(root, 'deployment/helm');
  const ajv = new Ajv({ strict: false, allErrors: true });
  const compiled = new Map();
  let documents = 0;
  let invalid = 0;
  for (const app of readdirSync(appsDir)) {
    const dir = join(appsDir, app);
    const schemaText = readFileSync(join(dir, 'values.schema.json'), 'utf8');
    let validate = compiled.get(schemaText);
    if (!validate) {
      const schema = JSON.parse(schemaText);
      delete schema.$schema;
      validate = ajv.compile(schema);
      compiled.set(schemaText, validate);
    }
    const base = load(readFileSync(join(dir, 'values.yaml'), 'utf8')) ?? {};
    for (const overlay of readdirSync(dir).filter((f) => /^values-[^.]+\.yaml$/.test(f))) {
      const values = merge(base, load(readFileSync(join(dir, overlay), 'utf8')) ?? {});
      documents++;
      if (!validate(values)) invalid++;
    }
  }
  return { documents, invalid };
}

const { documents, invalid } = floor(process.argv[2] ?? process.cwd());
process.stdout.write(`${documents} documents, ${invalid} invalid\n`);
