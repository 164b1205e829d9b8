import type { EnvConfig } from '../config';
import type { Finding, Position } from '../common';
import type { AppInfo, AppResolution, Resolutions, Workspace } from '../workspace';

/** What a check sees: one app in one env (and cluster), values already resolved. */
export interface CheckContext {
  ws: Workspace;
  app: AppInfo;
  env: EnvConfig;
  cluster?: string;
  resolution: AppResolution;
  /** This run's resolutions, for what a check derives from `resolution` (the values Argo CD deploys). */
  resolutions?: Resolutions;
}

/** A check never prints and never throws for user input: it returns findings. */
export type Check = (ctx: CheckContext) => Finding[];

/** A finding of the checked app in the checked env, at the line that set (or should set) the value. */
export function findingAt(ctx: Pick<CheckContext, 'app' | 'env'>, at: Position, f: Pick<Finding, 'rule' | 'severity' | 'message' | 'path' | 'hint'>): Finding {
  return { rule: f.rule, severity: f.severity, message: f.message, file: at.file, line: at.line, column: at.column, app: ctx.app.name, env: ctx.env.name, path: f.path, hint: f.hint };
}
