import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

let cached: string | undefined;

/**
 * A hash of the code that computes every target's result (the compiled core, promote and this plugin).
 * It goes into each inferred target so that upgrading or rebuilding the tool invalidates cached
 * results that it would now compute differently.
 */
export function toolFingerprint(): string {
  if (cached) return cached;
  const hash = createHash('sha256');
  for (const pkg of ['@helm-values-manager/core/package.json', '@helm-values-manager/promote/package.json', '@helm-values-manager/nx/package.json']) {
    const root = dirname(require.resolve(pkg));
    for (const file of compiledFiles(root)) hash.update(file).update(readFileSync(file));
  }
  cached = hash.digest('hex').slice(0, 16);
  return cached;
}

/** package.json and every compiled file that runs, in a stable order (type declarations and source maps change no result). */
function compiledFiles(root: string): string[] {
  const out = [join(root, 'package.json')];
  const walk = (dir: string) => {
    for (const e of readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
      const p = join(dir, e.name);
      if (e.isDirectory()) walk(p);
      else if (!/\.(d\.ts|map|tsbuildinfo)$/.test(e.name)) out.push(p);
    }
  };
  walk(join(root, 'dist'));
  return out;
}
