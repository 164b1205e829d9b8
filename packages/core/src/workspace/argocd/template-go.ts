import { goPrint } from './template-fast';
import { TEMPLATE_FUNCTIONS, type TemplateFunction } from './template-go-functions';

/** A template Argo CD would refuse, or one this tool cannot evaluate: `offset` is where, in the template text. */
export class TemplateError extends Error {
  constructor(
    message: string,
    readonly offset: number,
    /** True when Argo CD itself might accept it: a construct or function this tool does not evaluate. */
    readonly unsupported = false,
  ) {
    super(message);
  }
}

/** `goTemplateOptions`: Go's missingkey option ("missingkey=error" is the one Argo CD documents). */
export interface GoTemplateOptions {
  missingKeyError?: boolean;
}

type Arg =
  | { kind: 'field'; base: 'dot' | 'var'; name?: string; path: string[]; at: number }
  | { kind: 'lit'; value: unknown; at: number }
  | { kind: 'ident'; name: string; at: number }
  | { kind: 'paren'; pipe: Pipeline; path: string[]; at: number };
interface Pipeline {
  decl: string[];
  assign: boolean;
  cmds: Arg[][];
  at: number;
}
type Node =
  | { type: 'text'; text: string }
  | { type: 'action'; pipe: Pipeline }
  | { type: 'if' | 'with'; branches: { pipe: Pipeline; body: Node[] }[]; otherwise?: Node[] }
  | { type: 'range'; pipe: Pipeline; body: Node[]; otherwise?: Node[] };

interface RawAction {
  body: string;
  /** Offset of the body's first character in the template. */
  at: number;
}

/** Split the template into text and `{{ }}` actions, applying Go's `{{-` and `-}}` trimming. */
function lex(text: string): (string | RawAction)[] {
  const out: (string | RawAction)[] = [];
  let i = 0;
  let trimNext = false;
  for (;;) {
    const open = text.indexOf('{{', i);
    let chunk = text.slice(i, open < 0 ? text.length : open);
    if (trimNext) chunk = chunk.replace(/^\s+/, '');
    if (open < 0) {
      out.push(chunk);
      return out;
    }
    let start = open + 2;
    if (/^- /.test(text.slice(start, start + 2)) || text.slice(start, start + 2) === '-\t' || text.slice(start, start + 2) === '-\n') {
      chunk = chunk.replace(/\s+$/, '');
      start += 1;
    }
    out.push(chunk);
    // Find the closing braces outside string literals.
    let j = start;
    let quote = '';
    for (; j < text.length; j++) {
      const c = text[j];
      if (quote) {
        if (c === '\\' && quote === '"') j++;
        else if (c === quote) quote = '';
      } else if (c === '"' || c === '`' || c === "'") quote = c;
      else if (text.startsWith('}}', j)) break;
    }
    if (j >= text.length) throw new TemplateError('unclosed action: "{{" without "}}"', open);
    let body = text.slice(start, j);
    trimNext = false;
    if (/\s-$/.test(body)) {
      body = body.slice(0, -1);
      trimNext = true;
    }
    out.push({ body, at: start });
    i = j + 2;
  }
}

type Token = { t: 'str' | 'num' | 'ident' | 'field' | 'var' | 'sym'; v: string; at: number };

function tokenize(a: RawAction): Token[] {
  const s = a.body;
  const out: Token[] = [];
  let i = 0;
  while (i < s.length) {
    const c = s[i];
    const at = a.at + i;
    if (/\s/.test(c)) {
      i++;
    } else if (c === '"') {
      // lex() ended the action outside quotes, so every quote here is closed
      let j = i + 1;
      while (j < s.length && s[j] !== '"') j += s[j] === '\\' ? 2 : 1;
      try {
        out.push({ t: 'str', v: JSON.parse(s.slice(i, j + 1)) as string, at });
      } catch {
        throw new TemplateError(`bad string literal ${s.slice(i, j + 1)}`, at);
      }
      i = j + 1;
    } else if (c === '`') {
      const j = s.indexOf('`', i + 1);
      out.push({ t: 'str', v: s.slice(i + 1, j), at });
      i = j + 1;
    } else if (c === "'") {
      const j = s.indexOf("'", i + 1);
      out.push({ t: 'num', v: String(s.codePointAt(i + 1)), at });
      i = j + 1;
    } else if (/[0-9]/.test(c) || (c === '-' && /[0-9]/.test(s[i + 1] ?? ''))) {
      const m = /^-?(0x[0-9a-fA-F]+|[0-9]+(\.[0-9]+)?([eE][-+]?[0-9]+)?)/.exec(s.slice(i)) as RegExpExecArray;
      out.push({ t: 'num', v: m[0], at });
      i += m[0].length;
    } else if (c === '.' || c === '$') {
      const m = /^(\$[A-Za-z0-9_]*|\.)((?:\.?[A-Za-z_][A-Za-z0-9_]*)*)/.exec(s.slice(i)) as RegExpExecArray;
      out.push({ t: c === '$' ? 'var' : 'field', v: m[0], at });
      i += m[0].length;
    } else if (/[A-Za-z_]/.test(c)) {
      const m = /^[A-Za-z_][A-Za-z0-9_]*/.exec(s.slice(i)) as RegExpExecArray;
      out.push({ t: 'ident', v: m[0], at });
      i += m[0].length;
    } else if (s.startsWith(':=', i)) {
      out.push({ t: 'sym', v: ':=', at });
      i += 2;
    } else if ('|(),='.includes(c)) {
      out.push({ t: 'sym', v: c, at });
      i++;
    } else {
      throw new TemplateError(`unexpected "${c}" in action`, at);
    }
  }
  return out;
}

