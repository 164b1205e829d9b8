// The Nx and CLI end-to-end tests run the compiled dist/ of each package; a test file run on
// its own (npx vitest run one.test.ts) must still test the current sources, so the run
// rebuilds first whenever a source file is newer than its package's compiled output.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

const ROOT = join(__dirname, '../..');
/** Each compiled package: its sources and its output folder. */
const PACKAGES = ['core', 'promote', 'nx', 'cli'].map((p) => `packages/${p}`);

function newestMtime(dir: string, skip: (name: string) => boolean): number {
  let newest = 0;
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    if (skip(e.name)) continue;
    const p = join(dir, e.name);
    newest = Math.max(newest, e.isDirectory() ? newestMtime(p, skip) : statSync(p).mtimeMs);
  }
  return newest;
}

/**
 * The build record tsc -b writes into dist/ each time it builds a package. Its time is the
 * build's: tsc -b leaves unchanged outputs as they were, so their times say nothing.
 */
export const BUILD_RECORD = 'tsconfig.lib.tsbuildinfo';

/** True when some package has no build record or a source file changed after it was built. */
export function buildIsStale(root: string = ROOT): boolean {
  return PACKAGES.some((pkg) => {
    const record = join(root, pkg, 'dist', BUILD_RECORD);
    if (!existsSync(record)) return true;
    const src = join(root, pkg, 'src');
    const skip = (name: string) => name === 'dist' || name === 'node_modules' || name.includes('.test.');
    return newestMtime(src, skip) > statSync(record).mtimeMs;
  });
}

export function ensureFreshBuild(): void {
  if (!buildIsStale()) return;
  const run = spawnSync('npm', ['run', 'build'], { cwd: ROOT, stdio: ['ignore', 'ignore', 'inherit'] });
  if (run.status !== 0) throw new Error('npm run build failed: the end-to-end tests need the compiled packages');
}
