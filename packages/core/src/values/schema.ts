import Ajv, { type AnySchema, type ErrorObject, type ValidateFunction } from 'ajv';
import type AjvDraft04 from 'ajv-draft-04';
import addFormats from 'ajv-formats';
import { fileStamp, isMap, isOsError, osUserError, type Path, readBoundedText, UserError, type Value } from '../common';
import { linearRegExp, UnsupportedPattern } from './linear-regexp';
import { nearestPosition, parseValuesYaml } from '../yaml';

/** A compiled JSON Schema and the file it came from. */
export interface CompiledSchema {
  file: string;
  validate: ValidateFunction;
}

/** One way the data breaks the schema, at a path in the data. */
export interface SchemaOptions {
  /** Read the schema as Helm before 3.18 does (see HelmRules.legacySchemas); as the current Helm when absent. */
  legacy?: boolean;
}

export interface SchemaViolation {
  path: Path;
  keyword: string;
  message: string;
  /** For `required`: the missing key (already appended to `path`). */
  missing?: string;
  /** The problem is the key itself (a key the schema does not allow), not its value. */
  atKey?: boolean;
}

type Draft = 'draft-04' | 'draft-07' | '2019-09' | '2020-12';

// Keyed without scheme and trailing "#": Helm accepts http and https alike.
const DRAFTS: Record<string, Draft> = {
  // "the latest draft" (in two prometheus-community charts), and no $schema at all.
  'json-schema.org/schema': '2020-12',
  'json-schema.org/draft-04/schema': 'draft-04',
  'json-schema.org/draft-07/schema': 'draft-07',
  'json-schema.org/draft-06/schema': 'draft-07',
  'json-schema.org/draft/2019-09/schema': '2019-09',
  'json-schema.org/draft/2020-12/schema': '2020-12',
};

const META_SCHEMA: Record<Draft, string> = {
  'draft-04': 'http://json-schema.org/draft-04/schema#',
  'draft-07': 'http://json-schema.org/draft-07/schema#',
  '2019-09': 'https://json-schema.org/draft/2019-09/schema',
  '2020-12': 'https://json-schema.org/draft/2020-12/schema',
};

const ajvByDraft = new Map<Draft, Ajv | AjvDraft04>();
// Keyed by the schema's text itself: a Map hashes a string faster than sha256 does, and holds one copy of each distinct schema.
const compiledByText = new Map<string, ValidateFunction>();
const compiledByFile = new Map<string, { stamp: string; schema: CompiledSchema }>();

function newAjv(draft: Draft): Ajv | AjvDraft04 {
  // strict: false because real charts' schemas carry keywords ajv does not know (e.g. "form").
  const opts = { allErrors: true, strict: false, allowUnionTypes: true, logger: false as const, code: { regExp: linearRegExp } };
  // Each dialect is loaded when a schema asks for it: most workspaces use one.
  const ajv =
    draft === '2020-12'
      ? new (require('ajv/dist/2020') as typeof import('ajv/dist/2020')).default(opts)
      : draft === '2019-09'
        ? new (require('ajv/dist/2019') as typeof import('ajv/dist/2019')).default(opts)
        : draft === 'draft-04'
          ? new (require('ajv-draft-04') as typeof import('ajv-draft-04')).default(opts)
          : new Ajv(opts);
  if (draft === 'draft-07') ajv.addMetaSchema(require('ajv/dist/refs/json-schema-draft-06.json'));
  addFormats(ajv as Ajv);
  return ajv;
}

function ajvFor(draft: Draft): Ajv | AjvDraft04 {
  let ajv = ajvByDraft.get(draft);
  if (!ajv) ajvByDraft.set(draft, (ajv = newAjv(draft)));
  return ajv;
}

/**
 * Compile a schema given as JSON text. Each distinct schema text is compiled once per process,
 * so hundreds of apps sharing one schema pay for it once. Problems are UserErrors in `file`.
 */
