import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathStats } from '../../common';
import { fileExists, overriddenText } from '../../values';
import { diskTree, globFiles, type TreeReader } from '../file-glob';
import type { RepoContext } from './helm-source-plan';

/** A Git URL in one comparable form: host/path, lowercase host, without scheme, user, `.git` or trailing slash. */
export function normalizeRepoURL(url: string): string {
  let u = url.trim();
  const scp = /^[\w.-]+@([^:/]+):(.*)$/.exec(u);
  if (scp) u = `${scp[1]}/${scp[2]}`;
  else u = u.replace(/^[a-z][a-z0-9+.-]*:\/\//i, '').replace(/^[^@/]+@/, '');
  u = u.replace(/\/+$/, '').replace(/\.git$/, '');
  const slash = u.indexOf('/');
  return slash < 0 ? u.toLowerCase() : u.slice(0, slash).toLowerCase().replace(/:\d+$/, '') + u.slice(slash);
}

export interface RepoOptions {
  /** The URLs by which Argo CD knows this repository (argocd.repoURL and its aliases). */
  repoURLs: string[];
  chartCaches: string[];
  tree?: TreeReader;
}

/** The repository as Argo CD's repo server sees it, read from the working tree at `root`. */
export function diskRepo(root: string, opts: RepoOptions): RepoContext & { dirs(): string[]; read(rel: string): string } {
  const own = new Set(opts.repoURLs.map(normalizeRepoURL));
  const tree = opts.tree ?? diskTree;
  let allDirs: string[] | undefined;
  // every Application names the same few URLs
  const answers = new Map<string, boolean>();
  // and the same chart folders and values files in each of its envs: each asked of the disk once per reading
  const kinds = new Map<string, 'file' | 'dir' | undefined>();
  return {
    isThisRepo: (url) => {
      let mine = answers.get(url);
      if (mine === undefined) answers.set(url, (mine = own.has(normalizeRepoURL(url))));
      return mine;
    },
    kind(rel) {
      const abs = join(root, rel);
      if (overriddenText(abs) !== undefined) return 'file';
      if (kinds.has(abs)) return kinds.get(abs);
      const kind = diskKind(abs);
      kinds.set(abs, kind);
      return kind;
    },
    glob: (pattern) => globFiles(root, pattern.replace(/^\/+/, ''), [], tree),
    chartCaches: opts.chartCaches,
    dirs() {
      if (allDirs) return allDirs;
      const out: string[] = [];
      const walk = (rel: string) => {
        for (const e of tree.entries(join(root, rel))) {
          if (!e.dir || e.name.startsWith('.') || e.name === 'node_modules') continue;
          const p = rel ? `${rel}/${e.name}` : e.name;
          out.push(p);
          walk(p);
        }
      };
      walk('');
      allDirs = out.sort();
      return allDirs;
    },
    read: (rel) => overriddenText(join(root, rel)) ?? readFileSync(join(root, rel), 'utf8'),
  };
}

function diskKind(abs: string): 'file' | 'dir' | undefined {
  try {
    const st = pathStats(abs);
    // (a file written in memory only was answered before asking the disk)
    if (!st) return undefined;
    return st.isDirectory() ? 'dir' : st.isFile() ? 'file' : undefined;
  } catch {
    return fileExists(abs) ? 'file' : undefined;
  }
}
