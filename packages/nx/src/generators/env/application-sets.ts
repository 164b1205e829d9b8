import { posix } from 'node:path';
import { visitNotIgnoredFiles, type Tree } from '@nx/devkit';
import { addEnvToApplicationSets, deploymentDir, loadArgoModel, MAKES_APPLICATIONS, type AppDeployment, type AppInfo, type EnvConfig, type Workspace } from '@helm-values-manager/core';

/** What the ApplicationSets of a workspace make of a new env. */
export interface AppSetPlan {
  /** Apps whose Applications an ApplicationSet generates: they get no Application file of their own. */
  generated: Set<string>;
  /** For each app the ApplicationSet now deploys to the new env: the values files it lists there that do not exist yet. */
  overlays: { app: AppInfo; file: string }[];
  /** What the user must add where an ApplicationSet or an app-of-apps chart could not be edited, as file:line:col: message. */
  gaps: string[];
  /**
   * Apps no Application file deploys where an app-of-apps chart makes Applications: the chart
   * likely deploys them, so an Application file of their own would deploy them a second way.
   */
  unfiled: (app: AppInfo) => boolean;
}

/** The workspace's Applications as the tree holds them (generators see the tree, not the disk). */
export function treeArgo(tree: Tree, ws: Workspace, files = treeFiles(tree)): Workspace {
  return { ...ws, argo: loadArgoModel(tree.root, ws.config, undefined, { files, read: (p) => tree.read(p, 'utf8') ?? undefined }) };
}

function treeFiles(tree: Tree): string[] {
  const files: string[] = [];
  visitNotIgnoredFiles(tree, '', (f) => void files.push(f));
  return files;
}

/**
 * What reading every Application (most of `nx g env` in a large repository) could find, by a text
 * search without parsing (a file that merely mentions a word is read): whether any file holds an
 * ApplicationSet, or a chart's template makes Applications (app-of-apps), the only ways
 * Applications come about that no file holds; and whether any Application deploys a chart from a
 * Helm repository or a path that is no declared app's folder.
 */
function mayNeedArgo(tree: Tree, ws: Workspace, files: string[]): { makesApplications: boolean; undeclared: boolean } {
  const listed = new Set(ws.config.argocd.applications);
  const dirs = new Set(ws.apps.map((a) => a.dir));
  const found = { makesApplications: false, undeclared: false };
  for (const f of files) {
    if (/(^|\/)templates\//.test(f)) {
      found.makesApplications ||= MAKES_APPLICATIONS.test(tree.read(f, 'utf8') ?? '');
      continue;
    }
    if (!/\.(ya?ml|json)$/.test(f) && !listed.has(f)) continue;
    const text = tree.read(f, 'utf8') ?? '';
    found.makesApplications ||= text.includes('ApplicationSet');
    found.undeclared ||= /\bApplication\b/.test(text) && deploysUndeclared(text, dirs);
    if (found.makesApplications && found.undeclared) break;
  }
  return found;
}