export function compileSchemaText(text: string, file: string, opts: SchemaOptions = {}): CompiledSchema {
  const key = `${opts.legacy ? 'legacy' : ''}\0${text}`;
  const cached = compiledByText.get(key);
  if (cached) return { file, validate: cached };

  let schema: unknown;
  try {
    schema = JSON.parse(text);
  } catch (e) {
    // The YAML parser reads JSON too and reports a line and column.
    parseValuesYaml(text, file);
    throw new UserError(`not valid JSON: ${(e as Error).message}`, { file, line: 1, column: 1, hint: 'Fix the JSON syntax.' });
  }
  if (typeof schema !== 'object' || schema === null || Array.isArray(schema)) {
    throw new UserError('a JSON Schema must be an object', { file, line: 1, column: 1, hint: 'Start the schema with "{".' });
  }
  const where = (path: Path) => nearestPosition(parseValuesYaml(text, file), path);
  const draft = draftOf(schema as Record<string, unknown>, file, where, opts.legacy === true);
  rejectExternalRefs(schema as Value, file, where);
  // Ajv knows each meta-schema by one address: the declared one may be its http/https twin.
  if ((schema as Record<string, unknown>).$schema !== undefined) schema = { ...(schema as object), $schema: META_SCHEMA[draft] };

  const ajv = ajvFor(draft);
  let valid: boolean;
  try {
    valid = ajv.validateSchema(schema as AnySchema) as boolean;
  } catch (e) {
    // Ajv checks a schema against its meta-schema recursively: a schema nested deeply enough overflows the stack.
    if (e instanceof RangeError) {
      throw new UserError('invalid JSON Schema: it is nested too deeply to check', { ...where([]), hint: 'Flatten the schema, e.g. with "$defs" and "$ref".', cause: e });
    }
    throw e;
  }
  if (!valid) {
    const first = (ajv.errors ?? [])[0];
    throw new UserError(`invalid JSON Schema: ${first ? `${first.instancePath || '/'} ${first.message}` : ajv.errorsText()}`, {
      ...where(first ? pointerToPath(first.instancePath, schema as Value) : []),
      hint: `Fix the schema so that it is valid ${draft} JSON Schema.`,
    });
  }
  let validate: ValidateFunction;
  try {
    const id = (schema as Record<string, unknown>).$id;
    // Two different schemas may claim one $id; compile such a one on its own instance.
    validate = typeof id === 'string' && ajv.getSchema(id) ? newAjv(draft).compile(schema as AnySchema) : ajv.compile(schema as AnySchema);
  } catch (e) {
    if (e instanceof UnsupportedPattern) {
      throw new UserError(`the pattern ${JSON.stringify(e.pattern)} cannot be matched in linear time: ${e.message}`, {
        ...where(patternPath(schema as Value, e.pattern)),
        hint: 'Rewrite it without lookarounds or backreferences (RE2 syntax, which Helm\'s schema validator uses too).',
        cause: e,
      });
    }
    // Past the meta-schema check, what is left is an unresolvable local $ref and the like.
    throw new UserError(`invalid JSON Schema: ${(e as Error).message}`, {
      ...where([]),
      hint: 'Fix the schema: every "$ref" must point at a definition inside this file.',
      cause: e,
    });
  }
  compiledByText.set(key, validate);
  return { file, validate };
}

/** Read and compile a schema file; recompiled only when the file changes. */
export function loadSchemaFile(absPath: string, file: string, opts: SchemaOptions = {}): CompiledSchema {
  const key = `${opts.legacy ? 'legacy' : ''}\0${absPath}`;
  let stamp: string | undefined;
  let text: string;
  try {
    stamp = fileStamp(absPath);
  } catch (e) {
    throw isOsError(e) ? osUserError(e, file, 'cannot be read') : e;
  }
  const hit = compiledByFile.get(key);
  if (hit && stamp !== undefined && hit.stamp === stamp) return { ...hit.schema, file };
  text = readBoundedText(absPath, file, { kind: 'schema' });
  const schema = compileSchemaText(text, file, opts);
  // without a stamp (it appeared after the stat) it is read again next time
  if (stamp !== undefined) compiledByFile.set(key, { stamp, schema });
  return schema;
}

