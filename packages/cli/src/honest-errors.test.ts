import { spawn, spawnSync } from 'node:child_process';
import { chmodSync, closeSync, cpSync, openSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { copyExampleWorkspace, REPO_ROOT } from '../../core/src/test-support/example-workspace';
import { files, gitopsBin } from '../../core/src/test-support/e2e-workspace';
import { gitops } from './test-support/fake-io';

const NOBODY = 65534;

describe('errors a user can fix are said as such', () => {
  it('an apps glob that matches nothing is exit 2 at its gitops.yaml line, not "No problems found."', async () => {
    const dir = copyExampleWorkspace();
    const config = join(dir, 'gitops.yaml');
    writeFileSync(config, readFileSync(config, 'utf8').replace('apps: deployment/helm/*', 'apps: deployment/hlem/*'));
    for (const command of ['validate', 'lint']) {
      const r = await gitops(dir, command);
      expect(r.code).toBe(2);
      expect(r.stdout).toBe('');
      expect(r.stderr).toBe(
        'error: gitops.yaml:6:7: the apps glob "deployment/hlem/*" matches no app folder (a folder holding values.yaml), so nothing would be checked\n' +
          '  Fix the glob or remove it from apps in gitops.yaml.\n',
      );
    }
    writeFileSync(config, readFileSync(config, 'utf8').replace('apps: deployment/hlem/*', 'apps: [deployment/helm/*, services/*]'));
    const one = await gitops(dir, 'validate');
    expect(one.code).toBe(2);
    expect(one.stderr).toMatch(/^error: gitops\.yaml:6:27: the apps glob "services\/\*" matches no app folder/);
  });

  it('a read-only workspace is exit 2 naming the file and what to do, never "internal error"', () => {
    const dir = copyExampleWorkspace();
    cpSync(join(REPO_ROOT, 'packages/core/templates'), join(dir, 'templates'), { recursive: true });
    // Root may write anywhere: as root, act as an ordinary user on root's workspace, which that user may only read.
    const uid = process.getuid?.() === 0 ? NOBODY : undefined;
    // (The test run's temporary folder is private to root: let the user through to the workspace.)
    if (uid !== undefined) chmodSync(dirname(dir), 0o711);
    for (const d of [dir, join(dir, 'deployment/helm/alpha-members')]) chmodSync(d, uid === undefined ? 0o555 : 0o755);
    const before = files(dir);
    const r = gitopsBin(dir, ['set-image', 'alpha-members', 'staging', '1.4.2'], uid);
    expect(r.code).toBe(2);
    // (Past a warning about an old Node, which the bin prints first on such a machine.)
    expect(r.stderr.replace(/^warning:[^]*?(?=^error:)/m, '')).toBe(
      'error: deployment/helm/alpha-members/values-staging.yaml: cannot be written (nothing was changed): permission denied (EACCES)\n' +
        '  Give the user running this command access to it (and to its folder), or run where you may write.\n',
    );
    const render = gitopsBin(dir, ['render'], uid);
    expect(render.code).toBe(2);
    expect(render.stderr).toMatch(/^error: dist\/rendered\/alpha-members: cannot be written \(the previous output is kept\): permission denied \(EACCES\)\n/m);
    expect(r.stderr + render.stderr).not.toContain('internal error');
    expect(files(dir)).toEqual(before);
  });

  it('standard output on a full disk is exit 2 with what to do, never an unhandled stream error', () => {
    const dir = copyExampleWorkspace();
    // /dev/full refuses every write with ENOSPC: a real full disk, as a redirect (`> out.json`) meets it
    const full = openSync('/dev/full', 'w');
    try {
      for (const args of [['values', 'alpha-members', 'prod'], ['validate', '-o', 'json']]) {
        const r = spawnSync(process.execPath, [join(REPO_ROOT, 'packages/cli/bin/gitops.js'), ...args], { cwd: dir, encoding: 'utf8', stdio: ['ignore', full, 'pipe'] });
        expect(r.status).toBe(2);
        expect(r.stderr).toContain('error: standard output: cannot be written: no space left on the device (ENOSPC)\n  Free some disk space and run again.\n');
        expect(r.stderr).not.toMatch(/node:events|Unhandled|    at /);
      }
    } finally {
      closeSync(full);
    }
  });

  it('a reader that leaves early (`| head`) ends the output quietly with the exit code of the command', async () => {
    const dir = copyExampleWorkspace();
    const child = spawn(process.execPath, [join(REPO_ROOT, 'packages/cli/bin/gitops.js'), 'values', 'alpha-members', 'prod', '--provenance'], { cwd: dir, stdio: ['ignore', 'pipe', 'pipe'] });
    child.stdout.destroy();
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const code = await new Promise<number | null>((done) => child.on('close', done));
    expect(stderr).toBe('');
    expect(code).toBe(0);
  });
});