/** An Application's text names a chart of a Helm repository, or a path that is none of these folders (JSON: any). */
function deploysUndeclared(text: string, dirs: Set<string>): boolean {
  if (/^\s*\{/.test(text) || /^\s*(?:-\s*)?chart\s*:/m.test(text)) return true;
  for (const m of text.matchAll(/^\s*(?:-\s*)?path\s*:\s*["']?([^"'\s#]+)/gm)) if (!dirs.has(posix.normalize(m[1]).replace(/^\.\/?|\/$/g, ''))) return true;
  return false;
}

/**
 * The apps plain Applications deploy from outside the `apps` globs: the commands and the Nx
 * projects count them as apps, but the generator scaffolds by the declared layout, so each is
 * named where its first Application deploys it.
 */
function undeclaredAppGaps(ws: Workspace, declared: AppInfo[], env: EnvConfig): string[] {
  const known = new Set(declared.flatMap((a) => [a.name, a.dir]));
  const named = new Set<string>();
  return ws.argo.deployments.flatMap((d) => {
    const dir = deploymentDir(d);
    if (!d.env || d.plan.app.generatedBy || d.plan.app.renderedBy || known.has(d.app) || known.has(dir) || named.has(d.app)) return [];
    named.add(d.app);
    const source = d.plan.app.sources[d.plan.sourceIndex];
    const at = d.plan.app.at([...source.at, source.chart === undefined ? 'path' : 'chart']);
    return [`${at.file}:${at.line}:${at.column}: Application "${d.application}" deploys ${d.app} (${dir}) to ${d.env}, outside the apps globs of gitops.yaml, so ${env.name} was not scaffolded for it: add its Application and values for ${env.name} by hand, or add ${dir} to apps`];
  });
}

/**
 * A new env in a workspace whose ApplicationSets generate the neighbour env's Applications: each
 * list generator gets the new env's element (the file edited in the tree, comments kept); then the
 * Applications it generates say which values files the new env needs.
 */
export function addEnvToTreeApplicationSets(tree: Tree, before: Workspace, after: Workspace, neighbour: EnvConfig | undefined, env: EnvConfig, opts: { everyApp: boolean }): AppSetPlan {
  const files = treeFiles(tree);
  const need = mayNeedArgo(tree, before, files);
  // --apps names the apps to scaffold: the others are left out on purpose
  need.undeclared &&= opts.everyApp;
  if (!need.makesApplications && !need.undeclared) return { generated: new Set(), overlays: [], gaps: [], unfiled: () => false };
  const argo = treeArgo(tree, before, files);
  const undeclared = need.undeclared ? undeclaredAppGaps(argo, before.apps, env) : [];
  if (!need.makesApplications) return { generated: new Set(), overlays: [], gaps: undeclared, unfiled: () => false };
  const generated = new Set(argo.argo.deployments.filter((d) => d.plan.app.generatedBy).flatMap((d) => [d.app, chartDir(d)]));
  const charts = appOfAppsGaps(tree, argo, env, files);
  const filed = new Set(argo.argo.deployments.filter((d) => !d.plan.app.generatedBy && !d.plan.app.renderedBy).flatMap((d) => [d.app, chartDir(d)]));
  const unfiled = (app: AppInfo) => charts.length > 0 && !filed.has(app.name) && !filed.has(app.dir);
  if (!neighbour) return { generated, overlays: [], gaps: [...charts, ...undeclared], unfiled };
  const cluster = (e: EnvConfig) => after.config.clusters.find((c) => c.name === e.clusters?.[0]);
  const { edits, gaps } = addEnvToApplicationSets(argo, (f) => tree.read(f, 'utf8') ?? undefined, neighbour, env, { from: cluster(neighbour), to: cluster(env) });
  for (const e of edits) tree.write(e.file, e.text);
  const now = treeArgo(tree, after, files);
  const overlays = now.argo.deployments
    .filter((d) => d.env === env.name && d.plan.app.generatedBy)
    .flatMap((d) => d.plan.valueFiles.filter((f) => f.file !== undefined && !f.exists && !tree.exists(f.file)).map((f) => ({ app: { name: d.app, dir: posix.dirname(f.file as string) }, file: f.file as string })));
  return { generated, overlays, gaps: [...gaps.map((g) => `${g.file}:${g.line}:${g.column}: ${g.message}`), ...charts, ...undeclared], unfiled };
}

/**
 * An app-of-apps chart makes its Applications from its own values and templates, which this
 * generator cannot know how to extend: each is named, where its Application deploys it.
 */
function appOfAppsGaps(tree: Tree, ws: Workspace, env: EnvConfig, files: string[]): string[] {
  const makesApplications = (chart: string) => files.some((f) => f.startsWith(`${chart}/templates/`) && MAKES_APPLICATIONS.test(tree.read(f, 'utf8') ?? ''));
  return ws.argo.discovery.appOfApps.flatMap((app) =>
    app.sources.flatMap((source) => {
      const chart = source.path === undefined ? undefined : posix.normalize(source.path).replace(/^\.\/?|\/$/g, '');
      if (chart === undefined || !makesApplications(chart)) return [];
      const at = app.at([...source.at, 'path']);
      return [`${at.file}:${at.line}:${at.column}: Application "${app.name}" deploys chart ${chart}, whose templates create Applications (app-of-apps), so ${env.name} could not be added for you: add it to that chart's values (${posix.join(chart, 'values.yaml')}) or templates`];
    }),
  );
}

const chartDir = (d: AppDeployment) => (d.plan.chart.kind === 'local' ? d.plan.chart.dir : '');
