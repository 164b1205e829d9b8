import { posix } from 'node:path';
import { isMap, type Value } from '../../common';
import { ARGO_FILE_EXTENSIONS, chartMakesApplications, type DiscoveryContext } from './discover-applications';
import { readArgoDocuments } from './documents';

/** An app a run is scoped to: its name, and the folders whose files its findings are about (its own, its Nx project's). */
export interface ScopedApp {
  name: string;
  folders: string[];
}

type Repo = DiscoveryContext['repo'];

/**
 * Which Application files a run for some apps can skip (DiscoveryContext.skip): their sources are
 * neither planned nor resolved. A file is read when it could matter to one of the apps: it holds
 * an ApplicationSet (its generators may make anything); it lies in an app's folder (its findings
 * are that app's); its text names an app (an Application's name yields its app: `{app}-{env}`,
 * `{env}-{app}`, `{app}` with the env from its namespace, `{app}-{chart}` for one of several Helm
 * sources) or an app's folder (a chart, a value file, a `$values` path into it, written
 * `./apps/x/` or `../x/values.yaml` alike); or one of its Applications may deploy Applications
 * itself (app-of-apps). Anything else deploys another app from elsewhere: no finding of these
 * apps depends on it.
 */
export function appScopeFilter(repo: Repo, apps: ScopedApp[]): (file: string, text: string) => boolean {
  const within = apps.flatMap((a) => a.folders.map((f) => (f === '.' || f === '' ? '' : `${f}/`)));
  const needles = apps.flatMap((a) => a.folders.map((f) => posix.basename(f)));
  const names = apps.map((a) => a.name);
  const answers = new Map<string, boolean>();
  const once = (key: string, answer: () => boolean) => {
    let a = answers.get(key);
    if (a === undefined) answers.set(key, (a = answer()));
    return a;
  };
  return (file, text) => {
    if (text.includes('ApplicationSet')) return false;
    if (within.some((w) => file.startsWith(w))) return false;
    // (an app at the root is within above: every file is read)
    if (needles.some((n) => text.includes(n))) return false;
    if (names.some((n) => namesApp(text, n))) return false;
    return !readArgoDocuments(text, file).documents.some((d) => sourcesOf(d.data.spec).some((s) => mayDeployApplications(repo, d.name, s, once)));
  };
}

/** The app's name, or both halves of it around one of its dashes (`{app}-{chart}`: the chart is named apart). */
function namesApp(text: string, name: string): boolean {
  if (text.includes(name)) return true;
  for (let i = name.indexOf('-'); i > 0; i = name.indexOf('-', i + 1)) if (text.includes(name.slice(0, i)) && text.includes(name.slice(i + 1))) return true;
  return false;
}

/** Every source an Application spec may have, `source` and `sources` alike. */
function sourcesOf(spec: Value | undefined): Value[] {
  if (!isMap(spec)) return [];
  return [spec.source, ...(Array.isArray(spec.sources) ? spec.sources : [])].filter((s) => s !== undefined && s !== null);
}

/**
 * Whether Argo CD may find Applications by deploying this source: a chart whose templates create
 * them, or a plain folder holding Argo CD documents; a source this cannot read for sure (a path
 * that is no string, override files that may change it) is taken to.
 */
function mayDeployApplications(repo: Repo, application: string, source: Value, once: (key: string, answer: () => boolean) => boolean): boolean {
  if (!isMap(source)) return true;
  if (source.path === undefined) return false;
  if (typeof source.path !== 'string') return true;
  const dir = posix.normalize(source.path).replace(/^\.\/?$|\/$/g, '');
  if (dir.startsWith('..')) return false;
  const at = (name: string) => (dir === '' ? name : posix.join(dir, name));
  if (repo.kind(at('.argocd-source.yaml')) !== undefined || repo.kind(at(`.argocd-source-${application}.yaml`)) !== undefined) return true;
  if (once(`chart\0${dir}`, () => chartMakesApplications(dir, { repo }))) return true;
  const helm = source.chart !== undefined || source.helm !== undefined || repo.kind(at('Chart.yaml')) === 'file';
  if (helm) return false;
  const recurse = isMap(source.directory) && source.directory.recurse !== undefined && source.directory.recurse !== false;
  return once(`${recurse}\0${dir}`, () => folderHoldsArgoDocuments(repo, dir, recurse));
}

function folderHoldsArgoDocuments(repo: Repo, dir: string, recurse: boolean): boolean {
  const pattern = recurse ? (dir === '' ? '**' : posix.join(dir, '**')) : dir === '' ? '*' : posix.join(dir, '*');
  return repo.glob(pattern).some((f) => {
    // without recurse Argo CD applies the folder's own files only (the glob also enters the sub-folders `*` matches)
    if (!recurse && posix.dirname(f) !== (dir || '.')) return false;
    if (!ARGO_FILE_EXTENSIONS.some((e) => f.endsWith(e))) return false;
    try {
      const t = repo.read(f);
      // An Argo CD document names its group and kind (an escape may spell them: taken to)
      return (t.includes('argoproj') && t.includes('Application')) || t.includes('\\');
    } catch {
      return true;
    }
  });
}
