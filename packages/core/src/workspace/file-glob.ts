import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { matchesGlob } from '../common';

/** How file discovery sees the tree: the disk by default, or a virtual tree in tests and generators. */
export interface TreeReader {
  /** Entries of a folder: names and whether each is a folder. Empty when it cannot be read. */
  entries(absDir: string): { name: string; dir: boolean }[];
}

export const diskTree: TreeReader = {
  entries(absDir) {
    try {
      return readdirSync(absDir, { withFileTypes: true }).map((d) => ({ name: d.name, dir: d.isDirectory() }));
    } catch {
      return [];
    }
  },
};

/**
 * A TreeReader that lists each folder once: for one reading of a tree that does not change
 * meanwhile (the Argo CD model globs the same chart and Applications folders for many Applications).
 */
export function listedOnce(tree: TreeReader): TreeReader {
  const listed = new Map<string, { name: string; dir: boolean }[]>();
  return {
    entries(absDir) {
      let entries = listed.get(absDir);
      if (!entries) listed.set(absDir, (entries = tree.entries(absDir)));
      return entries;
    },
  };
}

const hidden = (name: string) => name.startsWith('.') || name === 'node_modules';

/** The folder a glob starts in: its segments before the first one with a wildcard. */
function staticPrefix(pattern: string): string[] {
  const out: string[] = [];
  for (const seg of pattern.split('/').filter((s) => s !== '' && s !== '.')) {
    if (/[*?]/.test(seg)) break;
    out.push(seg);
  }
  return out;
}

/**
 * Files under `root` that a pattern names, as sorted posix paths: a file the glob matches, or any
 * file (with one of `extensions`) inside a folder the glob matches, at any depth. So
 * `argocd/applications`, `argocd/**` and `apps/*\/application.yaml` all work. Hidden folders and
 * node_modules are never entered.
 */
export function globFiles(root: string, pattern: string, extensions: string[] = [], tree: TreeReader = diskTree): string[] {
  const out = new Set<string>();
  // `*/config.json` or `*.yml` names its files itself; `*` and `**` take only `extensions`.
  const namesFiles = (pattern.split('/').pop() ?? '').includes('.');
  const wanted = (name: string) => extensions.length === 0 || extensions.some((e) => name.endsWith(e));
  const walk = (rel: string[], inMatchedDir: boolean) => {
    for (const e of tree.entries(join(root, ...rel))) {
      if (hidden(e.name)) continue;
      const path = [...rel, e.name];
      const p = path.join('/');
      if (e.dir) walk(path, inMatchedDir || matchesGlob(p, pattern));
      else if ((inMatchedDir && wanted(e.name)) || (matchesGlob(p, pattern) && (wanted(e.name) || namesFiles))) out.add(p);
    }
  };
  const prefix = staticPrefix(pattern);
  // A pattern that names one file: no walk needed.
  const parent = prefix.slice(0, -1);
  const last = prefix[prefix.length - 1];
  if (prefix.length > 0 && prefix.length === pattern.split('/').filter((s) => s !== '' && s !== '.').length) {
    const entry = tree.entries(join(root, ...parent)).find((e) => e.name === last);
    if (!entry) return [];
    if (!entry.dir) return [prefix.join('/')];
    walk(prefix, true);
    return [...out].sort();
  }
  walk(prefix, prefix.length > 0 && matchesGlob(prefix.join('/'), pattern));
  return [...out].sort();
}
