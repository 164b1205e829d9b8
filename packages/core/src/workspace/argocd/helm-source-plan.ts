import { posix } from 'node:path';
import { lazyPosition, type Position } from '../../common';
import type { Finding } from '../../common';
import type { ValueMap } from '../../common';
import type { ApplicationSpec, SourceSpec } from './application-spec';

/** What the planner may ask of the repository (the disk, or a virtual tree in tests). */
export interface RepoContext {
  /** Whether a source's repoURL is this repository (whose working tree is read). */
  isThisRepo(repoURL: string): boolean;
  /** 'file', 'dir' or undefined for a posix path relative to the repository root. */
  kind(rel: string): 'file' | 'dir' | undefined;
  /** Files matching a glob relative to the root (`*`, `?`, `**`), sorted. */
  glob(pattern: string): string[];
  /** Folders (relative to the root) that hold vendored copies of Helm repository charts. */
  chartCaches: string[];
}

/** One `valueFiles` entry (or one file a glob entry expands to), resolved as Argo CD resolves it. */
export interface PlannedValueFile {
  /** As written in the Application. */
  raw: string;
  at: Position;
  /** Posix path relative to the repository root; undefined when the file is outside this repository. */
  file?: string;
  exists: boolean;
  /** Missing and skipped by Argo CD (ignoreMissingValueFiles). */
  skipped: boolean;
  /** Named with a helm-secrets scheme (`secrets://`): decrypted by the plugin at sync. */
  secrets?: boolean;
}

export type ChartRef =
  | { kind: 'local'; dir: string }
  | { kind: 'repository'; repoURL: string; name: string; version?: string; vendoredDir?: string }
  | { kind: 'external'; repoURL: string; path: string };

export interface PlannedParameter {
  name: string;
  value: string;
  forceString: boolean;
  at: Position;
}

/** Everything Argo CD hands `helm template` for one Helm source of an Application. */
export interface HelmSourcePlan {
  app: ApplicationSpec;
  sourceIndex: number;
  chart: ChartRef;
  releaseName: string;
  /** The chart's values.yaml relative to the root, when the chart is readable and has one. */
  defaults?: string;
  /** False when the chart's own defaults cannot be read (a Helm repository chart with no vendored copy). */
  defaultsKnown: boolean;
  valueFiles: PlannedValueFile[];
  /** `valuesObject`, else `values`: layered after the value files. */
  inline?: { field: 'values' | 'valuesObject'; at: Position; text?: string; object?: ValueMap };
  parameters: PlannedParameter[];
  fileParameters: { name: string; file?: string; at: Position; exists: boolean }[];
  /** True when something this tool cannot read feeds the values: the result is incomplete. */
  incomplete: boolean;
  findings: Finding[];
}