/**
 * How a value at a path may be shown in a message: the values checks pass the secret redaction,
 * so a schema message never prints a password.
 */
export type ShowValue = (path: Path, value: unknown, siblings: unknown) => unknown;

/** Validate data; each ajv error becomes a violation at a path in the data. */
export function checkSchema(schema: CompiledSchema, data: unknown, shown: ShowValue = (_, v) => v): SchemaViolation[] {
  if (schema.validate(data)) return [];
  const out: SchemaViolation[] = [];
  const seen = new Set<string>();
  for (const err of schema.validate.errors ?? []) {
    // oneOf/anyOf repeat their branches' errors; the branch errors say more.
    if (err.keyword === 'if') continue;
    const path = pointerToPath(err.instancePath, data as Value);
    const v = describe(err, path, data, shown);
    const key = `${JSON.stringify(v.path)}|${v.message}`;
    if (!seen.has(key)) {
      seen.add(key);
      out.push(v);
    }
  }
  return out;
}

function describe(err: ErrorObject, path: Path, data: unknown, shownAs: ShowValue): SchemaViolation {
  const p = err.params as Record<string, unknown>;
  const siblings = path.length > 0 ? valueAt(data, path.slice(0, -1)) : undefined;
  const raw = valueAt(data, path);
  const here = shownAs(path, raw, siblings);
  // A redacted leaf shows as the placeholder, unquoted; the values a secret's key may take are as secret as its value.
  const secret = here !== raw && !isMap(raw) && !Array.isArray(raw);
  const show = (v: unknown) => (!secret ? showValue(v) : v === here ? String(here) : '(a value the schema allows)');
  switch (err.keyword) {
    case 'required': {
      const missing = String(p.missingProperty);
      return { path: [...path, missing], keyword: 'required', missing, message: 'is required but not set' };
    }
    case 'additionalProperties': {
      const extra = String(p.additionalProperty);
      return { path: [...path, extra], keyword: err.keyword, atKey: true, message: 'is not allowed here (the schema lists no such key)' };
    }
    case 'unevaluatedProperties': {
      const extra = String(p.unevaluatedProperty);
      return { path: [...path, extra], keyword: err.keyword, atKey: true, message: 'is not allowed here (the schema lists no such key)' };
    }
    case 'pattern':
      return { path, keyword: err.keyword, message: `${show(here)} must match ${String(p.pattern)}` };
    case 'enum':
      return { path, keyword: err.keyword, message: `${show(here)} must be one of ${(p.allowedValues as unknown[]).map(show).join(', ')}` };
    case 'const':
      return { path, keyword: err.keyword, message: `${show(here)} must be ${show(p.allowedValue)}` };
    case 'type':
      return { path, keyword: err.keyword, message: `${show(here)} must be ${typeWord(String(p.type))} (it is ${kindOf(raw)})` };
    case 'format':
      return { path, keyword: err.keyword, message: `${show(here)} must be a valid ${String(p.format)}` };
    default:
      // ajv's own words: "must be >= 1", "must NOT have fewer than 3 characters", ...
      return { path, keyword: err.keyword, message: `${show(here)} ${String(err.message)}` };
  }
}

function showValue(v: unknown): string {
  if (typeof v === 'string') return JSON.stringify(v);
  if (isMap(v)) return 'a map';
  if (Array.isArray(v)) return 'a list';
  return String(v);
}

function typeWord(t: string): string {
  const words: Record<string, string> = { object: 'a map', array: 'a list', string: 'a string', integer: 'an integer', number: 'a number', boolean: 'true or false', null: 'null' };
  return t.split(',').map((x) => words[x] ?? x).join(' or ');
}

function kindOf(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'a list';
  if (isMap(v)) return 'a map';
  if (typeof v === 'number') return Number.isInteger(v) ? 'an integer' : 'a number';
  return `a ${typeof v}`;
}

