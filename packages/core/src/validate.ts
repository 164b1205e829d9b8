import type { Check } from './check';
import { findingFromError, sortFindings, type Finding } from './finding';
import { isUserError } from './errors';
import { overlayFileName } from './layers';
import { resolveValues, type AppResolution } from './resolve';
import { schemaCheck } from './schema-check';
import { getApp, getEnv, type Workspace } from './workspace';
import { existsSync } from 'node:fs';
import { join } from 'node:path';

export interface ValidateOptions {
  /** Envs to check; all declared envs when absent. */
  envs?: string[];
  /** Checks to run; the schema check when absent. */
  checks?: Check[];
}

/** The clusters of an env that have their own overlay file, each validated on its own. */
function clusterTargets(ws: Workspace, appDir: string, env: string): (string | undefined)[] {
  const withOverlay = getEnv(ws, env).clusters.filter((c) => existsSync(join(ws.root, appDir, overlayFileName(env, c))));
  return withOverlay.length > 0 ? withOverlay : [undefined];
}

/**
 * Validate one app in each env: resolve its layers, then run every check. A broken file is a
 * finding of that app, never an exception, so other apps still report.
 */
export function validateApp(ws: Workspace, appName: string, opts: ValidateOptions = {}): Finding[] {
  const app = getApp(ws, appName);
  const envs = (opts.envs ?? ws.config.environments.map((e) => e.name)).map((n) => getEnv(ws, n));
  const checks = opts.checks ?? [schemaCheck];
  const out: Finding[] = [];
  for (const env of envs) {
    for (const cluster of clusterTargets(ws, app.dir, env.name)) {
      let resolution: AppResolution;
      try {
        resolution = resolveValues(ws, app.name, env.name, { cluster });
        for (const check of checks) out.push(...check({ ws, app, env, cluster, resolution }));
      } catch (e) {
        if (!isUserError(e)) throw e;
        out.push(findingFromError(e, { app: app.name, env: env.name }));
      }
    }
  }
  return dedupe(sortFindings(out));
}

/** A broken base file fails every env the same way: say it once. */
function dedupe(findings: Finding[]): Finding[] {
  const seen = new Set<string>();
  return findings.filter((f) => {
    if (f.rule !== 'input') return true;
    const key = `${f.file}:${f.line}:${f.column}:${f.message}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
