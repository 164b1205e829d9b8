import { posix } from 'node:path';
import { ARGO_FILE_EXTENSIONS, chartMakesApplications, type DiscoveryContext } from './discover-applications';

/** An app a run is scoped to: its name, and the folders whose files its findings are about (its own, its Nx project's). */
export interface ScopedApp {
  name: string;
  folders: string[];
}

/**
 * Which Application files a run for some apps can skip unparsed (DiscoveryContext.skip). A file is
 * read when its text could matter to one of the apps: it holds an ApplicationSet (its generators
 * may make anything); it lies in an app's folder (its findings are that app's); it names an app
 * (an Application's name yields its app: `{app}-{env}`, `{env}-{app}`, `{app}` with the env from
 * its namespace, and `{app}-{chart}` for one of several Helm sources) or an app's folder (a chart,
 * a value file, a `$values` path into it, written `./apps/x/` or `../x/values.yaml` alike); or
 * it may deploy Applications itself (app-of-apps: a `path` whose chart templates create
 * Applications, or whose folder holds Argo CD files; a `path` this cannot read simply is taken
 * to). Anything else deploys another app from elsewhere: it changes no finding of these apps.
 */
export function appScopeFilter(repo: DiscoveryContext['repo'], apps: ScopedApp[]): (file: string, text: string) => boolean {
  const within = apps.flatMap((a) => a.folders.map((f) => (f === '.' || f === '' ? '' : `${f}/`)));
  const needles = apps.flatMap((a) => a.folders.map((f) => posix.basename(f)));
  const names = apps.map((a) => a.name);
  const deploysApplications = new Map<string, boolean>();
  const rootish = (dir: string, recurse: boolean) => {
    const key = `${recurse}\0${dir}`;
    let answer = deploysApplications.get(key);
    if (answer === undefined) deploysApplications.set(key, (answer = mayDeployApplications(repo, dir, recurse)));
    return answer;
  };
  return (file, text) => {
    if (text.includes('ApplicationSet')) return false;
    if (within.some((w) => file.startsWith(w))) return false;
    if (needles.some((n) => n === '' || n === '.' || text.includes(n))) return false;
    if (names.some((n) => namesApp(text, n))) return false;
    const paths = sourcePaths(text);
    if (paths === undefined) return false;
    const recurse = text.includes('recurse');
    return !paths.some((p) => rootish(p, recurse));
  };
}

/** The app's name, or both halves of it around one of its dashes (`{app}-{chart}`: the chart is named apart). */
function namesApp(text: string, name: string): boolean {
  if (text.includes(name)) return true;
  for (let i = name.indexOf('-'); i > 0; i = name.indexOf('-', i + 1)) if (text.includes(name.slice(0, i)) && text.includes(name.slice(i + 1))) return true;
  return false;
}

// A `path:` key and its value, in block or flow style, YAML or JSON: a plain or quoted scalar without escapes.
const PATH_KEY = /\bpath\b/g;
const PATH_VALUE = /^path["']?[ \t]*:[ \t]*(?:"([^"\\\n]*)"|'([^'\n]*)'|([^\s"'#,[\]{}&*!|>%@`][^\s#,[\]{}]*))[ \t]*(?:[,}\]][^\n]*|#[^\n]*)?(?:\n|$)/;

/**
 * Every `path` an Application's text gives its sources, folders relative to the root; undefined
 * when one is written in a way this does not read for sure (an alias, a block or multi-line
 * scalar, an escape): the file is then read.
 */
function sourcePaths(text: string): string[] | undefined {
  const out: string[] = [];
  for (const m of text.matchAll(PATH_KEY)) {
    const rest = text.slice(m.index);
    const v = PATH_VALUE.exec(rest);
    if (!v) return undefined;
    // A plain scalar continued on a more indented line is one longer value.
    const lineStart = text.lastIndexOf('\n', m.index) + 1;
    const next = /^\n*( *)\S/.exec(rest.slice(v[0].length));
    if (next && v[0].endsWith('\n') && next[1].length > m.index - lineStart) return undefined;
    const value = v[1] ?? v[2] ?? v[3];
    const dir = posix.normalize(value).replace(/^\.\/?|\/$/g, '');
    if (!dir.startsWith('..')) out.push(dir === '.' ? '' : dir);
  }
  return out;
}

/** Whether Argo CD may find Applications by deploying `dir`: a chart whose templates create them, or a folder holding Argo CD files that name them. */
function mayDeployApplications(repo: DiscoveryContext['repo'], dir: string, recurse: boolean): boolean {
  if (repo.kind(dir) !== 'dir') return false;
  if (chartMakesApplications(dir, { repo })) return true;
  const pattern = recurse ? (dir === '' ? '**' : posix.join(dir, '**')) : posix.join(dir, '*');
  return repo.glob(pattern).some((f) => {
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
