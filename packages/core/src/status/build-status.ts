import { type Finding, formatPath, getAt, isUserError, leaves, type Path, type Position, type Value } from '../common';
import { type AppResolution, applicationPath, clusterTargets, deployedValues, getApp, getEnv, layers, type Resolutions, resolveValues, syncedVariables, type Workspace } from '../workspace';
import { redactAny, siblingsOf } from '../checks';
import { deployedImagePath, tagText } from './image';
import type { AppStatus, FindingCounts, PendingPromotion, StatusCell, SyncTag, ValueRow, WorkspaceStatus } from './model';

export interface StatusInput {
  /** Apps to show, by name; every app when absent or empty. */
  apps?: string[];
  /** Env columns to show; every env in promotion order when absent or empty. */
  envs?: string[];
  /** Validate findings of those apps. */
  findings: Finding[];
  /** The promotion plans of the declared paths (see `pendingPromotions` in the promote package). */
  pending: PendingPromotion[];
  /** Also collect every effective value with its provenance, for the HTML report. */
  values?: boolean;
  /** The resolutions validate and the promotion plans made in this run: each app and env is then resolved once. */
  resolutions?: Resolutions;
}

/** What an env deploys for an app: the layers, then the Application's helm parameters, as Argo CD renders them. */
interface Deployed {
  env: string;
  targets: AppResolution[];
  /** Files that belong to this env alone: its overlays and its Applications. */
  own: Set<string>;
  /** Each target's leaves and where each is set, walked once for drift and the value rows. */
  walked: Leaf[][];
}

interface Leaf {
  path: Path;
  key: string;
  value: Value;
  at?: Position;
}

/** The leaves of one target of `d` (the first by default: the values shown for the env). */
function leavesOf(d: Deployed, target = 0): Leaf[] {
  const r = d.targets[target];
  if (!r) return [];
  let walked = d.walked[target];
  if (!walked) {
    walked = d.walked[target] = [];
    for (const [path, value] of leaves(r.values)) if (path.length > 0) walked.push({ path, key: formatPath(path), value, at: r.originOf(path) });
  }
  return walked;
}

/**
 * The matrix of what runs where: per app and env, the deployed image tag, the promotions
 * pending to the next env, the keys only that env sets, and the validate findings. Pure over
 * the workspace files; secrets are redacted before anything leaves this function.
 */
export function buildStatus(ws: Workspace, input: StatusInput): WorkspaceStatus {
  const envs = input.envs && input.envs.length > 0 ? input.envs.map((e) => getEnv(ws, e).name) : ws.config.environments.map((e) => e.name);
  const apps = input.apps && input.apps.length > 0 ? input.apps.map((a) => getApp(ws, a)) : ws.apps;
  const shown = new Set(apps.map((a) => a.name));
  const byApp = new Map<string, Finding[]>();
  // filed by app: only the shown apps' lists are read
  for (const f of input.findings) if (f.app && (!f.env || envs.includes(f.env))) push(byApp, f.app, f);
  const pending = input.pending.filter((p) => shown.has(p.app) && envs.includes(p.from) && envs.includes(p.to));
  const pendingOf = new Map<string, PendingPromotion[]>();
  for (const p of pending) push(pendingOf, p.app, p);

  const out: AppStatus[] = apps.map((app) => {
    const findings = byApp.get(app.name) ?? [];
    // Drift compares with every env of the workspace, shown or not.
    const deployed = ws.config.environments.map((e) => deploy(ws, app.name, app.dir, e.name, input.resolutions));
    const cells: StatusCell[] = envs.map((env) => {
      const d = deployed.find((x) => x.env === env) as Deployed;
      return {
        env,
        ...image(ws, d),
        pending: (pendingOf.get(app.name) ?? []).filter((p) => p.from === env).reduce((n, p) => n + p.changes.length, 0),
        drift: drift(d, deployed),
        findings: count(findings.filter((f) => f.env === env)),
      };
    });
    return { app: app.name, dir: app.dir, cells, findings, ...(input.values ? { values: valueRows(ws, envs.map((e) => deployed.find((x) => x.env === e) as Deployed)) } : {}) };
  });
  return { envs, apps: out, pending };
}

