import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

let cached: string | undefined;

/**
 * A hash of the code that computes every target's result (core and this plugin). It goes into
 * each inferred target so that upgrading the tool invalidates cached results that it would
 * now compute differently.
 */
export function toolFingerprint(): string {
  if (cached) return cached;
  const hash = createHash('sha256');
  for (const pkg of ['@hvm/core/package.json', '@hvm/nx/package.json']) {
    const root = dirname(require.resolve(pkg));
    for (const file of sourceFiles(root)) hash.update(file).update(readFileSync(file));
  }
  cached = hash.digest('hex').slice(0, 16);
  return cached;
}

/** package.json and every non-test source file, in a stable order. */
function sourceFiles(root: string): string[] {
  const out = [join(root, 'package.json')];
  const walk = (dir: string) => {
    for (const e of readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
      const p = join(dir, e.name);
      if (e.isDirectory()) {
        if (e.name !== 'node_modules' && e.name !== 'test-support') walk(p);
      } else if (!e.name.includes('.test.')) {
        out.push(p);
      }
    }
  };
  walk(join(root, 'src'));
  return out;
}
