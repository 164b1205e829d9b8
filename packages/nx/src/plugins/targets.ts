import type { TargetConfiguration } from '@nx/devkit';
import { CONFIG_FILE, matchesGlob, WORKSPACE_KUBE_SCHEMAS, workspaceInputs, type AppInputs, type GitopsConfig, type Workspace } from '@helm-values-manager/core';
import { ownerOf } from '../utils/finding-owner';
import type { GitopsPluginOptions } from './options';

export type GitopsTargets = Record<string, TargetConfiguration>;

export const REPORTS_DIR = 'dist/reports';
export const RENDERED_DIR = 'dist/rendered';

/** A file set, or one file Nx looks up by its path (Nx's InputDefinition, which the devkit does not export). */
export type NxInput = string | { fileset: string; includeIgnored: true };

/**
 * An app's inputs as Nx file sets: its project folder under `{projectRoot}`, gitops.yaml, its
 * other files (its Applications, a shared chart) and the other apps' files inside its folders
 * negated. Of those other files, the ones the workspace project holds (`holds`: its Applications
 * in a folder no project has) are each one exact path with `includeIgnored` (the app depends on
 * the workspace project for them: plugin.ts, createDependencies), the rest one pattern under
 * `{workspaceRoot}`.
 *
 * Why: Nx 24 hashes a task's `{workspaceRoot}` patterns by matching them against every file of
 * the workspace, and keeps the result only for patterns that repeat; an app's own Applications
 * repeat for no other app, so a cached run cost apps x files (half of it at 2000 apps). A
 * dependency's file set (`dependencies: true`) is matched against every file of that project,
 * which holds every Application: still apps x Applications, 0.3 s of a cached run at 2000 apps.
 * An exact path with `includeIgnored` is taken by its path, and is hashed even if git ignores it,
 * as the tool reads it then too. (Not a named input of the workspace project: Nx hashes the named
 * inputs of a project whose input a task names into the task, so adding an app would have changed
 * every app's hash.)
 */
export function nxInputs(inputs: AppInputs, root: string, holds: (file: string) => boolean): NxInput[] {
  const own = inputs.include.includes(`${root}/**`) ? ['{projectRoot}/**/*'] : [];
  const shared = inputs.include.includes(CONFIG_FILE) ? [`{workspaceRoot}/${CONFIG_FILE}`] : [];
  const others = inputs.include.filter((f) => f !== `${root}/**` && f !== CONFIG_FILE);
  const held = others.filter((f) => !f.endsWith('/**') && !/[*?[\]{},\\]/.test(f) && holds(f));
  const rest = others.filter((f) => !held.includes(f));
  return [
    ...own,
    ...shared,
    ...held.map((f) => ({ fileset: `{workspaceRoot}/${f}`, includeIgnored: true as const })),
    ...workspaceFiles(rest),
    ...inputs.exclude.map((f) => `!{workspaceRoot}/${asNxGlob(f)}`),
  ];
}

/**
 * Files and folders (`dir/**`) under the workspace root as few Nx inputs as can be: one
 * `{a,b,c}` pattern. Nx matches every distinct pattern against every file of the workspace, once
 * per task, so an app's four Applications as four patterns cost a 500-app cached run a second of
 * hashing, and as one a fifth of that. A path that holds a brace or a comma stays on its own.
 */
export function workspaceFiles(paths: string[]): string[] {
  const globs = [...new Set(uncovered(paths).map(asNxGlob))];
  const plain = globs.filter((g) => !/[{},\\]/.test(g));
  const grouped = plain.length > 1 ? [`{workspaceRoot}/{${plain.join(',')}}`] : plain.map((g) => `{workspaceRoot}/${g}`);
  return [...grouped, ...globs.filter((g) => !plain.includes(g)).map((g) => `{workspaceRoot}/${g}`)];
}

// A folder (`dir/**`) is every file under it.
const asNxGlob = (f: string) => (f.endsWith('/**') ? `${f}/*` : f);

/**
 * The paths less those a folder among them (`dir/**`) already holds. The workspace's targets list
 * every Application beside the folder they are in, and every app's folder beside the `apps` globs:
 * without this a 2000-app workspace's graph carried 750 KB of patterns that Nx stores, and matches
 * against every file of the workspace, on every run. Only a plain path is checked against a folder
 * glob (`deployment/helm/*`): two globs are kept as they are, as Nx may read them differently.
 */
