import { posix } from 'node:path';
import { matchesGlob } from '../../common';
import type { Discovery } from './discover-applications';
import { discoverApplications } from './discover-applications';
import { normalizeRepoURL } from './repo-context';

/**
 * The Applications and ApplicationSets of a repository known only as a list of files and a
 * reader (what `gitops init` sees before any gitops.yaml exists), read exactly as the workspace
 * reads them. `repoURL` is this repository's URL when known (its git remote): only then are git
 * generators evaluated here; without it they are findings, as for another repository.
 */
export function discoverListedApplications(files: string[], read: (path: string) => string | undefined, repoURL?: string): Discovery {
  const fileSet = new Set(files);
  const dirs = [...new Set(files.flatMap((f) => f.split('/').slice(0, -1).map((_, i, parts) => parts.slice(0, i + 1).join('/'))))].sort();
  const dirSet = new Set(dirs);
  const text = (rel: string) => {
    const t = read(rel);
    if (t === undefined) throw Object.assign(new Error(`${rel} cannot be read`), { code: 'EUNREADABLE' });
    return t;
  };
  // Only files that name an Argo CD kind are worth parsing.
  const manifests = files.filter((f) => /\.(ya?ml|json)$/.test(f) && /argoproj\.io/.test(read(f) ?? ''));
  const own = repoURL ? normalizeRepoURL(repoURL) : undefined;
  return discoverApplications({
    repo: {
      isThisRepo: (url) => own !== undefined && normalizeRepoURL(url) === own,
      kind: (rel) => (fileSet.has(rel) ? 'file' : dirSet.has(rel) || rel === '' ? 'dir' : undefined),
      glob: (pattern) => files.filter((f) => matchesGlob(f, posix.normalize(pattern))).sort(),
      chartCaches: [],
      dirs: () => dirs,
      read: text,
    },
    clusters: [],
    patterns: manifests,
    patternsFile: 'the repository',
  });
}
