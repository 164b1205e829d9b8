// Compiles every package to JavaScript plus .d.ts files in its dist/ folder (npm run build; npm ci
// and npm test run it) with TypeScript's own build mode over the packages' project references
// (tsconfig.build.json), then copies the files the compiled code reads at run time (JSON
// schemas). Nx and the gitops CLI load plain JavaScript: registering a TypeScript transpiler
// costs each Nx process about half a second.
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, readdirSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';

const REPO_ROOT = resolve(__dirname, '../..');

/** Each package's sources and where their JavaScript goes (the references of tsconfig.build.json). */
export const PACKAGES = ['core', 'promote', 'nx', 'cli'].map((p) => ({ src: `packages/${p}/src`, out: `packages/${p}/dist` }));

const SKIP_DIRS = new Set(['dist', 'node_modules', 'test-support']);

/** Files other than TypeScript that the compiled code reads beside itself. */
function assets(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = join(dir, e.name);
    if (e.isDirectory()) return SKIP_DIRS.has(e.name) ? [] : assets(p);
    return e.name.endsWith('.json') && !['package.json', 'generators.json', 'executors.json'].includes(e.name) && !e.name.startsWith('tsconfig') ? [p] : [];
  });
}

function build(root: string = REPO_ROOT): number {
  // noEmitOnError (tsconfig.lib.json): a package with a type error keeps its last good dist/.
  const tsc = spawnSync(process.execPath, [require.resolve('typescript/bin/tsc'), '-b', join(root, 'tsconfig.build.json')], { cwd: root, stdio: 'inherit' });
  if (tsc.status !== 0) throw new Error('tsc -b reported the errors above; every dist/ keeps its last good build');
  let count = 0;
  for (const p of PACKAGES) {
    for (const file of assets(join(root, p.src))) {
      const target = join(root, p.out, relative(join(root, p.src), file));
      mkdirSync(dirname(target), { recursive: true });
      copyFileSync(file, target);
      count++;
    }
  }
  return count;
}

if (require.main === module) {
  const t0 = Date.now();
  try {
    const n = build();
    process.stdout.write(`built (${n} assets copied) in ${Date.now() - t0} ms\n`);
  } catch (e) {
    process.stderr.write(`build failed: ${(e as Error).message}\n`);
    process.exitCode = 1;
  }
}
