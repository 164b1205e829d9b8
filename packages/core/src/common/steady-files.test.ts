import { mkdirSync, mkdtempSync, realpathSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fileStamp, pathExists, pathStats, realPath, steadyFiles, withSteadyFiles } from './steady-files';

describe('steady files', () => {
  const dir = realpathSync(mkdtempSync(join(tmpdir(), 'hvm-steady-')));

  it('answers from the disk outside a steady run: a file written later is seen, one removed is gone', () => {
    const f = join(dir, 'outside.yaml');
    expect(pathExists(f)).toBe(false);
    writeFileSync(f, 'a: 1\n');
    expect(pathExists(f)).toBe(true);
    expect(fileStamp(f)).toMatch(/^[\d.]+:5$/);
    rmSync(f);
    expect(pathStats(f)).toBeUndefined();
  });

  it('asks each path once within a run, across awaits, and shares a run between calls given the same answers', async () => {
    const f = join(dir, 'inside.yaml');
    const files = steadyFiles();
    await withSteadyFiles(async () => {
      expect(pathExists(f)).toBe(false);
      writeFileSync(f, 'a: 1\n');
      await Promise.resolve();
      expect(pathExists(f)).toBe(false);
    }, files);
    expect(withSteadyFiles(() => pathExists(f), files)).toBe(false);
    expect(withSteadyFiles(() => pathExists(f))).toBe(true);
    expect(pathExists(f)).toBe(true);
  });

  it('tells a folder from a file, and a path under a file is nothing', () => {
    writeFileSync(join(dir, 'plain'), 'x');
    expect(pathStats(dir)?.isDirectory()).toBe(true);
    expect(pathStats(join(dir, 'plain'))?.isFile()).toBe(true);
    expect(pathExists(join(dir, 'plain', 'below'))).toBe(false);
  });

  it('follows symbolic links to the real path, and throws for a path that does not exist', () => {
    mkdirSync(join(dir, 'real'));
    symlinkSync(join(dir, 'real'), join(dir, 'link'));
    expect(withSteadyFiles(() => realPath(join(dir, 'link')))).toBe(join(dir, 'real'));
    expect(() => realPath(join(dir, 'missing'))).toThrow(/ENOENT/);
  });
});
