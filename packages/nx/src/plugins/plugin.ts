import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { createNodesFromFiles, type CreateNodes, type CreateNodesContext, type CreateNodesResult } from '@nx/devkit';
import { calculateHashesForCreateNodes, hashObject, PluginCache, workspaceDataDirectory } from '@nx/devkit/internal';
import { CONFIG_FILE, discoverApps, loadConfig, type AppInfo, type GitopsConfig } from '@helm-values-manager/core';
import type { GitopsPluginOptions } from './options';
import { inferTargets, inferWorkspaceTargets, type GitopsTargets } from './targets';
import { toolFingerprint } from '../utils/tool-fingerprint';

/** Every values.yaml is a candidate; only the folders that gitops.yaml's `apps` globs match become projects. */
const VALUES_GLOB = '**/values.yaml';

/**
 * Nx's project inference (the v2 signature): each app folder of gitops.yaml becomes a project
 * named after the folder, with validate, lint, render, diff and promote targets.
 */
export const createNodes: CreateNodes<GitopsPluginOptions> = [
  VALUES_GLOB,
  async (valuesFiles, options, context) => {
    const root = context.workspaceRoot;
    if (!existsSync(join(root, CONFIG_FILE))) return [];
    const { config } = loadConfig(root);
    const appsByDir = new Map(discoverApps(root, config).map((a) => [a.dir, a]));
    const candidates = valuesFiles.filter((f) => appsByDir.has(dirname(f)));
    const cache = new PluginCache<GitopsTargets>(join(workspaceDataDirectory, `gitops-${hashObject(options ?? {})}.hash`));
    try {
      // A project's targets depend on its own folder, gitops.yaml and the tool's version.
      const hashes = await calculateHashesForCreateNodes(
        candidates.map((f) => dirname(f)),
        { ...options, tool: toolFingerprint() },
        context,
        candidates.map(() => [CONFIG_FILE]),
      );
      const apps = await createNodesFromFiles(
        (file, opts, ctx, idx) => projectFor(appsByDir.get(dirname(file)) as AppInfo, config, opts ?? {}, ctx, cache, hashes[idx]),
        candidates,
        options,
        context,
      );
      return [...apps, [CONFIG_FILE, workspaceProject(config, options ?? {})]];
    } finally {
      cache.writeToDisk();
    }
  },
];

/** The root project, named `gitops` unless set: the targets of the workspace as a whole. */
function workspaceProject(config: GitopsConfig, options: GitopsPluginOptions): CreateNodesResult {
  return {
    projects: {
      '.': { name: options.workspaceProjectName ?? 'gitops', root: '.', tags: ['gitops:workspace'], targets: inferWorkspaceTargets(config, options, toolFingerprint()) },
    },
  };
}

/** @deprecated Nx 23+ reads `createNodes` with this same signature. */
export const createNodesV2 = createNodes;

function projectFor(
  app: AppInfo,
  config: GitopsConfig,
  options: GitopsPluginOptions,
  _context: CreateNodesContext,
  cache: PluginCache<GitopsTargets>,
  hash: string,
): CreateNodesResult {
  let targets = cache.get(hash);
  if (!targets) {
    targets = inferTargets(app, config, options, toolFingerprint());
    cache.set(hash, targets);
  }
  return {
    projects: {
      [app.dir]: {
        name: app.name,
        root: app.dir,
        projectType: 'application',
        tags: ['gitops:app'],
        targets,
      },
    },
  };
}