/** `.a.b` → ['a','b']; `.` → []; `$x.a` → ['a'] with name $x. */
function fieldPath(v: string): { name?: string; path: string[] } {
  if (v.startsWith('$')) {
    const [name, ...rest] = v.split('.');
    return { name, path: rest };
  }
  return { path: v === '.' ? [] : v.slice(1).split('.') };
}

function parsePipeline(tokens: Token[], at: number): Pipeline {
  let i = 0;
  const pipe: Pipeline = { decl: [], assign: false, cmds: [], at };
  // Variable declarations: $x := ..., or $i, $v := ... in range.
  const declEnd = tokens.findIndex((t) => t.t === 'sym' && (t.v === ':=' || t.v === '='));
  if (declEnd > 0 && tokens.slice(0, declEnd).every((t) => t.t === 'var' || (t.t === 'sym' && t.v === ','))) {
    pipe.decl = tokens.slice(0, declEnd).filter((t) => t.t === 'var').map((t) => t.v);
    pipe.assign = tokens[declEnd].v === '=';
    i = declEnd + 1;
  }
  const parseArgs = (stop: (t: Token) => boolean): Arg[][] => {
    const cmds: Arg[][] = [[]];
    while (i < tokens.length && !stop(tokens[i])) {
      const tk = tokens[i++];
      if (tk.t === 'sym' && tk.v === '|') {
        if (cmds[cmds.length - 1].length === 0) throw new TemplateError('missing command before "|"', tk.at);
        cmds.push([]);
        continue;
      }
      const cmd = cmds[cmds.length - 1];
      if (tk.t === 'sym' && tk.v === '(') {
        const inner = parseArgs((t) => t.t === 'sym' && t.v === ')');
        if (i >= tokens.length) throw new TemplateError('unclosed "("', tk.at);
        i++;
        let path: string[] = [];
        // (expr).field
        const next = tokens[i];
        if (next && next.t === 'field' && next.at === tokens[i - 1].at + 1 && next.v !== '.') {
          path = fieldPath(next.v).path;
          i++;
        }
        cmd.push({ kind: 'paren', pipe: { decl: [], assign: false, cmds: inner, at: tk.at }, path, at: tk.at });
      } else if (tk.t === 'str') cmd.push({ kind: 'lit', value: tk.v, at: tk.at });
      else if (tk.t === 'num') cmd.push({ kind: 'lit', value: Number(tk.v), at: tk.at });
      else if (tk.t === 'field' || tk.t === 'var') cmd.push({ kind: 'field', base: tk.t === 'var' ? 'var' : 'dot', ...fieldPath(tk.v), at: tk.at });
      else if (tk.t === 'ident') {
        if (tk.v === 'true' || tk.v === 'false') cmd.push({ kind: 'lit', value: tk.v === 'true', at: tk.at });
        else if (tk.v === 'nil') cmd.push({ kind: 'lit', value: null, at: tk.at });
        else cmd.push({ kind: 'ident', name: tk.v, at: tk.at });
      } else throw new TemplateError(`unexpected "${tk.v}"`, tk.at);
    }
    if (cmds[cmds.length - 1].length === 0) throw new TemplateError('missing value in pipeline', tokens[i - 1]?.at ?? at);
    return cmds;
  };
  pipe.cmds = parseArgs(() => false);
  return pipe;
}

const KEYWORDS = new Set(['if', 'else', 'end', 'with', 'range', 'define', 'template', 'block', 'break', 'continue']);

