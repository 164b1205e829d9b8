import { posix } from 'node:path';
import type { Finding } from '../../common';
import { applicationSpec, type ApplicationSpec, type RenderedBy } from './application-spec';
import { expandApplicationSet } from './application-set';
import { positionIn, readArgoDocuments, type ArgoDocument } from './documents';
import type { KnownCluster } from './generators';
import { withSourceOverrides } from './source-overrides';
import { isHelmSource, planHelmSource, type HelmSourcePlan, type RepoContext } from './helm-source-plan';

export const ARGO_FILE_EXTENSIONS = ['.yaml', '.yml', '.json'];

/**
 * Renders a chart of this repository as Argo CD would (app-of-apps), returning its manifests;
 * an Error when it cannot, null when no helm is available.
 */
export type ChartRenderer = (plan: HelmSourcePlan) => string | Error | null;

export interface DiscoveryContext {
  repo: RepoContext & { dirs(): string[]; read(rel: string): string };
  clusters: KnownCluster[];
  /** Globs (relative to the root) naming the files or folders that hold Applications and ApplicationSets. */
  patterns: string[];
  /** Where the patterns are written, for the finding when one matches nothing. */
  patternsFile: string;
  renderChart?: ChartRenderer;
  /**
   * Files whose Applications cannot matter to the caller (app-scope.ts): skipped unread, so that a
   * run for one app does not parse every Application of the repository.
   */
  skip?: (file: string, text: string) => boolean;
}

export interface Discovery {
  applications: ApplicationSpec[];
  /** One plan per Helm source of every Application, in file order. */
  plans: HelmSourcePlan[];
  /** The files read (for cache inputs and "which files are layers" checks). */
  files: string[];
  /** The Application and ApplicationSet documents read from those files, in file order. */
  documents: ArgoDocument[];
  findings: Finding[];
  /** True when some Applications cannot be known here (an unsupported generator, an unrenderable app-of-apps). */
  partial: boolean;
  /** The Applications that deploy a chart of this repository whose templates create Applications (app-of-apps): no app of their own. */
  appOfApps: ApplicationSpec[];
}