function push<T>(m: Map<string, T[]>, key: string, item: T): void {
  const list = m.get(key);
  if (list) list.push(item);
  else m.set(key, [item]);
}

function deploy(ws: Workspace, app: string, dir: string, env: string, resolutions?: Resolutions): Deployed {
  const targets: AppResolution[] = [];
  const own = new Set<string>();
  for (const cluster of clusterTargets(ws, dir, env)) {
    for (const l of layers(ws, app, env, cluster)) if (l.role !== 'base' && l.env === env) own.add(l.file);
    own.add(applicationPath(ws, app, env, cluster));
    try {
      targets.push(deployedValues(ws, resolveValues(ws, app, env, { cluster, resolutions }), resolutions));
    } catch (e) {
      // A broken file is already a validate finding of this app; the cell shows no values.
      if (!isUserError(e)) throw e;
    }
  }
  return { env, targets, own, walked: [] };
}

function image(ws: Workspace, d: Deployed): Pick<StatusCell, 'tags' | 'atSync' | 'digest' | 'tagAt'> {
  const first = d.targets[0];
  if (!first) return { tags: [] };
  const { tag, digest } = deployedImagePath(first.values);
  const tags: string[] = [];
  const atSync: SyncTag[] = [];
  if (tag) {
    for (const t of d.targets) {
      const value = String(redactAny(tag, tagText(getAt(t.values, tag))));
      // A helm parameter naming Argo CD's build variables is only known when Argo CD syncs: said so, never shown as a tag.
      const variables = syncedVariables(ws, t, tag, value);
      if (variables.length > 0) {
        if (!atSync.some((s) => s.value === value)) atSync.push({ value, variables });
      } else if (!tags.includes(value)) tags.push(value);
    }
  }
  const digestValue = digest ? String(redactAny(digest, getAt(first.values, digest))) : undefined;
  const at = (digest && first.originOf(digest)) || (tag && first.originOf(tag)) || undefined;
  return { tags, ...(atSync.length > 0 ? { atSync } : {}), ...(digestValue ? { digest: digestValue } : {}), ...(at ? { tagAt: at } : {}) };
}

/**
 * Keys set by this env's own files, on any of its clusters, that no other env's own files set
 * on any of its clusters.
 */
function drift(d: Deployed, all: Deployed[]): string[] {
  const others = all.filter((x) => x !== d && x.targets.length > 0);
  const out = new Set<string>();
  d.targets.forEach((_, target) => {
    for (const l of leavesOf(d, target)) {
      if (l.at === undefined || !d.own.has(l.at.file)) continue;
      if (others.some((o) => o.targets.some((r) => setHere(o, r, l.path)))) continue;
      out.add(l.key);
    }
  });
  return [...out];
}

function setHere(d: Deployed, r: AppResolution, path: Path): boolean {
  const at = r.originOf(path);
  return at !== undefined && d.own.has(at.file);
}

function count(findings: Finding[]): FindingCounts {
  const c: FindingCounts = { error: 0, warning: 0, info: 0 };
  for (const f of findings) c[f.severity]++;
  return c;
}

/** Every leaf of every env, in the order of the first env that has it; values redacted. */
function valueRows(ws: Workspace, deployed: Deployed[]): ValueRow[] {
  const rows = new Map<string, ValueRow>();
  deployed.forEach((d, i) => {
    const r = d.targets[0];
    if (!r) return;
    for (const { path, key, value, at } of leavesOf(d)) {
      const row = rows.get(key) ?? { key, cells: deployed.map(() => null) };
      const atSync = typeof value === 'string' ? syncedVariables(ws, r, path, value) : [];
      row.cells[i] = { value: JSON.stringify(redactAny(path, value, siblingsOf(r.values, path))), ...position(at), ...(atSync.length > 0 ? { atSync } : {}) };
      rows.set(key, row);
    }
  });
  return [...rows.values()];
}

const position = (at: Position | undefined) => (at ? { at } : {});
