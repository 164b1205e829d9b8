import { posix } from 'node:path';
import { globFiles, type TreeReader } from '../file-glob';
import type { ChartRenderer, Discovery, DiscoveryContext } from './discover-applications';
import { discoverApplications } from './discover-applications';
import { normalizeRepoURL } from './repo-context';

/** The files of a repository, listed, with a reader: a generator's virtual tree, or what init sees. */
export interface ListedFiles {
  files: string[];
  read(path: string): string | undefined;
}

const ROOT = '/listed';

/** A repository known only by its file list, as discovery reads one; `repoURLs` are the URLs that name it. */
export function listedRepo({ files, read }: ListedFiles, repoURLs: string[], chartCaches: string[] = []): DiscoveryContext['repo'] {
  const fileSet = new Set(files);
  const dirs = [...new Set(files.flatMap((f) => f.split('/').slice(0, -1).map((_, i, parts) => parts.slice(0, i + 1).join('/'))))].sort();
  const dirSet = new Set(dirs);
  const own = new Set(repoURLs.map(normalizeRepoURL));
  // The list as a folder tree, so globs mean what they mean on disk (a folder names its files).
  const children = new Map<string, { name: string; dir: boolean }[]>();
  for (const p of [...dirs, ...files]) {
    const parent = posix.dirname(p) === '.' ? '' : posix.dirname(p);
    children.set(parent, [...(children.get(parent) ?? []), { name: posix.basename(p), dir: dirSet.has(p) }]);
  }
  const tree: TreeReader = { entries: (abs) => children.get(posix.relative(ROOT, abs)) ?? [] };
  return {
    isThisRepo: (url) => own.has(normalizeRepoURL(url)),
    kind: (rel) => (fileSet.has(rel) ? 'file' : dirSet.has(rel) || rel === '' ? 'dir' : undefined),
    glob: (pattern) => globFiles(ROOT, pattern.replace(/^\/+/, ''), [], tree),
    chartCaches,
    dirs: () => dirs,
    read: (rel) => {
      const t = read(rel);
      if (t === undefined) throw Object.assign(new Error(`${rel} cannot be read`), { code: 'ENOENT' });
      return t;
    },
  };
}

/**
 * The Applications and ApplicationSets of a repository known only as a list of files and a
 * reader (what `gitops init` sees before any gitops.yaml exists), read exactly as the workspace
 * reads them. `repoURL` is this repository's URL when known (its git remote): only then are git
 * generators evaluated here; without it they are findings, as for another repository.
 * `renderChart` renders app-of-apps charts; without it, the Applications they make are a finding.
 */
export function discoverListedApplications(files: string[], read: (path: string) => string | undefined, repoURL?: string, renderChart?: ChartRenderer): Discovery {
  // Only files that name an Argo CD kind are worth parsing.
  const manifests = files.filter((f) => /\.(ya?ml|json)$/.test(f) && /argoproj\.io/.test(read(f) ?? ''));
  return discoverApplications({ repo: listedRepo({ files, read }, repoURL ? [repoURL] : []), clusters: [], patterns: manifests, patternsFile: 'the repository', ...(renderChart ? { renderChart } : {}) });
}