function uncovered(paths: string[]): string[] {
  const folders = paths.filter((p) => p.endsWith('/**')).map((p) => p.slice(0, -3));
  const plain = new Set(folders.filter((f) => !GLOB_CHARS.test(f)));
  const globbed = folders.filter((f) => GLOB_CHARS.test(f)).map((f) => `${f}/**`);
  const covered = (p: string) => {
    const isFolder = p.endsWith('/**');
    const path = isFolder ? p.slice(0, -3) : p;
    const parts = path.split('/');
    // whether Nx's `**/*` takes hidden files is its glob library's choice: such a path stays listed
    if (parts.some((s) => s.startsWith('.'))) return false;
    // a file strictly under: Nx's `dir/**/*` does not take `dir` itself, a file the argocd.applications globs may name
    for (let n = parts.length - 1; n > 0; n--) if (plain.has(parts.slice(0, n).join('/'))) return true;
    return !GLOB_CHARS.test(path) && globbed.some((g) => matchesGlob(path, g) && (isFolder || !matchesGlob(path, g.slice(0, -3))));
  };
  return paths.filter((p) => !covered(p));
}

const GLOB_CHARS = /[*?[\]{}]/;

/**
 * The version of the helm that validate and render run, as a runtime input: a chart's manifests
 * (and so the findings on them) change with helm, so a cached result of another helm, or of no
 * helm, is never replayed. The binary is gitops.yaml's helm.binary, else helm on PATH.
 */
export function helmVersionInput(config: GitopsConfig): { runtime: string } {
  const bin = config.helm.binary ? `'${config.helm.binary.replace(/'/g, `'\\''`)}'` : 'helm';
  return { runtime: `${bin} version --short 2>/dev/null || echo no-helm` };
}

/**
 * The targets of one app. Inputs are what the results read (appInputs: gitops.yaml, the
 * Applications that deploy it, its chart (Chart.yaml, templates, vendored charts/) and value
 * files); for validate and render also the workspace's Kubernetes schemas and the version of
 * helm, and for render the templates.
 * `tool` changes with the tool's code, so an upgrade invalidates results it would compute differently.
 */
export function inferTargets(app: string, config: GitopsConfig, options: GitopsPluginOptions, tool: string, inputs: NxInput[]): GitopsTargets {
  const envs = config.environments.map((e) => e.name);
  const technologies = ['helm', 'argocd'];
  const rendered = [...inputs, `{workspaceRoot}/${WORKSPACE_KUBE_SCHEMAS}/**/*`, helmVersionInput(config)];
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
      inputs: rendered,
      outputs: [`{workspaceRoot}/${REPORTS_DIR}/validate/{projectName}.json`],
      options: { tool },
      metadata: {
        technologies,
        description: `Check ${app} in ${envs.join(', ')}: schema, policy on the rendered manifests (with helm), secrets, Argo CD consistency`,
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
      inputs: [...rendered, '{workspaceRoot}/templates/**/*'],
      outputs: [`{workspaceRoot}/${RENDERED_DIR}/{projectName}`],
      options: { tool },
      metadata: {
        technologies,
        description: `Write effective values and manifests per env to ${RENDERED_DIR}/${app}/<env>/`,
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
 * The targets of the workspace as a whole. Its validate reports what belongs to no one app
 * (workspaceInputs: gitops.yaml, the Applications and what Argo CD reads to make them; the values
 * files of app folders no app project holds, for those nothing layers; helm, which renders
 * app-of-apps charts); the status page reads every app's inputs too. `roots`: the app projects'.
 */
export function inferWorkspaceTargets(ws: Workspace, apps: AppInputs[], roots: string[], options: GitopsPluginOptions, tool: string): GitopsTargets {
  const { config } = ws;
  const unowned = [...new Set(ws.apps.filter((a) => a.deployed && ownerOf(`${a.dir}/values.yaml`, roots) === undefined).map((a) => a.dir))];
  const own = [...workspaceInputs(ws), ...unowned.flatMap((d) => (d === '.' ? ['values*.yaml', 'values*.yml'] : [`${d}/values*.yaml`, `${d}/values*.yml`]))];
  const applications = [CONFIG_FILE, ...config.argocd.applications.flatMap((g) => [g, `${g}/**`]), ...ws.argo.discovery.files];
  const everything = workspaceFiles([...applications, ...config.apps.map((g) => `${g}/**`), ...apps.flatMap((a) => a.include)]);
  return {
    [options.validateTargetName ?? 'validate']: {
      executor: '@helm-values-manager/nx:validate',
      cache: true,
      inputs: [...workspaceFiles(own), helmVersionInput(config)],
      outputs: [`{workspaceRoot}/${REPORTS_DIR}/validate/{projectName}.json`],
      options: { tool, workspace: true },
      metadata: {
        technologies: ['helm', 'argocd'],
        description: 'Check what belongs to no one app: apps globs that match nothing, Applications that deploy to no env or cannot be read (an app-of-apps chart without helm), values files nothing layers outside every app project (an app reports those in its folder)',
        help: { command: 'npx gitops validate --help', example: { options: {} } },
      },
    },
    [options.reportTargetName ?? 'report']: {
      executor: '@helm-values-manager/nx:report',
      cache: true,
      inputs: everything,
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
