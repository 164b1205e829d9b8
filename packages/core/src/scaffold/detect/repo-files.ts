import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';

const SKIP = new Set(['node_modules', '.git', 'dist', '.nx', 'tmp']);
/** Larger files are not hand-written manifests; reading them would only cost time. */
const MAX_BYTES = 1024 * 1024;

/** The YAML files of a repository, relative to its root (tool and dependency folders skipped). */
export function repoFiles(root: string, dir = ''): string[] {
  return readdirSync(join(root, dir), { withFileTypes: true }).flatMap((e) => {
    const rel = dir ? `${dir}/${e.name}` : e.name;
    if (e.isDirectory()) return SKIP.has(e.name) || e.name.startsWith('.') ? [] : repoFiles(root, rel);
    return e.isFile() && /\.ya?ml$/.test(e.name) ? [rel] : [];
  });
}

/** A repository file's text; undefined when too large to be a manifest. */
export function repoFileText(root: string): (path: string) => string | undefined {
  return (path) => {
    const abs = join(root, path);
    return statSync(abs).size > MAX_BYTES ? undefined : readFileSync(abs, 'utf8');
  };
}

/** The URL of the repository's git remote `origin`; undefined outside git or without that remote. */
export function gitOriginUrl(root: string): string | undefined {
  try {
    return execFileSync('git', ['-C', root, 'remote', 'get-url', 'origin'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim() || undefined;
  } catch {
    return undefined;
  }
}