const REMOTE = /^[a-z][a-z0-9+.-]*:\/\//i;
/** helm-secrets schemes: `secrets://`, `secrets+age-import://KEY?FILE`... the file follows the scheme (after `?` for imports). */
const SECRETS_SCHEME = /^secrets(\+[a-z-]+)?:\/\/(?:[^?]*\?)?/;
const GLOB = /[*?[]/;
/** Build environment Argo CD substitutes into value file paths; the revision is not known before a sync. */
function envsubst(text: string, app: ApplicationSpec, source: SourceSpec): string {
  const env: Record<string, string> = {
    ARGOCD_APP_NAME: app.name,
    ARGOCD_APP_NAMESPACE: app.destination.namespace ?? '',
    ARGOCD_APP_PROJECT_NAME: app.project,
    ARGOCD_APP_SOURCE_PATH: source.path ?? '',
    ARGOCD_APP_SOURCE_REPO_URL: source.repoURL,
    ARGOCD_APP_SOURCE_TARGET_REVISION: source.targetRevision ?? '',
  };
  return text.replace(/\$(\$|\{([A-Za-z0-9_]+)\}|[A-Za-z0-9_]+)/g, (_m, name: string, braced?: string) => (name === '$' ? '$' : (env[braced ?? name] ?? '')));
}

/** A path as Argo CD resolves it: relative to `base`, or to the root when absolute; undefined outside the root. */
function resolveIn(base: string, raw: string): string | undefined {
  const joined = raw.startsWith('/') ? posix.normalize(raw.slice(1)) : posix.normalize(posix.join(base, raw));
  if (joined === '..' || joined.startsWith('../')) return undefined;
  return joined === '.' ? '' : joined.replace(/\/$/, '');
}

/**
 * Is this source rendered by Helm? A chart from a Helm repository, a path holding Chart.yaml, or a
 * path with explicit `helm:` settings. Ref-only sources and plain manifests are not.
 */
export function isHelmSource(source: SourceSpec, ctx: RepoContext): boolean {
  if (source.chart) return true;
  if (source.path === undefined) return false;
  if (!ctx.isThisRepo(source.repoURL)) return source.helm !== undefined;
  const dir = resolveIn('', source.path);
  return source.helm !== undefined || (dir !== undefined && ctx.kind(posix.join(dir, 'Chart.yaml')) === 'file');
}

/** Where a Helm repository chart is vendored: `<cache>/<name>-<version>`, `<cache>/<name>`, or `charts/<name>`. */
function vendoredChart(name: string, version: string | undefined, ctx: RepoContext): string | undefined {
  const candidates: string[] = [];
  for (const cache of [...ctx.chartCaches, 'charts']) {
    if (version) candidates.push(posix.join(cache, `${name}-${version}`), posix.join(cache, name, version));
    candidates.push(posix.join(cache, name));
  }
  return candidates.find((c) => ctx.kind(posix.join(c, 'Chart.yaml')) === 'file');
}

/** The layers and settings Argo CD passes to `helm template` for `app.sources[sourceIndex]`. */
export function planHelmSource(app: ApplicationSpec, sourceIndex: number, ctx: RepoContext): HelmSourcePlan {
  const source = app.sources[sourceIndex];
  const findings: Finding[] = [];
  let incomplete = false;
  // Worked out only when read (by a finding): a position needs the Application's syntax tree.
  const at = (...path: (string | number)[]) => lazyPosition(() => source.overriddenAt?.(path) ?? app.at([...source.at, ...path]));
  const finding = (rule: string, severity: Finding['severity'], pos: Position, message: string, hint: string) => findings.push({ rule, severity, message, ...pos, app: app.name, hint });
  const unknown = (pos: Position, message: string, hint: string) => {
    incomplete = true;
    finding('argocd-values-unknown', 'warning', pos, message, hint);
  };

  let chart: ChartRef;
  let chartDir: string | undefined;
  if (source.chart) {
    const vendoredDir = vendoredChart(source.chart, source.targetRevision, ctx);
    chart = { kind: 'repository', repoURL: source.repoURL, name: source.chart, ...(source.targetRevision ? { version: source.targetRevision } : {}), ...(vendoredDir ? { vendoredDir } : {}) };
    chartDir = vendoredDir;
  } else if (ctx.isThisRepo(source.repoURL)) {
    const dir = resolveIn('', source.path ?? '');
    if (dir === undefined) {
      finding('argocd-application-unreadable', 'error', at('path'), `path "${source.path}" leaves the repository`, 'Argo CD refuses it; point path at a chart folder inside the repository.');
      chart = { kind: 'local', dir: source.path ?? '' };
    } else {
      chart = { kind: 'local', dir };
      chartDir = dir;
      // A values-only folder (no Chart.yaml) is read as this tool's apps are: its values.yaml is the defaults.
      if (ctx.kind(dir) !== 'dir') finding('argocd-application-unreadable', 'error', at('path'), `path "${source.path}" does not exist in this repository`, 'Argo CD cannot sync this Application: fix the path or add the chart.');
    }
  } else {
    chart = { kind: 'external', repoURL: source.repoURL, path: source.path ?? '' };
    unknown(at('repoURL'), `the chart comes from another repository (${source.repoURL}), so its defaults and relative value files are unknown here`, 'Checks see only the values this repository sets; vendor the chart or point argocd.repoURL at it if it is this repository.');
  }

  let defaults: string | undefined;
  let defaultsKnown = chartDir !== undefined;
  if (chartDir !== undefined) {
    const v = posix.join(chartDir, 'values.yaml');
    if (ctx.kind(v) === 'file') defaults = v;
  } else if (chart.kind === 'repository') {
    defaultsKnown = false;
    unknown(at('chart'), `chart "${chart.name}"${chart.version ? ` ${chart.version}` : ''} comes from ${chart.repoURL}: its default values are unknown (no vendored copy)`, `Schema, policy and lint checks see only the values this repository sets. Vendor the chart in charts/${chart.name}-${chart.version ?? 'VERSION'}/ or a folder named in argocd.chartCache.`);
  }

  const helm = source.helm;
  const refs = new Map<string, SourceSpec>();
  for (const s of app.sources) if (s.ref) refs.set(`$${s.ref}`, s);

  /** Resolve one path the way Argo CD resolves value files and file parameters. */
  const resolvePath = (raw: string, pos: Position): { file?: string; secrets?: boolean } => {
    const scheme = SECRETS_SCHEME.exec(raw);
    if (scheme && !/^secrets\+literal:/.test(raw)) return { ...resolvePath(raw.slice(scheme[0].length), pos), secrets: true };
    const refName = raw.startsWith('$') ? raw.split('/')[0] : '';
    const ref = refs.get(refName);
    if (ref) {
      const rest = raw.slice(refName.length);
      if (rest.replace(/\//g, '') === '') {
        finding('argocd-application-unreadable', 'error', pos, `"${raw}" names no file after the ref`, `Write ${refName}/path/to/values.yaml.`);
        return {};
      }
      if (!ctx.isThisRepo(ref.repoURL)) {
        unknown(pos, `"${raw}" is read from another repository (${ref.repoURL})`, 'Checks miss its values; point argocd.repoURL at that repository if it is this one.');
        return {};
      }
      const file = resolveIn('', envsubst(rest, app, source));
      if (file === undefined) finding('argocd-application-unreadable', 'error', pos, `"${raw}" leaves the repository`, 'Argo CD refuses it; keep value files inside the repository.');
      return file === undefined ? {} : { file };
    }
    const expanded = envsubst(raw, app, source);
    if (REMOTE.test(expanded)) {
      unknown(pos, `"${raw}" is fetched from a URL`, 'Checks miss its values; keep value files in the repository.');
      return {};
    }
    if (chartDir === undefined) {
      if (chart.kind === 'repository') unknown(pos, `"${raw}" is read from inside chart "${source.chart}", which is not vendored here`, 'Vendor the chart to check these values.');
      return {};
    }
    const file = resolveIn(chartDir, expanded);
    if (file === undefined) finding('argocd-application-unreadable', 'error', pos, `"${raw}" leaves the repository`, 'Argo CD refuses value files outside the repository.');
    return file === undefined ? {} : { file };
  };

  const valueFiles: PlannedValueFile[] = [];
  if (helm) {
    const entries = helm.valueFiles.map((raw, i) => ({ raw, pos: at('helm', 'valueFiles', i), ...resolvePath(raw, at('helm', 'valueFiles', i)) }));
    // As Argo CD 3: a file listed explicitly is placed where it is listed, not where a glob finds it; each file once.
    const explicit = new Set(entries.filter((e) => e.file !== undefined && !GLOB.test(e.file)).map((e) => e.file as string));
    const seen = new Set<string>();
    for (const e of entries) {
      if (e.file === undefined) continue;
      if (GLOB.test(e.file)) {
        const matches = ctx.glob(e.file);
        if (matches.length === 0 && !helm.ignoreMissingValueFiles) finding('argocd-value-file-missing', 'error', e.pos, `values file glob "${e.raw}" matches no file, so Argo CD fails to sync`, 'Add a matching file, fix the pattern, or set ignoreMissingValueFiles: true.');
        for (const m of matches) {
          if (explicit.has(m) || seen.has(m)) continue;
          seen.add(m);
          valueFiles.push({ raw: e.raw, at: e.pos, file: m, exists: true, skipped: false, ...(e.secrets ? { secrets: true } : {}) });
        }
        continue;
      }
      if (seen.has(e.file)) continue;
      seen.add(e.file);
      const exists = ctx.kind(e.file) === 'file';
      if (!exists && !helm.ignoreMissingValueFiles) {
        finding('argocd-value-file-missing', 'error', e.pos, `values file "${e.raw}" (${e.file}) does not exist, so Argo CD fails to sync this Application`, 'Create the file, fix the path (it is relative to the chart folder; $ref/... for another source), or set ignoreMissingValueFiles: true.');
      }
      valueFiles.push({ raw: e.raw, at: e.pos, file: e.file, exists, skipped: !exists && helm.ignoreMissingValueFiles, ...(e.secrets ? { secrets: true } : {}) });
    }
  }

  let inline: HelmSourcePlan['inline'];
  if (helm?.valuesObject) {
    inline = { field: 'valuesObject', at: at('helm', 'valuesObject'), object: helm.valuesObject };
    if (helm.values !== undefined && helm.values.trim() !== '') finding('argocd-values-ignored', 'warning', at('helm', 'values'), 'helm.values is ignored: Argo CD uses helm.valuesObject when both are set', 'Move these values into valuesObject, or remove one of the two.');
  } else if (helm?.values !== undefined && helm.values.trim() !== '') {
    inline = { field: 'values', at: at('helm', 'values'), text: helm.values };
  }

  const parameters = (helm?.parameters ?? []).map((p, i) => ({ ...p, at: at('helm', 'parameters', i, 'value') }));
  const fileParameters = (helm?.fileParameters ?? []).map((p, i) => {
    const pos = at('helm', 'fileParameters', i, 'path');
    const { file } = resolvePath(p.path, pos);
    const exists = file !== undefined && ctx.kind(file) === 'file';
    if (file !== undefined && !exists) finding('argocd-value-file-missing', 'error', pos, `file parameter "${p.name}" reads ${file}, which does not exist, so Argo CD fails to sync`, 'Create the file or fix the path.');
    return { name: p.name, ...(file !== undefined ? { file } : {}), at: pos, exists };
  });

  return {
    app,
    sourceIndex,
    chart,
    releaseName: helm?.releaseName ?? app.name,
    ...(defaults ? { defaults } : {}),
    defaultsKnown,
    valueFiles,
    ...(inline ? { inline } : {}),
    parameters,
    fileParameters,
    incomplete,
    findings,
  };
}
