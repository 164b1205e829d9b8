import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { CONFIG_FILE, type EnvConfig, type GitopsConfig, loadConfig } from '../config';
import { didYouMean, globDirs, UserError } from '../common';

/** A deployable: a folder holding values.yaml and its overlays. */
export interface AppInfo {
  name: string;
  /** Posix path relative to the workspace root, e.g. deployment/helm/alpha-members. */
  dir: string;
}

export interface Workspace {
  root: string;
  config: GitopsConfig;
  apps: AppInfo[];
}

/** The nearest folder at or above `start` that holds gitops.yaml. */
export function findWorkspaceRoot(start: string = process.cwd()): string {
  let dir = resolve(start);
  for (;;) {
    if (existsSync(join(dir, CONFIG_FILE))) return dir;
    const up = dirname(dir);
    if (up === dir) {
      throw new UserError(`no ${CONFIG_FILE} found in ${resolve(start)} or any folder above it`, {
        hint: `Run this inside a workspace, or create ${CONFIG_FILE} at its root (see README.md).`,
      });
    }
    dir = up;
  }
}

/** Load gitops.yaml and discover the apps it points at. */
export function loadWorkspace(root?: string): Workspace {
  const wsRoot = root ? resolve(root) : findWorkspaceRoot();
  const { config } = loadConfig(wsRoot);
  return { root: wsRoot, config, apps: discoverApps(wsRoot, config) };
}

/** How app discovery sees files: the disk, or a generator's virtual tree. */
export interface DirectoryReader {
  /** Names of the folders inside `absDir`. */
  subdirs(absDir: string): string[];
  isFile(absPath: string): boolean;
}

/** Every folder matched by the `apps` globs that holds a values.yaml, by name. */
export function discoverApps(root: string, config: GitopsConfig, reader?: DirectoryReader): AppInfo[] {
  const byName = new Map<string, AppInfo>();
  const isFile = reader ? (p: string) => reader.isFile(p) : existsSync;
  for (const pattern of config.apps) {
    for (const dir of globDirs(root, pattern, reader ? (d) => reader.subdirs(d) : undefined)) {
      if (!isFile(join(root, dir, 'values.yaml'))) continue;
      const name = dir.split('/').pop() as string;
      const other = byName.get(name);
      if (other && other.dir !== dir) {
        throw new UserError(`two app folders are both named "${name}": ${other.dir} and ${dir}`, {
          file: CONFIG_FILE,
          hint: 'App names must be unique; rename one folder.',
        });
      }
      byName.set(name, { name, dir });
    }
  }
  return [...byName.values()].sort((a, b) => a.name.localeCompare(b.name));
}

export function getApp(ws: Workspace, name: string): AppInfo {
  const app = ws.apps.find((a) => a.name === name);
  if (app) return app;
  const guess = didYouMean(name, ws.apps.map((a) => a.name));
  throw new UserError(`unknown app "${name}"${guess ? `; did you mean "${guess}"?` : ''}`, {
    hint: `Apps are the folders matching ${ws.config.apps.join(', ')} that hold a values.yaml: ${ws.apps.map((a) => a.name).join(', ') || '(none)'}.`,
  });
}

export function getEnv(ws: Workspace, name: string): EnvConfig {
  const env = ws.config.environments.find((e) => e.name === name);
  if (env) return env;
  const names = ws.config.environments.map((e) => e.name);
  const guess = didYouMean(name, names);
  throw new UserError(`unknown environment "${name}"${guess ? `; did you mean "${guess}"?` : ''}`, {
    hint: `Environments declared in ${CONFIG_FILE}: ${names.join(', ')}.`,
  });
}

/** The env and its ancestors, outermost ancestor first: the order their overlays are layered. */
export function envChain(ws: Workspace, name: string): EnvConfig[] {
  const chain: EnvConfig[] = [];
  for (let e: EnvConfig | undefined = getEnv(ws, name); e; e = e.parent ? getEnv(ws, e.parent) : undefined) chain.unshift(e);
  return chain;
}