function parse(text: string): Node[] {
  const items = lex(text);
  let k = 0;
  const parseList = (terminators: string[]): { nodes: Node[]; ended: string; endTokens: Token[]; endAt: number } => {
    const nodes: Node[] = [];
    while (k < items.length) {
      const item = items[k++];
      if (typeof item === 'string') {
        nodes.push({ type: 'text', text: item });
        continue;
      }
      if (/^\s*\/\*[\s\S]*\*\/\s*$/.test(item.body)) continue;
      const tokens = tokenize(item);
      if (tokens.length === 0) throw new TemplateError('empty action', item.at);
      const head = tokens[0];
      const word = head.t === 'ident' && KEYWORDS.has(head.v) ? head.v : '';
      if (word === 'end' || word === 'else') {
        if (!terminators.includes(word)) throw new TemplateError(`unexpected {{${word}}}`, head.at);
        return { nodes, ended: word, endTokens: tokens.slice(1), endAt: head.at };
      }
      if (word === 'if' || word === 'with') {
        const branches = [{ pipe: parsePipeline(tokens.slice(1), head.at), body: [] as Node[] }];
        let otherwise: Node[] | undefined;
        for (;;) {
          const r = parseList(['end', 'else']);
          branches[branches.length - 1].body = r.nodes;
          if (r.ended === 'end') break;
          if (r.endTokens.length > 0 && r.endTokens[0].t === 'ident' && r.endTokens[0].v === word) {
            branches.push({ pipe: parsePipeline(r.endTokens.slice(1), r.endAt), body: [] });
            continue;
          }
          const rest = parseList(['end']);
          otherwise = rest.nodes;
          break;
        }
        nodes.push({ type: word, branches, ...(otherwise ? { otherwise } : {}) });
        continue;
      }
      if (word === 'range') {
        const pipe = parsePipeline(tokens.slice(1), head.at);
        const r = parseList(['end', 'else']);
        let otherwise: Node[] | undefined;
        if (r.ended === 'else') otherwise = parseList(['end']).nodes;
        nodes.push({ type: 'range', pipe, body: r.nodes, ...(otherwise ? { otherwise } : {}) });
        continue;
      }
      if (word) throw new TemplateError(`{{${word}}} is not supported by this tool's template evaluator`, head.at, true);
      nodes.push({ type: 'action', pipe: parsePipeline(tokens, item.at) });
    }
    if (terminators.length > 0) throw new TemplateError(`missing {{end}}`, text.length);
    return { nodes, ended: '', endTokens: [], endAt: text.length };
  };
  return parseList([]).nodes;
}

/** Go's truth: false, 0, nil, and empty strings, lists and maps are false. */
export function truthy(v: unknown): boolean {
  if (v === undefined || v === null || v === false || v === 0 || v === '') return false;
  if (Array.isArray(v)) return v.length > 0;
  if (typeof v === 'object') return Object.keys(v as object).length > 0;
  return true;
}

/** Marks a missing map key: prints as "<no value>" as Go does. */
const NO_VALUE = Symbol('no value');

interface Scope {
  dot: unknown;
  vars: Map<string, unknown>[];
}

class Evaluator {
  constructor(private readonly opts: GoTemplateOptions) {}

  run(nodes: Node[], scope: Scope, out: string[]): void {
    for (const n of nodes) {
      if (n.type === 'text') out.push(n.text);
      else if (n.type === 'action') {
        const v = this.pipeline(n.pipe, scope);
        if (n.pipe.decl.length === 0) out.push(v === NO_VALUE ? '<no value>' : goPrint(v));
      } else if (n.type === 'if' || n.type === 'with') {
        let done = false;
        for (const b of n.branches) {
          const inner: Scope = { dot: scope.dot, vars: [...scope.vars, new Map()] };
          const v = this.pipeline(b.pipe, inner);
          if (truthy(v === NO_VALUE ? undefined : v)) {
            this.run(b.body, n.type === 'with' ? { ...inner, dot: v } : inner, out);
            done = true;
            break;
          }
        }
        if (!done && n.otherwise) this.run(n.otherwise, { dot: scope.dot, vars: [...scope.vars, new Map()] }, out);
      } else if (n.type === 'range') {
        const inner: Scope = { dot: scope.dot, vars: [...scope.vars, new Map()] };
        const decl = n.pipe.decl;
        const v = this.pipeline({ ...n.pipe, decl: [] }, inner);
        const entries: [unknown, unknown][] = Array.isArray(v)
          ? v.map((x, i) => [i, x])
          : v !== null && typeof v === 'object'
            ? Object.keys(v).sort().map((key) => [key, (v as Record<string, unknown>)[key]])
            : typeof v === 'number'
              ? Array.from({ length: Math.max(0, Math.floor(v)) }, (_x, i) => [i, i])
              : v === undefined || v === null || v === NO_VALUE
                ? []
                : (() => {
                    throw new TemplateError(`range can't iterate over ${goPrint(v)}`, n.pipe.at);
                  })();
        if (entries.length === 0 && n.otherwise) this.run(n.otherwise, inner, out);
        for (const [key, item] of entries) {
          const vars = new Map<string, unknown>();
          if (decl.length === 1) vars.set(decl[0], item);
          if (decl.length === 2) {
            vars.set(decl[0], key);
            vars.set(decl[1], item);
          }
          this.run(n.body, { dot: item, vars: [...inner.vars, vars] }, out);
        }
      }
    }
  }