function valueAt(data: unknown, path: Path): unknown {
  let cur: unknown = data;
  for (const seg of path) {
    if (cur === null || typeof cur !== 'object') return undefined;
    cur = (cur as Record<string, unknown>)[seg as string];
  }
  return cur;
}

/** A JSON Pointer (/a/0/b~1c) as a path, with list indexes as numbers where the data has lists. */
export function pointerToPath(pointer: string, data: Value): Path {
  if (!pointer) return [];
  const out: Path = [];
  let cur: unknown = data;
  for (const raw of pointer.slice(1).split('/')) {
    const seg = raw.replace(/~1/g, '/').replace(/~0/g, '~');
    if (Array.isArray(cur) && /^\d+$/.test(seg)) {
      out.push(Number(seg));
      cur = cur[Number(seg)];
    } else {
      out.push(seg);
      cur = cur !== null && typeof cur === 'object' ? (cur as Record<string, unknown>)[seg] : undefined;
    }
  }
  return out;
}

/** The draft Helm applies: see HelmRules.legacySchemas. */
function draftOf(schema: Record<string, unknown>, file: string, where: (p: Path) => { file: string; line: number; column: number }, legacy: boolean): Draft {
  const declared = schema.$schema;
  if (declared === undefined) return legacy ? 'draft-07' : '2020-12';
  const draft = typeof declared === 'string' ? DRAFTS[declared.replace(/^https?:\/\//, '').replace(/#$/, '')] : undefined;
  if (legacy) return draft === 'draft-04' ? 'draft-04' : 'draft-07';
  if (!draft) {
    throw new UserError(`unsupported "$schema": ${JSON.stringify(declared)} (helm would try to download it, and fail offline)`, {
      ...where(['$schema']),
      file,
      hint: 'Use https://json-schema.org/draft/2020-12/schema (or draft-07, draft-04, draft/2019-09, or https://json-schema.org/schema for the latest).',
    });
  }
  return draft;
}

/** Where the schema uses a pattern: a `pattern` value or a `patternProperties` key. */
function patternPath(schema: Value, pattern: string): Path {
  const walk = (node: Value, path: Path): Path | undefined => {
    if (Array.isArray(node)) return node.reduce<Path | undefined>((found, n, i) => found ?? walk(n, [...path, i]), undefined);
    if (!isMap(node)) return undefined;
    if (node.pattern === pattern) return [...path, 'pattern'];
    if (isMap(node.patternProperties) && pattern in node.patternProperties) return [...path, 'patternProperties', pattern];
    return Object.entries(node).reduce<Path | undefined>((found, [k, v]) => found ?? walk(v, [...path, k]), undefined);
  };
  return walk(schema, []) ?? [];
}

/** Remote and cross-file $refs would need the network or other files; refuse them up front. */
function rejectExternalRefs(schema: Value, file: string, where: (p: Path) => { file: string; line: number; column: number }): void {
  const ids = new Set<string>();
  const refs: { ref: string; path: Path }[] = [];
  const walk = (node: Value, path: Path) => {
    if (Array.isArray(node)) node.forEach((n, i) => walk(n, [...path, i]));
    else if (isMap(node)) {
      for (const [k, v] of Object.entries(node)) {
        if ((k === '$id' || k === 'id') && typeof v === 'string') ids.add(v.replace(/#.*$/, ''));
        if ((k === '$ref' || k === '$dynamicRef' || k === '$recursiveRef') && typeof v === 'string') refs.push({ ref: v, path: [...path, k] });
        else walk(v, [...path, k]);
      }
    }
  };
  walk(schema, []);
  for (const { ref, path } of refs) {
    if (ref.startsWith('#')) continue;
    const base = ref.replace(/#.*$/, '');
    if (ids.has(base)) continue;
    throw new UserError(`"${String(path[path.length - 1])}": ${JSON.stringify(ref)} points outside this schema; remote or cross-file references are never fetched`, {
      ...where(path),
      file,
      hint: 'Copy the referenced definitions into this schema under "definitions" (or "$defs") and refer to them with "#/definitions/...".',
    });
  }
}
