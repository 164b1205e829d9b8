import { CONFIG_FILE, deploymentsIn, editTarget, envDiffEntries, getApp, getEnv, resolveValues, UserError, type GitopsConfig, type Path, type Position, type Resolutions, type Value, type Workspace } from '@helm-values-manager/core';

export interface Change {
  path: Path;
  key: string;
  /** The effective value in the source env: what the target gets. */
  from: Value;
  /** The effective value in the target env now; undefined when it has none. */
  to: Value | undefined;
  /** Secret-like by key or content: shown as <redacted> everywhere. */
  secret: boolean;
  /** For a helm parameter: where its value is written. */
  at?: Position;
}

export interface AppPlan {
  app: string;
  to: string;
  /** The file promotion edits, relative to the workspace root: the layer that sets these values for `to`. */
  overlayFile: string;
  /** A values file, or an Argo CD Application (or its override file) whose helm.parameters are edited. */
  kind: 'values' | 'parameter';
  changes: Change[];
}

/** A difference promotion cannot write, and why (an ApplicationSet template, inline values...). */
export interface Skipped {
  app: string;
  to: string;
  key: string;
  reason: string;
}

export interface PromotionPlan {
  from: string;
  to: string[];
  apps: AppPlan[];
  skipped: Skipped[];
}

export interface PlanOptions {
  from: string;
  /** Target envs; the declared targets of `from` (a fan-out) when absent. */
  to?: string[];
  apps?: string[];
  /** Allow a promotion that skips a stage of the declared path, or follows none. */
  force?: boolean;
  /** This run's resolutions, when the plan is one part of a larger report (the status page). */
  resolutions?: Resolutions;
}

/** The envs `from` promotes to directly, per gitops.yaml. */
export function nextEnvs(config: GitopsConfig, from: string): string[] {
  return config.promotion.paths.filter((p) => p.from === from).flatMap((p) => p.to);
}

/** Refuse a promotion that skips a stage (dev -> prod past staging) or follows no declared path, unless forced. */
export function checkPromotionPath(config: GitopsConfig, from: string, to: string, force = false): void {
  if (from === to) throw new UserError(`cannot promote ${from} to itself`, { hint: 'Pick two different envs.' });
  if (nextEnvs(config, from).includes(to) || force) return;
  // breadth-first over the declared paths, to name the stages in between
  const prev = new Map<string, string>([[from, '']]);
  const queue = [from];
  while (queue.length > 0) {
    const env = queue.shift() as string;
    for (const next of nextEnvs(config, env)) {
      if (prev.has(next)) continue;
      prev.set(next, env);
      queue.push(next);
    }
  }
  if (!prev.has(to)) {
    throw new UserError(`no promotion path in ${CONFIG_FILE} leads from ${from} to ${to}`, { file: CONFIG_FILE, hint: 'Declare it under promotion.paths, or pass --force to promote anyway.' });
  }
  const chain = [to];
  while (chain[0] !== from) chain.unshift(prev.get(chain[0]) as string);
  throw new UserError(`promoting ${from} -> ${to} skips ${chain.slice(1, -1).join(', ')}: the declared path is ${chain.join(' -> ')}`, {
    file: CONFIG_FILE,
    hint: `Promote one stage at a time (--from ${from} --to ${chain[1]}), or pass --force.`,
  });
}

/**
 * For each app and target env: the promotable values whose effective value differs. It is made
 * of the entries `gitops diff` marks promotable, so the two never disagree. Pure: reads, never writes.
 */
export function planPromotion(ws: Workspace, opts: PlanOptions): PromotionPlan {
  getEnv(ws, opts.from);
  const targets = opts.to && opts.to.length > 0 ? opts.to : nextEnvs(ws.config, opts.from);
  if (targets.length === 0) throw new UserError(`${opts.from} promotes to no env in ${CONFIG_FILE}`, { file: CONFIG_FILE, hint: 'Pass --to, or declare a path under promotion.paths.' });
  for (const to of targets) {
    getEnv(ws, to);
    checkPromotionPath(ws.config, opts.from, to, opts.force);
  }
  const apps = opts.apps && opts.apps.length > 0 ? opts.apps.map((a) => getApp(ws, a)) : ws.apps;
  const plans: AppPlan[] = [];
  const skipped: Skipped[] = [];
  for (const app of apps) {
    if (!deployedIn(ws, app.name, opts.from)) continue;
    const fromRes = resolveValues(ws, app.name, opts.from, { resolutions: opts.resolutions });
    for (const to of targets) {
      const opaque = new Set(fromRes.opaque.map((p) => JSON.stringify(p)));
      if (!deployedIn(ws, app.name, to)) continue;
      const targetRes = resolveValues(ws, app.name, to, { resolutions: opts.resolutions });
      for (const o of targetRes.opaque) opaque.add(JSON.stringify(o));
      const byFile = new Map<string, AppPlan>();
      const changes: Change[] = envDiffEntries(ws, app.name, fromRes, targetRes)
        .filter((e) => e.promotable)
        // An encrypted value is never read in clear, so never copied; what the source leaves empty would only unset the target.
        .filter((e) => !opaque.has(JSON.stringify(e.path)) && e.from !== '' && e.from !== null && e.from !== undefined)
        .map((e) => ({ path: e.path, key: e.key, from: e.from as Value, to: e.to, secret: e.secret }));
      for (const change of changes) {
        // Written where provenance says the target gets it: an overlay, a shared env file, an Application's parameter.
        const t = editTarget(ws, targetRes, change.path);
        if (t.kind === 'none') {
          skipped.push({ app: app.name, to, key: change.key, reason: t.reason });
          continue;
        }
        const key = `${t.kind}:${t.file}`;
        const plan = byFile.get(key) ?? { app: app.name, to, overlayFile: t.file, kind: t.kind, changes: [] };
        plan.changes.push(t.kind === 'parameter' ? { ...change, at: t.at } : change);
        byFile.set(key, plan);
      }
      plans.push(...byFile.values());
    }
  }
  return { from: opts.from, to: targets, apps: plans, skipped };
}

/** Whether the app deploys to `env` at all: an app Applications deploy elsewhere only has nothing to promote there. */
function deployedIn(ws: Workspace, app: string, env: string): boolean {
  const info = getApp(ws, app);
  return !info.deployed || deploymentsIn(ws, app, env).length > 0;
}