  private lookupVar(name: string, scope: Scope, at: number): unknown {
    for (let i = scope.vars.length - 1; i >= 0; i--) if (scope.vars[i].has(name)) return scope.vars[i].get(name);
    throw new TemplateError(`undefined variable "${name}"`, at);
  }

  private field(base: unknown, path: string[], at: number): unknown {
    let cur = base;
    for (const name of path) {
      if (cur === NO_VALUE || cur === null || cur === undefined) throw new TemplateError(`nil pointer evaluating .${name}`, at);
      if (typeof cur !== 'object' || Array.isArray(cur)) throw new TemplateError(`can't evaluate field ${name} in ${Array.isArray(cur) ? 'a list' : `"${goPrint(cur)}"`}`, at);
      if (!Object.hasOwn(cur as object, name)) {
        if (this.opts.missingKeyError) throw new TemplateError(`map has no entry for key "${name}"`, at);
        cur = NO_VALUE;
        continue;
      }
      cur = (cur as Record<string, unknown>)[name];
    }
    return cur;
  }

  private arg(a: Arg, scope: Scope): unknown {
    switch (a.kind) {
      case 'lit':
        return a.value;
      case 'field':
        return this.field(a.base === 'dot' ? scope.dot : this.lookupVar(a.name as string, scope, a.at), a.path, a.at);
      case 'paren':
        return this.field(this.pipeline(a.pipe, scope), a.path, a.at);
      case 'ident':
        return this.call(a.name, [], scope, a.at);
    }
  }

  private call(name: string, args: unknown[], _scope: Scope, at: number): unknown {
    const fn: TemplateFunction | undefined = Object.hasOwn(TEMPLATE_FUNCTIONS, name) ? TEMPLATE_FUNCTIONS[name] : undefined;
    if (!fn) throw new TemplateError(`function "${name}" is not supported by this tool's template evaluator`, at, true);
    try {
      return fn(...args.map((v) => (v === NO_VALUE ? undefined : v)));
    } catch (e) {
      throw new TemplateError(`error calling ${name}: ${(e as Error).message}`, at);
    }
  }

  private command(cmd: Arg[], scope: Scope, piped: unknown[]): unknown {
    const [head, ...rest] = cmd;
    if (head.kind === 'ident') {
      // `and`/`or` short-circuit as in Go.
      if (head.name === 'and' || head.name === 'or') {
        const values = [...rest.map((a) => () => this.arg(a, scope)), ...piped.map((p) => () => p)];
        let last: unknown;
        for (const get of values) {
          last = get();
          if (head.name === 'and' ? !truthy(last) : truthy(last)) return last;
        }
        return last;
      }
      return this.call(head.name, [...rest.map((a) => this.arg(a, scope)), ...piped], scope, head.at);
    }
    if (rest.length > 0 || piped.length > 0) throw new TemplateError("can't give arguments to a non-function", head.at);
    return this.arg(head, scope);
  }

  pipeline(p: Pipeline, scope: Scope): unknown {
    let v: unknown;
    p.cmds.forEach((cmd, i) => {
      v = this.command(cmd, scope, i === 0 ? [] : [v]);
    });
    if (p.decl.length > 0) {
      // `=` assigns the innermost variable of that name, as Go's scoping does
      if (p.assign) [...scope.vars].reverse().find((vars) => vars.has(p.decl[0]))?.set(p.decl[0], v);
      else scope.vars[scope.vars.length - 1].set(p.decl[0], v);
    }
    return v;
  }
}

/**
 * Go's text/template with sprig, as Argo CD runs it for `goTemplate: true` ApplicationSets: the
 * constructs and functions ApplicationSets use in practice. Anything else is a TemplateError
 * marked `unsupported`, never a silent guess.
 */
export function renderGoTemplate(text: string, data: unknown, opts: GoTemplateOptions = {}): string {
  if (!text.includes('{{')) return text;
  const nodes = parse(text);
  const out: string[] = [];
  new Evaluator(opts).run(nodes, { dot: data, vars: [new Map([['$', data]])] }, out);
  return out.join('');
}
