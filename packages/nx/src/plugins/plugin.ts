import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { CreateNodes } from '@nx/devkit';
import { cachedProjects } from './nodes-cache';
import type { GitopsPluginOptions } from './options';
import { toolFingerprint } from '../utils/tool-fingerprint';

/**
 * The workspace's configuration file, core's CONFIG_FILE: written here so that a run whose
 * projects are kept (nodes-cache) never loads the core, a fifth of a cached run's own work.
 */
export const PLUGIN_CONFIG_FILE = 'gitops.yaml';

/**
 * Nx's project inference (the v2 signature): every app of the workspace becomes a project
 * (infer-projects.ts), each with validate, lint, render, diff and promote targets whose inputs are
 * the files that feed it, so `nx affected` selects exactly the apps a change reaches; beside them,
 * the workspace project. Kept between runs until any file changes.
 */
export const createNodes: CreateNodes<GitopsPluginOptions> = [
  PLUGIN_CONFIG_FILE,
  async (configFiles, options, context) => {
    const root = context.workspaceRoot;
    // Only the workspace's own gitops.yaml: one at the root.
    if (!configFiles.includes(PLUGIN_CONFIG_FILE) || !existsSync(join(root, PLUGIN_CONFIG_FILE))) return [];
    const tool = toolFingerprint();
    const projects = await cachedProjects(root, [options ?? {}, tool], async () => (await import('./infer-projects')).inferProjects(root, options ?? {}, tool));
    return [[PLUGIN_CONFIG_FILE, { projects }]];
  },
];

/** @deprecated Nx 23+ reads `createNodes` with this same signature. */
export const createNodesV2 = createNodes;