/** Templates that create Argo CD Applications: the mark of an app-of-apps chart. */
/** A chart template with this in it creates Applications or ApplicationSets (app-of-apps). */
export const MAKES_APPLICATIONS = /kind:\s*["']?Application(Set)?["']?\s*$/m;

/**
 * Every Application Argo CD would create from this repository: the Applications and
 * ApplicationSets in the files the patterns name, those an ApplicationSet generates, and those a
 * directory or chart Application of this repository deploys (app-of-apps).
 */
export function discoverApplications(ctx: DiscoveryContext): Discovery {
  const findings: Finding[] = [];
  const applications: ApplicationSpec[] = [];
  const files: string[] = [];
  const read: ArgoDocument[] = [];
  let partial = false;
  const readFiles = new Set<string>();
  const appOfApps: ApplicationSpec[] = [];
  const byName = new Map<string, ApplicationSpec>();
  // An app's Applications in every env deploy the same chart: its templates are searched once.
  const chartsMakingApplications = new Map<string, boolean>();
  const makesApplications = (dir: string) => {
    let answer = chartsMakingApplications.get(dir);
    if (answer === undefined) chartsMakingApplications.set(dir, (answer = chartMakesApplications(dir, ctx)));
    return answer;
  };

  const add = (app: ApplicationSpec) => {
    const key = `${app.namespace ?? ''}/${app.name}`;
    const other = byName.get(key);
    if (other) {
      findings.push({ rule: 'argocd-application-unreadable', severity: 'error', message: `two Applications are named "${app.name}" (the other is in ${other.file})`, ...app.at(['metadata', 'name']), hint: 'Argo CD keeps only one of them: rename one.' });
      return;
    }
    byName.set(key, app);
    applications.push(app);
  };

  const readDocuments = (file: string, text: string, renderedBy?: RenderedBy) => {
    const { documents, findings: f } = readArgoDocuments(text, file);
    findings.push(...f);
    read.push(...documents);
    for (const doc of documents) readDocument(doc, renderedBy);
  };

  // What an app-of-apps chart renders says so: no file holds it, so nothing in it can be edited.
  const readDocument = (doc: ArgoDocument, renderedBy?: RenderedBy) => {
    const mark = (app: ApplicationSpec) => add(renderedBy ? { ...app, renderedBy } : app);
    if (doc.kind === 'Application') {
      const { app, findings: f } = applicationSpec(doc.data, doc.file, (path) => positionIn(doc.yaml, path));
      findings.push(...f);
      mark(app);
      return;
    }
    const set = expandApplicationSet(doc, { ...ctx.repo, clusters: ctx.clusters });
    findings.push(...set.findings);
    partial ||= set.partial;
    for (const app of set.applications) mark(app);
  };

  const readFile = (file: string) => {
    if (readFiles.has(file)) return;
    readFiles.add(file);
    let text: string;
    try {
      text = ctx.repo.read(file);
    } catch (e) {
      findings.push({ rule: 'input', severity: 'error', message: `cannot read the file (${(e as NodeJS.ErrnoException).code ?? String(e)})`, file, line: 0, column: 0, hint: 'Check that it is readable.' });
      return;
    }
    if (ctx.skip?.(file, text)) return;
    files.push(file);
    readDocuments(file, text);
  };

  for (const pattern of ctx.patterns) {
    const matched = ctx.repo.glob(pattern).filter((f) => ARGO_FILE_EXTENSIONS.some((e) => f.endsWith(e)) || !/[*?]/.test(pattern));
    if (matched.length === 0) {
      findings.push({ rule: 'argocd-applications-none', severity: 'error', message: `argocd.applications "${pattern}" matches no file`, file: ctx.patternsFile, line: 0, column: 0, hint: 'Fix the glob (folders are read recursively; ** spans folders), or remove it.' });
    }
    for (const f of matched) readFile(f);
  }

  // App-of-apps: follow what the Applications found deploy, until nothing new appears.
  const plans: HelmSourcePlan[] = [];
  for (let i = 0; i < applications.length; i++) {
    const app = applications[i];
    app.sources.forEach((original, s) => {
      let source = original;
      if (source.path !== undefined && !source.chart && ctx.repo.isThisRepo(source.repoURL)) {
        const dir = posix.normalize(source.path).replace(/^\.\/?$|\/$/g, '');
        const o = withSourceOverrides(app, s, dir, (rel) => (ctx.repo.kind(rel) === 'file' ? ctx.repo.read(rel) : undefined));
        findings.push(...o.findings);
        source = app.sources[s] = o.source;
        if (o.source.overrides) files.push(...o.source.overrides);
      }
      if (isHelmSource(source, ctx.repo)) {
        const plan = planHelmSource(app, s, ctx.repo);
        plans.push(plan);
        findings.push(...plan.findings);
        if (plan.chart.kind === 'local' && makesApplications(plan.chart.dir)) {
          appOfApps.push(app);
          const out = ctx.renderChart ? ctx.renderChart(plan) : null;
          if (out === null) {
            partial = true;
            findings.push({
              rule: 'argocd-application-unreadable',
              severity: 'warning',
              message: `Application "${app.name}" renders chart ${plan.chart.dir}, which creates Applications (app-of-apps), but no helm is available to render it: the Applications it creates are not read, so their values, validate, lint, diff and promotion are not checked, and the envs they deploy may look undeployed`,
              ...app.at([...source.at, 'path']),
              app: app.name,
              hint: 'Install helm on PATH, name one with helm.binary in gitops.yaml (or --helm), or list the Applications it creates under argocd.applications.',
            });
          } else if (out instanceof Error) {
            partial = true;
            findings.push({ rule: 'argocd-application-unreadable', severity: 'warning', message: `Application "${app.name}" creates Applications from chart ${plan.chart.dir}, but helm cannot render it: ${out.message.split('\n')[0]}`, ...app.at([...source.at, 'path']), app: app.name, hint: 'Fix the chart or its values; until then the Applications it creates are not checked.' });
          } else readDocuments(`${plan.chart.dir} (rendered by ${app.name})`, out, { application: app.name, chart: plan.chart.dir });
        }
        return;
      }
      // A plain directory of this repository: Argo CD applies its manifests, Applications included.
      if (source.path !== undefined && !source.chart && ctx.repo.isThisRepo(source.repoURL) && !source.ref) {
        const dir = posix.normalize(source.path).replace(/^\.\/?$|\/$/g, '');
        if (dir.startsWith('..')) return;
        const pattern = source.recurse ? (dir === '' ? '**' : dir) : posix.join(dir, '*');
        // Without recurse Argo CD applies the folder's own files only (the glob also enters the sub-folders `*` matches).
        const applied = (f: string) => (source.recurse || posix.dirname(f) === (dir || '.')) && ARGO_FILE_EXTENSIONS.some((e) => f.endsWith(e));
        for (const f of ctx.repo.glob(pattern)) if (applied(f)) readFile(f);
      }
    });
  }
  return { applications, plans, files, documents: read, findings, partial, appOfApps };
}

/** Whether the chart in `dir` has templates that create Applications or ApplicationSets (app-of-apps). */
export function chartMakesApplications(dir: string, ctx: Pick<DiscoveryContext, 'repo'>): boolean {
  // most charts of a values repository have no templates of their own
  if (ctx.repo.kind(posix.join(dir, 'templates')) !== 'dir') return false;
  return ctx.repo.glob(posix.join(dir, 'templates', '**')).some((f) => {
    try {
      return MAKES_APPLICATIONS.test(ctx.repo.read(f));
    } catch {
      return false;
    }
  });
}
