import { deploymentByApplication, UserError, type AppDeployment, type Workspace } from '@helm-values-manager/core';
import type { Flag } from './command';

/**
 * `--application NAME`: users think in Argo CD Application names (ApplicationSet-generated ones
 * included, or NAMESPACE/NAME), so every command that takes APP ENV takes this instead.
 */
export function applicationFlag(description = 'the Argo CD Application instead of APP ENV (a generated name too, or NAMESPACE/NAME)', multiple = false): Flag {
  return { name: 'application', short: 'a', value: 'NAME', description, ...(multiple ? { multiple } : {}) };
}

/** The app, env (and extra cluster) one Application deploys. */
export interface ApplicationTarget {
  app: string;
  env: string;
  cluster?: string;
  deployment: AppDeployment;
}

/** What `--application NAME` deploys; exit 2 with a did-you-mean when no Application has that name, or when it deploys to no env. */
export function applicationTarget(ws: Workspace, name: string): ApplicationTarget {
  const d = deploymentByApplication(ws, name);
  if (!d.env) throw new UserError(`Application "${name}" deploys to no env of gitops.yaml, so no env's values or checks apply`, { hint: 'Declare its env (with its namespace) in gitops.yaml, or name it with argocd.names patterns (docs/layouts.md).' });
  return { app: d.app, env: d.env, ...(d.cluster ? { cluster: d.cluster } : {}), deployment: d };
}

/** The `--application` values given (none, one, or several for a repeatable flag). */
export function applicationNames(values: Record<string, unknown>): string[] {
  const v = values.application;
  return v === undefined ? [] : Array.isArray(v) ? v.map(String) : [String(v)];
}

/**
 * APP ENV from the positionals, or from `--application NAME` (then without APP ENV); the
 * positionals after them are returned as `rest` (`count` of them exactly).
 */
export function appEnvOf(ws: Workspace, positionals: string[], values: Record<string, unknown>, usage: string, count = 0): { app: string; env: string; cluster?: string; rest: string[]; deployment?: AppDeployment } {
  const [name] = applicationNames(values);
  const needed = (name === undefined ? 2 : 0) + count;
  if (positionals.length !== needed) {
    throw new UserError(name === undefined ? `expected APP ENV${count ? ` and ${count} more argument${count > 1 ? 's' : ''}` : ''}, or --application NAME` : `--application names the app and env: give ${count ? `only the ${count} other argument${count > 1 ? 's' : ''}` : 'no APP ENV'} with it`, { hint: `Usage: ${usage}` });
  }
  if (name === undefined) return { app: positionals[0], env: positionals[1], rest: positionals.slice(2) };
  const t = applicationTarget(ws, name);
  return { app: t.app, env: t.env, ...(t.cluster ? { cluster: t.cluster } : {}), rest: positionals, deployment: t.deployment };
}

/** APP given positionally, or by `--application` (not both): the app a single-app command works on. */
export function appOf(ws: Workspace, positional: string | undefined, values: Record<string, unknown>): { app?: string; env?: string } {
  const [name] = applicationNames(values);
  if (name === undefined) return { app: positional };
  if (positional !== undefined) throw new UserError(`--application names the app: give no APP with it (got "${positional}")`, { hint: `Use either APP or --application ${name}.` });
  const t = applicationTarget(ws, name);
  return { app: t.app, env: t.env };
}
