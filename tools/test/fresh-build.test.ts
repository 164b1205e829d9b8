import { mkdirSync, mkdtempSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BUILD_RECORD, buildIsStale } from './fresh-build';

function write(root: string, path: string, at: number): void {
  const file = join(root, path);
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, '// x\n');
  utimesSync(file, at, at);
}

/** A tree with every compiled package built at t=200 from sources last changed at t=100. */
function builtTree(): string {
  const root = mkdtempSync(join(tmpdir(), 'hvm-fresh-'));
  for (const pkg of ['core', 'promote', 'nx', 'cli']) {
    write(root, `packages/${pkg}/src/index.ts`, 100);
    write(root, `packages/${pkg}/dist/${BUILD_RECORD}`, 200);
  }
  return root;
}

describe('fresh sources for the end-to-end tests', () => {
  it('needs no build when every dist/ is newer than its sources', () => {
    expect(buildIsStale(builtTree())).toBe(false);
  });

  it('rebuilds after a source edit, in any package and folder depth', () => {
    const core = builtTree();
    write(core, 'packages/core/src/yaml/yaml-file.ts', 300);
    expect(buildIsStale(core)).toBe(true);
    const generators = builtTree();
    write(generators, 'packages/nx/src/generators/env/generator.ts', 300);
    expect(buildIsStale(generators)).toBe(true);
  });

  it('rebuilds when a package was never built, and ignores edited tests', () => {
    const root = builtTree();
    write(root, 'packages/nx/src/plugins/plugin.test.ts', 300);
    expect(buildIsStale(root)).toBe(false);
    const unbuilt = mkdtempSync(join(tmpdir(), 'hvm-fresh-'));
    write(unbuilt, 'packages/core/src/index.ts', 100);
    expect(buildIsStale(unbuilt)).toBe(true);
  });

  it('goes by the build record, not by outputs a build left unchanged', () => {
    const root = builtTree();
    write(root, 'packages/core/dist/old-output.js', 50);
    expect(buildIsStale(root)).toBe(false);
  });
});
