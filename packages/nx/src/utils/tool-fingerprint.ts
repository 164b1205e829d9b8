import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';

let cached: string | undefined;

/**
 * A fingerprint of the code that computes every target's result (the compiled core, promote and
 * this plugin). It goes into each inferred target so that upgrading or rebuilding the tool
 * invalidates cached results that it would now compute differently.
 */
export function toolFingerprint(): string {
  cached ??= fingerprintOf(['@helm-values-manager/core', '@helm-values-manager/promote', '@helm-values-manager/nx'].map((p) => dirname(require.resolve(`${p}/package.json`))));
  return cached;
}

/**
 * The fingerprint of these package folders: each package.json's text, and each compiled file by its
 * path in the package, size and modification time. Every nx command computes it, and reading every
 * file cost each one 30 ms; a build rewrites the files it changes, and an upgrade brings a new version.
 */
export function fingerprintOf(roots: string[]): string {
  const hash = createHash('sha256');
  for (const root of roots) {
    hash.update(readFileSync(join(root, 'package.json')));
    for (const file of compiledFiles(join(root, 'dist'))) {
      const st = statSync(file);
      hash.update(`${relative(root, file)}\0${st.size}\0${st.mtimeMs}\n`);
    }
  }
  return hash.digest('hex').slice(0, 16);
}

/** Every compiled file that runs, in a stable order (type declarations and source maps change no result). */
function compiledFiles(dir: string): string[] {
  const out: string[] = [];
  for (const e of readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
    const p = join(dir, e.name);
    if (e.isDirectory()) out.push(...compiledFiles(p));
    else if (!/\.(d\.ts|map|tsbuildinfo)$/.test(e.name)) out.push(p);
  }
  return out;
}
