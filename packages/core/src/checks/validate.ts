import type { Check } from './check';
import { type Finding, findingFromError, isUserError, readBoundedText, sortFindings } from '../common';
import { type AppInfo, type AppResolution, clusterTargets, getApp, getEnv, newResolutions, type Resolutions, resolveValues, type Workspace } from '../workspace';
import { applicationSecretsCheck, externalSecretCheck, sealedSecretsAcrossEnvs, secretsAcrossEnvs, type SopsKeyring } from './secrets';
import { schemaCheck } from './schema-check';
import { join } from 'node:path';
import { orphanFindings } from './orphan-files';
import { consistencyCheck } from './consistency';
import { applyIgnores } from './ignore';
import { policyCheck } from './policy/policy-check';
import { RULES } from '../rules';
import { scanSecretFiles } from './secrets/encrypted-files';
import { secretScanCheck } from './secrets/secret-scan';
import { unusedValuesFiles } from './unused-values';

export interface ValidateOptions {
  /** Envs to check; all declared envs when absent. */
  envs?: string[];
  /** Per-env checks to run; every validate check when absent. */
  checks?: Check[];
  /** Data keys of the SOPS files the user's age identities open: their values are then checked in memory. */
  sopsKeys?: SopsKeyring;
  /**
   * What the rendered manifests showed (manifest schemas, the hardening rules on the Pod specs,
   * HPAs and Ingresses). When given, they replace the values-level policy hints, which only
   * guess what the chart deploys; their ignore comments apply as to any finding.
   */
  rendered?: Finding[];
  /** This run's resolutions, shared with what else the command computes (the status page, promotion plans). */
  resolutions?: Resolutions;
}

/** What `validate` checks in each env: the schema, policy, plaintext secrets and Argo CD consistency. */
export const VALIDATE_CHECKS: Check[] = [schemaCheck, policyCheck, secretScanCheck, applicationSecretsCheck, externalSecretCheck, consistencyCheck];


/**
 * Validate one app in each env: resolve its layers, then run every check. A broken file is a
 * finding of that app, never an exception, so other apps still report.
 */
export function validateApp(ws: Workspace, appName: string, opts: ValidateOptions = {}): Finding[] {
  const app = getApp(ws, appName);
  const envs = (opts.envs ?? ws.config.environments.map((e) => e.name)).map((n) => getEnv(ws, n));
  const checks = (opts.checks ?? VALIDATE_CHECKS).filter((c) => !opts.rendered || c !== policyCheck);
  // The secrets compared across envs and the per-env checks read the same resolutions: made once.
  const resolutions = opts.resolutions ?? newResolutions();
  // The app's secrets/ folder is the same in every env: checked once, with the full set.
  const out: Finding[] = opts.checks ? [] : [...scanSecretFiles(ws, app), ...orphanFindings(ws, app)];
  // Secrets compared across envs (missing keys, reuse between tiers) and SOPS files verified.
  if (!opts.checks) out.push(...appLevel(ws, app, envs.map((e) => e.name), opts.sopsKeys, resolutions));
  out.push(...(opts.rendered ?? []));
  // Every values file read, so that its ignore comments are checked even where nothing is found.
  const texts = new Map<string, string>();
  for (const env of envs) {
    for (const cluster of clusterTargets(ws, app.dir, env.name, app.name)) {
      let resolution: AppResolution;
      try {
        resolution = resolveValues(ws, app.name, env.name, { cluster, resolutions });
        for (const f of resolution.files) texts.set(f.file, f.text);
        for (const check of checks) out.push(...check({ ws, app, env, cluster, resolution, resolutions }));
      } catch (e) {
        if (!isUserError(e)) throw e;
        out.push(findingFromError(e, { app: app.name, env: env.name }));
      }
    }
  }
  return sortFindings(
    applyIgnores(dedupe(out), { knownRules: RULES.map((r) => r.id), files: [...texts.keys()], readText: (file) => texts.get(file) ?? readText(ws.root, file) }),
  );
}

function appLevel(ws: Workspace, app: AppInfo, envs: string[], keys?: SopsKeyring, resolutions?: Resolutions): Finding[] {
  try {
    return [...secretsAcrossEnvs(ws, app, envs, keys, resolutions), ...sealedSecretsAcrossEnvs(ws, app, envs)];
  } catch (e) {
    if (!isUserError(e)) throw e;
    return [findingFromError(e, { app: app.name })];
  }
}

/**
 * What reading the repository as Argo CD does finds outside any one app's envs: globs that match
 * nothing, ApplicationSets that cannot be expanded, Applications that deploy to no declared env;
 * and values files nothing layers. `folders` limits the latter to the app folders it accepts
 * (an Nx project reports those in its own folder).
 */
export function workspaceFindings(ws: Workspace, folders?: (dir: string) => boolean): Finding[] {
  const apps = new Set(ws.apps.map((a) => a.name));
  const envs = new Set(ws.config.environments.map((e) => e.name));
  return sortFindings([...ws.argo.findings.filter((f) => !f.app || !apps.has(f.app) || !f.env || !envs.has(f.env)), ...unusedValuesFiles(ws, folders)]);
}

function readText(root: string, file: string): string | undefined {
  try {
    return readBoundedText(join(root, file), file, { root });
  } catch {
    return undefined;
  }
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
