import { CONFIG_FILE, diffEnvs, getApp, getEnv, overlayFileName, UserError, type GitopsConfig, type Path, type Value, type Workspace } from '@hvm/core';

export interface Change {
  path: Path;
  key: string;
  /** The effective value in the source env: what the target gets. */
  from: Value;
  /** The effective value in the target env now; undefined when it has none. */
  to: Value | undefined;
  /** Secret-like by key or content: shown as <redacted> everywhere. */
  secret: boolean;
}

export interface AppPlan {
  app: string;
  to: string;
  /** values-<to>.yaml, relative to the workspace root: the only file promotion edits. */
  overlayFile: string;
  changes: Change[];
}

export interface PromotionPlan {
  from: string;
  to: string[];
  apps: AppPlan[];
}

export interface PlanOptions {
  from: string;
  /** Target envs; the declared targets of `from` (a fan-out) when absent. */
  to?: string[];
  apps?: string[];
  /** Allow a promotion that skips a stage of the declared path, or follows none. */
  force?: boolean;
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
  for (const app of apps) {
    for (const to of targets) {
      const changes: Change[] = diffEnvs(ws, app.name, opts.from, to)
        .entries.filter((e) => e.promotable)
        .map((e) => ({ path: e.path, key: e.key, from: e.from as Value, to: e.to, secret: e.secret }));
      if (changes.length > 0) plans.push({ app: app.name, to, overlayFile: `${app.dir}/${overlayFileName(to)}`, changes });
    }
  }
  return { from: opts.from, to: targets, apps: plans };
}
