import { formatPath, isMap, type Path, type Position, type Value, type ValueMap } from '../common';
import { isPromotable } from '../config';
import { getApp, getEnv, resolveValues, type Workspace } from '../workspace';
import { redactAny } from '../checks';

export type DiffKind = 'only-in-from' | 'only-in-to' | 'changed';

export interface DiffEntry {
  path: Path;
  kind: DiffKind;
  from?: Value;
  to?: Value;
}

/** Leaf by leaf, how `to` differs from `from`. Lists are compared whole, as Helm replaces them whole. */
export function diffValues(from: ValueMap, to: ValueMap, prefix: Path = []): DiffEntry[] {
  const out: DiffEntry[] = [];
  for (const key of [...new Set([...Object.keys(from), ...Object.keys(to)])].sort()) {
    const path = [...prefix, key];
    const a = from[key];
    const b = to[key];
    if (!(key in to)) out.push({ path, kind: 'only-in-from', from: a });
    else if (!(key in from)) out.push({ path, kind: 'only-in-to', to: b });
    else if (isMap(a) && isMap(b)) out.push(...diffValues(a, b, path));
    else if (JSON.stringify(a) !== JSON.stringify(b)) out.push({ path, kind: 'changed', from: a, to: b });
  }
  return out;
}

export interface EnvDiffEntry extends DiffEntry {
  key: string;
  /** Would `gitops promote` copy it? Otherwise it is pinned per env. */
  promotable: boolean;
  /** Where each side is set. */
  fromAt?: Position;
  toAt?: Position;
}

export interface EnvDiff {
  app: string;
  from: string;
  to: string;
  entries: EnvDiffEntry[];
}

/** The semantic difference of an app's effective values between two envs, with what promotion may copy. */
export function diffEnvs(ws: Workspace, app: string, from: string, to: string): EnvDiff {
  getApp(ws, app);
  getEnv(ws, from);
  getEnv(ws, to);
  const a = resolveValues(ws, app, from);
  const b = resolveValues(ws, app, to);
  return {
    app,
    from,
    to,
    entries: diffValues(a.values, b.values).map((e) => ({
      ...e,
      key: formatPath(e.path),
      promotable: isPromotable(ws.config, app, e.path),
      ...(e.kind !== 'only-in-to' ? { fromAt: a.originOf(e.path) } : {}),
      ...(e.kind !== 'only-in-from' ? { toAt: b.originOf(e.path) } : {}),
    })),
  };
}

const show = (path: Path, v: Value | undefined) => JSON.stringify(redactAny(path, v) ?? null);

/** The diff for people: changed, then only-in-from, then only-in-to; promotable or pinned; secrets redacted. */
export function formatEnvDiff(d: EnvDiff): string {
  if (d.entries.length === 0) return `${d.app}: ${d.from} and ${d.to} have the same effective values.\n`;
  const lines = [`${d.app}: ${d.from} -> ${d.to}`];
  const tag = (e: EnvDiffEntry) => (e.promotable ? '[promotable]' : '[pinned per env]');
  const section = (kind: DiffKind, title: string, fmt: (e: EnvDiffEntry) => string) => {
    const es = d.entries.filter((e) => e.kind === kind);
    if (es.length === 0) return;
    lines.push(`  ${title}:`);
    for (const e of es) lines.push(`    ${fmt(e)}  ${tag(e)}`);
  };
  section('changed', 'changed', (e) => `~ ${e.key}: ${show(e.path, e.from)} -> ${show(e.path, e.to)}`);
  section('only-in-from', `only in ${d.from}`, (e) => `- ${e.key}: ${show(e.path, e.from)}`);
  section('only-in-to', `only in ${d.to}`, (e) => `+ ${e.key}: ${show(e.path, e.to)}`);
  const promotable = d.entries.filter((e) => e.promotable).length;
  lines.push(`  ${d.entries.length} difference${d.entries.length === 1 ? '' : 's'}, ${promotable} promotable.`);
  return `${lines.join('\n')}\n`;
}

/** The diff as data, secrets redacted. */
export function envDiffJson(d: EnvDiff): unknown {
  return { ...d, entries: d.entries.map(({ path, ...e }) => ({ ...e, from: redactAny(path, e.from), to: redactAny(path, e.to) })) };
}

