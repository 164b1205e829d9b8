// The one adapter between gitops and the helm binary: which helm, which major, and running it
// with at most one process per core. Everything else gets a HelmRunner and never spawns.
import { execFile, execFileSync, spawnSync } from 'node:child_process';
import { accessSync, constants } from 'node:fs';
import { availableParallelism } from 'node:os';
import { delimiter, isAbsolute, join, resolve } from 'node:path';
import { UserError } from '../common';
import type { GitopsConfig } from '../config';
import { appOfAppsRenderer, type ChartRenderer, type HelmLookup } from '../workspace';

/** Runs `helm ARGS` in `cwd`; resolves to its stdout, rejects with its stderr. */
export type HelmRunner = (args: string[], cwd: string) => Promise<string>;

export interface Helm {
  bin: string;
  /** As `helm version --short` prints it, e.g. v3.17.3+ge4da497. */
  version: string;
  major: number;
  run: HelmRunner;
  /** The same, synchronously: for the few renders a workspace needs while it loads (app-of-apps charts). */
  runSync: (args: string[], cwd: string) => string;
}

/** Where the helm to use was named: `--helm`, gitops.yaml's `helm.binary`, or nowhere (PATH). */
export interface HelmChoice {
  flag?: string;
  configured?: string;
  /** The workspace root: a configured relative path is relative to it. */
  root: string;
  env?: NodeJS.ProcessEnv;
}

/** What runs without helm, said once by every command that needs it. */
export const NO_HELM_NOTE =
  'helm is not on PATH (nor named by --helm or helm.binary in gitops.yaml): charts are not rendered, so their manifests are not validated against the Kubernetes schemas and the hardening rules read the values instead of the Pod specs (install helm 3 or 4 to check what deploys)';

/**
 * The helm to run: the one `--helm` names, else gitops.yaml's `helm.binary`, else `helm` on
 * PATH; null when there is none. A helm that is named but does not run is a usage error.
 */
export function findHelm(choice: HelmChoice): Helm | null {
  const env = choice.env ?? process.env;
  const named = choice.flag ? { path: resolve(choice.flag), by: '--helm' } : choice.configured ? { path: isAbsolute(choice.configured) ? choice.configured : join(choice.root, choice.configured), by: 'helm.binary in gitops.yaml' } : undefined;
  const bin = named ? named.path : (env.PATH ?? '').split(delimiter).filter(Boolean).map((d) => join(d, 'helm')).find(executable);
  if (!bin) return null;
  if (named && !executable(bin)) throw new UserError(`${bin} (from ${named.by}) is not an executable helm`, { file: named.by === '--helm' ? '--helm' : 'gitops.yaml', hint: 'Name the path of a helm 3 or 4 binary.' });
  const r = spawnSync(bin, ['version', '--short'], { encoding: 'utf8', env, timeout: 30_000 });
  const version = (r.stdout ?? '').trim();
  const major = /^v(\d+)\./.exec(version)?.[1];
  if (r.status !== 0 || !major) {
    throw new UserError(`${bin} does not answer "helm version --short" as helm does: ${(r.stderr || r.error?.message || version).trim()}`, { file: named?.by === 'helm.binary in gitops.yaml' ? 'gitops.yaml' : bin, hint: 'Install helm 3 or 4, or name its path with --helm.' });
  }
  return { bin, version, major: Number(major), run: runner(bin, env), runSync: syncRunner(bin, env) };
}

function executable(p: string): boolean {
  try {
    accessSync(p, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

// One queue for the whole process: helm is CPU-bound, so more processes than cores only wait.
const slots = { free: availableParallelism(), waiting: [] as (() => void)[] };

async function inSlot<T>(work: () => Promise<T>): Promise<T> {
  if (slots.free > 0) slots.free--;
  else await new Promise<void>((go) => slots.waiting.push(go));
  try {
    return await work();
  } finally {
    const next = slots.waiting.shift();
    if (next) next();
    else slots.free++;
  }
}

/**
 * The helm that renders app-of-apps charts while a workspace loads, resolved as every render
 * resolves it (`--helm`, else gitops.yaml's helm.binary, else PATH), and only when one is needed.
 */
export function appOfAppsHelm(root: string, choice: { flag?: string; env?: NodeJS.ProcessEnv } = {}): HelmLookup {
  return (config: GitopsConfig) => findHelm({ ...choice, configured: config.helm.binary, root })?.runSync;
}

/**
 * App-of-apps charts rendered for `init`, before any gitops.yaml names a helm: the helm on PATH,
 * looked up only when a chart must be rendered.
 */
export function initChartRenderer(root: string, env?: NodeJS.ProcessEnv): ChartRenderer {
  return appOfAppsRenderer(root, () => findHelm({ env, root })?.runSync);
}

function syncRunner(bin: string, env: NodeJS.ProcessEnv): Helm['runSync'] {
  return (args, cwd) => {
    try {
      return execFileSync(bin, args, { cwd, env, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024, timeout: 5 * 60_000, stdio: ['ignore', 'pipe', 'pipe'] });
    } catch (e) {
      const err = e as { stderr?: string; message: string };
      throw new Error(`helm ${args[0]} failed: ${(err.stderr || err.message).trim()}`);
    }
  };
}

function runner(bin: string, env: NodeJS.ProcessEnv): HelmRunner {
  return (args, cwd) =>
    inSlot(
      () =>
        new Promise((ok, fail) => {
          execFile(bin, args, { cwd, env, encoding: 'utf8', maxBuffer: 256 * 1024 * 1024, timeout: 5 * 60_000 }, (err, stdout, stderr) => {
            if (err) fail(new Error(`helm ${args[0]} failed: ${(stderr || err.message).trim()}`));
            else ok(stdout);
          });
        }),
    );
}
