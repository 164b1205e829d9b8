import type { TargetConfiguration } from '@nx/devkit';
import { CONFIG_FILE, type AppInfo, type GitopsConfig } from '@helm-values-manager/core';
import type { GitopsPluginOptions } from './options';

export type GitopsTargets = Record<string, TargetConfiguration>;

export const REPORTS_DIR = 'dist/reports';
export const RENDERED_DIR = 'dist/rendered';

/**
 * The targets of one app. Inputs are what the results read: the app folder (values, overlays,
 * schema, secrets), gitops.yaml, the app's Argo CD Applications, and for render the templates.
 * `tool` changes with the tool's code, so an upgrade invalidates results it would compute differently.
 */
export function inferTargets(app: AppInfo, config: GitopsConfig, options: GitopsPluginOptions, tool: string): GitopsTargets {
  const envs = config.environments.map((e) => e.name);
  const inputs = ['{projectRoot}/**/*', `{workspaceRoot}/${CONFIG_FILE}`, `{workspaceRoot}/${config.argocd.applicationsDir}/${app.name}-*.yaml`];
  const technologies = ['helm', 'argocd'];
  const names = {
    validate: options.validateTargetName ?? 'validate',
    lint: options.lintTargetName ?? 'lint',
    render: options.renderTargetName ?? 'render',
    diff: options.diffTargetName ?? 'diff',
    renderedDiff: options.renderedDiffTargetName ?? 'rendered-diff',
    promote: options.promoteTargetName ?? 'promote',
  };
  // The usual question is the last step of the promotion order: staging -> prod.
  const from = envs.at(-2) ?? envs[0];
  const to = envs.at(-1);
  return {
    [names.validate]: {
      executor: '@helm-values-manager/nx:validate',
      cache: true,
      inputs,
      outputs: [`{workspaceRoot}/${REPORTS_DIR}/validate/{projectName}.json`],
      options: { tool },
      metadata: {
        technologies,
        description: `Check the effective values in ${envs.join(', ')}: schema, policy, secrets, Argo CD consistency`,
        help: { command: 'npx gitops validate --help', example: { options: { env: [envs.at(-1)] } } },
      },
    },
    [names.lint]: {
      executor: '@helm-values-manager/nx:lint',
      cache: true,
      inputs,
      outputs: [`{workspaceRoot}/${REPORTS_DIR}/lint/{projectName}.json`],
      options: { tool },
      metadata: {
        technologies,
        description: 'Check the values files as written: unknown keys, redundant overrides, missing overlays, undocumented keys',
      },
    },
    [names.render]: {
      executor: '@helm-values-manager/nx:render',
      cache: true,
      inputs: [...inputs, '{workspaceRoot}/templates/**/*'],
      outputs: [`{workspaceRoot}/${RENDERED_DIR}/{projectName}`],
      options: { tool },
      metadata: {
        technologies,
        description: `Write effective values and manifests per env to ${RENDERED_DIR}/${app.name}/<env>/`,
      },
    },
    [names.diff]: {
      executor: '@helm-values-manager/nx:diff',
      cache: true,
      inputs,
      outputs: [],
      options: { tool, from, to },
      metadata: {
        technologies,
        description: 'Print how the effective values differ between two envs (--from, --to), marking what promotion would copy',
        help: { command: 'npx gitops diff --help', example: { options: { from, to } } },
      },
    },
    [names.renderedDiff]: {
      executor: '@helm-values-manager/nx:rendered-diff',
      // It reads a git ref and runs helm, neither of which Nx can hash: never replayed from the cache.
      cache: false,
      inputs,
      outputs: [],
      options: { tool, format: 'text' },
      metadata: {
        technologies,
        description: 'Print how the helm-rendered manifests change against a git ref (--against=origin/main), or between two envs (--from, --to); secrets redacted',
        help: { command: 'npx gitops diff --help', example: { options: { against: 'origin/main' } } },
      },
    },
    [names.promote]: {
      executor: '@helm-values-manager/nx:promote',
      // It edits files and may push: never replay it from the cache.
      cache: false,
      inputs,
      outputs: [],
      options: { tool },
      metadata: {
        technologies,
        description: 'Copy image tags and vetted values from one env to the next (--from, --to), optionally opening a PR',
        help: { command: 'npx gitops promote --help', example: { options: { from, to, dryRun: true } } },
      },
    },
  };
}

export const STATUS_PAGE = `${REPORTS_DIR}/status.html`;

/**
 * The targets of the workspace as a whole: the status page reads every app, gitops.yaml and every
 * Argo CD Application, so those are its inputs.
 */
export function inferWorkspaceTargets(config: GitopsConfig, options: GitopsPluginOptions, tool: string): GitopsTargets {
  return {
    [options.reportTargetName ?? 'report']: {
      executor: '@helm-values-manager/nx:report',
      cache: true,
      inputs: [`{workspaceRoot}/${CONFIG_FILE}`, ...config.apps.map((g) => `{workspaceRoot}/${g}/**/*`), `{workspaceRoot}/${config.argocd.applications}/**/*`],
      outputs: [`{workspaceRoot}/${STATUS_PAGE}`],
      options: { tool },
      metadata: {
        technologies: ['helm', 'argocd'],
        description: `Write ${STATUS_PAGE}: what runs where, values with provenance, pending promotions and findings, in one HTML page`,
        help: { command: 'npx gitops report --help', example: { options: { env: [config.environments.at(-1)?.name] } } },
      },
    },
  };
}
