import { formatPath, isMap, type Path, type Position, type Value, type ValueMap } from '../common';
import { isPromotable } from '../config';
import { type AppResolution, getApp, resolveValues, type Workspace } from '../workspace';
import { compareEnvSecrets, isSecretLike, NO_SOPS_KEYS, REDACTED, redactAny, type SecretKeyComparison, siblingsOf, type SopsKeyring } from '../checks';

export type DiffKind = 'only-in-from' | 'only-in-to' | 'changed';

export interface DiffEntry {
  path: Path;
  kind: DiffKind;
  from?: Value;
  to?: Value;
}

const nonEmptyMap = (v: unknown): v is ValueMap => isMap(v) && Object.keys(v).length > 0;

/**
 * Leaf by leaf, how `to` differs from `from`. Lists are compared whole, as Helm replaces them
 * whole; a map on one side only is walked into, so each of its leaves is an entry of its own,
 * as promotion sees them.
 */
export function diffValues(from: ValueMap, to: ValueMap, prefix: Path = []): DiffEntry[] {
  const out: DiffEntry[] = [];
  for (const key of [...new Set([...Object.keys(from), ...Object.keys(to)])].sort()) {
    const path = [...prefix, key];
    const a = from[key];
    const b = to[key];
    if (!(key in to)) out.push(...(nonEmptyMap(a) ? diffValues(a, {}, path) : [{ path, kind: 'only-in-from' as const, from: a }]));
    else if (!(key in from)) out.push(...(nonEmptyMap(b) ? diffValues({}, b, path) : [{ path, kind: 'only-in-to' as const, to: b }]));
    else if (isMap(a) && isMap(b)) out.push(...diffValues(a, b, path));
    else if (JSON.stringify(a) !== JSON.stringify(b)) out.push({ path, kind: 'changed', from: a, to: b });
  }
  return out;
}

export interface EnvDiffEntry extends DiffEntry {
  key: string;
  /** Does `gitops promote` copy it? Otherwise it is pinned per env. The promotion plan is made of exactly these entries. */
  promotable: boolean;
  /** Secret-like by key or content on either side: shown as <redacted> everywhere. */
  secret: boolean;
  /** Where each side is set. */
  fromAt?: Position;
  toAt?: Position;
}

export interface EnvDiff {
  app: string;
  from: string;
  to: string;
  entries: EnvDiffEntry[];
  /** The env's secret keys compared by name (and by keyed hash of their values when both were decrypted). */
  secrets: SecretKeyComparison[];
}

/** The semantic difference of an app's effective values between two envs, with what promotion may copy. */
export function diffEnvs(ws: Workspace, app: string, from: string, to: string, sopsKeys: SopsKeyring = NO_SOPS_KEYS): EnvDiff {
  const appInfo = getApp(ws, app);
  return { app, from, to, entries: envDiffEntries(ws, app, resolveValues(ws, app, from), resolveValues(ws, app, to)), secrets: compareEnvSecrets(ws, appInfo, from, to, sopsKeys) };
}

/**
 * The value entries of `diffEnvs` from two resolutions of the app already at hand, without the
 * secret keys: what a promotion plan is made of.
 */
export function envDiffEntries(ws: Workspace, app: string, a: AppResolution, b: AppResolution): EnvDiffEntry[] {
  return diffValues(a.values, b.values).map((e) => ({
    ...e,
    key: formatPath(e.path),
    promotable: copiedByPromotion(ws, app, e),
    secret: isSecretLike(e.path, e.from, siblingsOf(a.values, e.path)) || isSecretLike(e.path, e.to, siblingsOf(b.values, e.path)),
    ...(e.kind !== 'only-in-to' ? { fromAt: a.originOf(e.path) } : {}),
    ...(e.kind !== 'only-in-from' ? { toAt: b.originOf(e.path) } : {}),
  }));
}

/**
 * Promotion copies a value the source env has, when the key is promotable and the value keeps
 * its shape: it never deletes a key the target has, nor turns a map into a scalar or back.
 */
function copiedByPromotion(ws: Workspace, app: string, e: DiffEntry): boolean {
  if (e.kind === 'only-in-to') return false;
  if (e.kind === 'changed' && isMap(e.from) !== isMap(e.to)) return false;
  return isPromotable(ws.config, app, e.path);
}

// Each line shows a side that has the key, so `v` is never undefined here.
const show = (e: EnvDiffEntry, v: Value | undefined) => (e.secret ? REDACTED : JSON.stringify(redactAny(e.path, v)));

/** The diff for people: changed, then only-in-from, then only-in-to; promotable or pinned; secrets redacted. */
export function formatEnvDiff(d: EnvDiff): string {
  const secrets = formatSecretKeys(d);
  if (d.entries.length === 0) return `${d.app}: ${d.from} and ${d.to} have the same effective values.\n${secrets}`;
  const lines = [`${d.app}: ${d.from} -> ${d.to}`];
  const tag = (e: EnvDiffEntry) => (e.promotable ? '[promotable]' : '[pinned per env]');
  const section = (kind: DiffKind, title: string, fmt: (e: EnvDiffEntry) => string) => {
    const es = d.entries.filter((e) => e.kind === kind);
    if (es.length === 0) return;
    lines.push(`  ${title}:`);
    for (const e of es) lines.push(`    ${fmt(e)}  ${tag(e)}`);
  };
  section('changed', 'changed', (e) => `~ ${e.key}: ${show(e, e.from)} -> ${show(e, e.to)}`);
  section('only-in-from', `only in ${d.from}`, (e) => `- ${e.key}: ${show(e, e.from)}`);
  section('only-in-to', `only in ${d.to}`, (e) => `+ ${e.key}: ${show(e, e.to)}`);
  const promotable = d.entries.filter((e) => e.promotable).length;
  lines.push(`  ${d.entries.length} difference${d.entries.length === 1 ? '' : 's'}, ${promotable} promotable.`);
  return `${lines.join('\n')}\n${secrets}`;
}

/** Secret keys by name; a value is never shown, only whether the two envs share it. */
function formatSecretKeys(d: EnvDiff): string {
  const notable = d.secrets.filter((s) => s.status !== 'in-both' && s.status !== 'different-value');
  if (notable.length === 0) return '';
  const text: Record<string, string> = {
    'only-in-from': `only in ${d.from}: promotion leaves ${d.to} without it`,
    'only-in-to': `only in ${d.to}`,
    'same-value': `the same value in ${d.from} and ${d.to}`,
  };
  return `  secret keys:\n${notable.map((s) => `    ${s.status === 'only-in-to' ? '+' : s.status === 'only-in-from' ? '-' : '='} ${s.key}: ${text[s.status]}`).join('\n')}\n`;
}

/** The diff as data, secrets redacted. */
export function envDiffJson(d: EnvDiff): unknown {
  return { ...d, entries: d.entries.map(({ path, ...e }) => ({ ...e, from: e.secret && e.from !== undefined ? REDACTED : redactAny(path, e.from), to: e.secret && e.to !== undefined ? REDACTED : redactAny(path, e.to) })) };
}

