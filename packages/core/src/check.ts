import type { EnvConfig } from './config/types';
import type { Finding } from './finding';
import type { AppResolution } from './resolve';
import type { AppInfo, Workspace } from './workspace';

/** What a check sees: one app in one env (and cluster), values already resolved. */
export interface CheckContext {
  ws: Workspace;
  app: AppInfo;
  env: EnvConfig;
  cluster?: string;
  resolution: AppResolution;
}

/** A check never prints and never throws for user input: it returns findings. */
export type Check = (ctx: CheckContext) => Finding[];
