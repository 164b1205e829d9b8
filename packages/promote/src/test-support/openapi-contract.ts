import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import Ajv, { type ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';

type Json = Record<string, any>;

/**
 * GitHub's published OpenAPI description as a contract: every request the tool sends and every
 * response the test server answers is checked against it. The description is vendored, trimmed
 * to the operations the tool calls (github-openapi/README.md says where it comes from).
 */
export class GitHubContract {
  readonly spec: Json;
  private readonly ajv: Ajv;
  private readonly compiled = new Map<string, ValidateFunction>();

  constructor() {
    this.spec = nullableToJsonSchema(JSON.parse(readFileSync(join(__dirname, 'github-openapi/api.github.com.json'), 'utf8')));
    this.ajv = new Ajv({ strict: false, allErrors: true, validateSchema: false });
    addFormats(this.ajv);
    // GitHub's own format for owner/name
    this.ajv.addFormat('repo.nwo', /^[^/\s]+\/[^/\s]+$/);
    this.ajv.addSchema(this.spec, 'github');
  }

  /** The operation for a method and a concrete path, with its path parameters. */
  operation(method: string, path: string): { template: string; op: Json; params: Record<string, string> } | undefined {
    for (const [template, item] of Object.entries<Json>(this.spec.paths)) {
      const op = item[method.toLowerCase()];
      if (!op) continue;
      const names: string[] = [];
      const re = new RegExp(`^${template.replace(/\{(\w+)\}/g, (_, n) => (names.push(n), '([^/]+)'))}$`);
      const m = re.exec(path);
      if (m) return { template, op, params: Object.fromEntries(names.map((n, i) => [n, decodeURIComponent(m[i + 1])])) };
    }
    return undefined;
  }

  /** Problems of a request: unknown operation, query parameters and body that the description refuses. */
  checkRequest(method: string, url: URL, body: unknown): string[] {
    const found = this.operation(method, url.pathname);
    if (!found) return [`${method} ${url.pathname} is not an operation of api.github.com, or not one the vendored description keeps (PATHS in tools/github-openapi/trim.ts)`];
    const where = `${method} ${found.template}`;
    const problems: string[] = [];
    const params = (found.op.parameters ?? []).map((p: Json) => this.deref(p));
    for (const [name, value] of Object.entries(found.params)) {
      const p = params.find((x: Json) => x.in === 'path' && x.name === name);
      if (!p) problems.push(`${where}: path parameter ${name} is not described`);
      else problems.push(...this.check(`${where} path ${name}`, p.schema, coerce(p.schema, value)));
    }
    for (const [name, value] of url.searchParams) {
      const p = params.find((x: Json) => x.in === 'query' && x.name === name);
      if (!p) problems.push(`${where}: unknown query parameter ${name}`);
      else problems.push(...this.check(`${where} query ${name}`, p.schema, coerce(p.schema, value)));
    }
    const schema = found.op.requestBody?.content?.['application/json']?.schema;
    if (schema) problems.push(...this.check(`${where} body`, schema, body));
    else if (body !== undefined) problems.push(`${where} takes no body`);
    return problems;
  }

  /** Problems of a response body for that operation and status. */
  checkResponse(method: string, path: string, status: number, body: unknown): string[] {
    const found = this.operation(method, path);
    if (!found) return [];
    const response = this.deref(found.op.responses?.[String(status)] ?? {});
    const schema = response.content?.['application/json']?.schema;
    if (!response.description) return [`${method} ${found.template}: status ${status} is not a documented response`];
    return schema ? this.check(`${method} ${found.template} ${status} response`, schema, body) : [];
  }

  /** Whether the operation describes this status (GitHub answers 5xx and rate limits anywhere). */
  documents(method: string, path: string, status: number): boolean {
    return Boolean(this.operation(method, path)?.op.responses?.[String(status)]);
  }

  /** A documented example, e.g. `pull-request`, to build responses from. */
  example(name: string): any {
    return structuredClone(this.spec.components.examples[name].value);
  }

  private check(label: string, schema: Json, data: unknown): string[] {
    const key = JSON.stringify(schema);
    let validate = this.compiled.get(key);
    if (!validate) {
      validate = this.ajv.compile(rebase(schema));
      this.compiled.set(key, validate);
    }
    return validate(data) ? [] : (validate.errors ?? []).slice(0, 5).map((e) => `${label}: ${e.instancePath || '/'} ${e.message}`);
  }

  private deref(x: Json): Json {
    while (x && typeof x.$ref === 'string') x = x.$ref.slice(2).split('/').reduce((o: Json, k: string) => o[k.replace(/~1/g, '/').replace(/~0/g, '~')], this.spec);
    return x;
  }
}

/** Local `#/components/...` refs of an operation's schema point into the registered description. */
function rebase(schema: Json): Json {
  return JSON.parse(JSON.stringify(schema).replace(/"\$ref":"#\//g, '"$ref":"github#/'));
}

/** OpenAPI 3.0's `nullable: true` as JSON Schema: null is allowed too. */
function nullableToJsonSchema(node: any): any {
  if (Array.isArray(node)) return node.map(nullableToJsonSchema);
  if (!node || typeof node !== 'object') return node;
  const out: Json = {};
  for (const [k, v] of Object.entries(node)) out[k] = nullableToJsonSchema(v);
  if (out.nullable === true) {
    delete out.nullable;
    if (typeof out.type === 'string') {
      out.type = [out.type, 'null'];
      if (Array.isArray(out.enum) && !out.enum.includes(null)) out.enum = [...out.enum, null];
    } else {
      return { anyOf: [out, { type: 'null' }] };
    }
  }
  return out;
}

function coerce(schema: Json | undefined, value: string): unknown {
  return schema?.type === 'integer' || schema?.type === 'number' ? Number(value) : value;
}
