// Compiles every package's TypeScript to JavaScript in its dist/ folder (npm run build; npm ci
// and npm test run it). Nx and the gitops CLI then load plain JavaScript: registering a
// TypeScript transpiler costs each Nx process about half a second. Type checking is
// `npm run typecheck`; this only transpiles, file by file.
import { copyFileSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { ModuleKind, ScriptTarget, transpileModule } from 'typescript';

const REPO_ROOT = resolve(__dirname, '../..');

/** Each package's sources and where their JavaScript goes. */
const PACKAGES = [
  ...['core', 'promote', 'nx', 'cli'].map((p) => ({ src: `packages/${p}/src`, out: `packages/${p}/dist` })),
  { src: 'generators', out: 'generators/dist' },
];

const SKIP_DIRS = new Set(['dist', 'node_modules', 'test-support']);

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = join(dir, e.name);
    if (e.isDirectory()) return SKIP_DIRS.has(e.name) ? [] : sources(p);
    if (e.name.includes('.test.') || e.name.endsWith('.d.ts') || e.name === 'package.json' || e.name === 'generators.json') return [];
    return [p];
  });
}

/** Build one package into a fresh folder, then swap it in, so a failed build leaves the last good one. */
function buildPackage(root: string, src: string, out: string): number {
  const staging = `${out}.tmp`;
  rmSync(staging, { recursive: true, force: true });
  try {
    const count = transpileInto(root, src, staging);
    rmSync(out, { recursive: true, force: true });
    renameSync(staging, out);
    return count;
  } finally {
    rmSync(staging, { recursive: true, force: true });
  }
}

function transpileInto(root: string, src: string, staging: string): number {
  let count = 0;
  for (const file of sources(src)) {
    const target = join(staging, relative(src, file));
    mkdirSync(dirname(target), { recursive: true });
    if (!file.endsWith('.ts')) {
      copyFileSync(file, target);
      continue;
    }
    const { outputText, diagnostics } = transpileModule(readFileSync(file, 'utf8'), {
      fileName: file,
      reportDiagnostics: true,
      compilerOptions: { module: ModuleKind.CommonJS, target: ScriptTarget.ES2022, esModuleInterop: true, resolveJsonModule: true },
    });
    if (diagnostics?.length) throw new Error(`${relative(root, file)}: ${diagnostics.map((d) => d.messageText).join('; ')}`);
    writeFileSync(target.replace(/\.ts$/, '.js'), outputText);
    count++;
  }
  return count;
}

function build(root: string = REPO_ROOT): number {
  return PACKAGES.reduce((n, p) => n + buildPackage(root, join(root, p.src), join(root, p.out)), 0);
}

if (require.main === module) {
  const t0 = Date.now();
  try {
    const n = build();
    process.stdout.write(`built ${n} files in ${Date.now() - t0} ms\n`);
  } catch (e) {
    // A syntax error names its file; the previous dist/ stays in place.
    process.stderr.write(`build failed: ${(e as Error).message}\n`);
    process.exitCode = 1;
  }
}
