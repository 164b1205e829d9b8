import { spawn } from 'node:child_process';
import { chmodSync, chownSync, cpSync, existsSync, lstatSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { PENDING_WRITE } from '@helm-values-manager/core';
import { describe, expect, it } from 'vitest';
import { copyWorkspace, files, gitopsBin, nx } from '../../../core/src/test-support/e2e-workspace';
import { REPO_ROOT } from '../../../core/src/test-support/example-workspace';

const APPS = 'deployment/helm';
const ARGO = 'argocd/applications';
const NOBODY = 65534;

/** The example workspace with `count` more apps, each a copy of alpha-members with its Applications. */
function workspaceWith(count: number): string {
  const dir = copyWorkspace();
  for (let i = 0; i < count; i++) {
    const name = `app-${String(i).padStart(3, '0')}`;
    cpSync(join(dir, APPS, 'alpha-members'), join(dir, APPS, name), { recursive: true });
    for (const env of ['dev', 'staging', 'prod']) {
      writeFileSync(join(dir, ARGO, `${name}-${env}.yaml`), readFileSync(join(dir, ARGO, `alpha-members-${env}.yaml`), 'utf8').replaceAll('alpha-members', name));
    }
  }
  return dir;
}

/** qa's overlays and Applications on disk. */
const qaFiles = (dir: string) => [
  ...readdirSync(join(dir, APPS)).filter((a) => existsSync(join(dir, APPS, a, 'values-qa.yaml'))),
  ...readdirSync(join(dir, ARGO)).filter((f) => f.endsWith('-qa.yaml')),
];

describe('generators write all of their change set or nothing', () => {
  it('refuses to write outside the repository: argocd.applications pointing out of it, or a folder linked out of it', () => {
    const dir = copyWorkspace();
    const config = join(dir, 'gitops.yaml');
    const text = readFileSync(config, 'utf8');
    writeFileSync(config, text.replace('applications: argocd/applications', 'applications: ../escape/apps'));
    const before = files(dir);
    const r = nx(dir, ['g', 'env', '--name=qa']);
    expect(r.code).not.toBe(0);
    expect(r.stdout + r.stderr).toMatch(/gitops\.yaml:\d+:\d+: argocd\.applications "\.\.\/escape\/apps" leads out of the repository/);
    expect(files(dir)).toEqual(before);
    expect(existsSync(join(dirname(dir), 'escape'))).toBe(false);

    // The same escape through a symbolic link, which no check of gitops.yaml can see: the writer refuses it.
    writeFileSync(config, text);
    const outside = mkdtempSync(join(tmpdir(), 'hvm-escape-'));
    rmSync(join(dir, ARGO), { recursive: true });
    symlinkSync(outside, join(dir, ARGO));
    const linked = nx(dir, ['g', 'env', '--name=qa']);
    expect(linked.code).not.toBe(0);
    expect(linked.stdout + linked.stderr).toContain(`refusing to write ${ARGO}/alpha-members-qa.yaml is outside the repository`);
    expect(linked.stdout + linked.stderr).not.toMatch(/qa: \d+ apps? scaffolded/);
    expect(readdirSync(outside)).toEqual([]);
    expect(existsSync(join(dir, APPS, 'alpha-members/values-qa.yaml'))).toBe(false);
  });

  it('writes nothing when one app folder is not writable, and names it', () => {
    const dir = workspaceWith(3);
    const locked = join(dir, APPS, 'app-001');
    // As root every folder is writable: run nx as an ordinary user, as a developer would.
    const asUser = process.getuid?.() === 0;
    if (asUser) {
      chownTree(dir, NOBODY);
      // (The test run's temporary folder is private to root: let the user through to the workspace.)
      chmodSync(dirname(dir), 0o711);
    }
    chmodSync(locked, 0o555);
    const before = files(dir);
    const own = mkdtempSync(join(tmpdir(), 'hvm-user-tmp-'));
    if (asUser) chownSync(own, NOBODY, NOBODY);
    const r = nx(dir, ['g', 'env', '--name=qa'], '', { HOME: own, TMPDIR: own }, asUser ? NOBODY : undefined);
    expect(r.code).not.toBe(0);
    expect(r.stdout + r.stderr).toContain(`${APPS}/app-001: cannot be written, so nothing was generated: permission denied (EACCES)`);
    expect(files(dir)).toEqual(before);
  });

  it('killed while writing a few hundred apps, a run is rolled back by the next, which succeeds', async () => {
    // A kill that lands after the last write (the machine too busy to run the poll in time) tests
    // nothing: that attempt is set aside and another made, three at most.
    let dir: string;
    let config: string;
    let killedAt: { written: number };
    let attempts = 0;
    do {
      dir = workspaceWith(200);
      config = readFileSync(join(dir, 'gitops.yaml'), 'utf8');
      const first = join(dir, APPS, 'app-000/values-qa.yaml');
      killedAt = await runUntil(dir, ['g', 'env', '--name=qa'], () => existsSync(first));
    } while (!existsSync(join(dir, PENDING_WRITE)) && ++attempts < 3);
    // The kill landed mid-write: some of the env's files are there (all of them, on a loaded
    // machine that runs the test's poll late), gitops.yaml does not know qa yet.
    expect(killedAt.written).toBeGreaterThan(0);
    expect(qaFiles(dir).length).toBeLessThanOrEqual(2 * 201);
    expect(readFileSync(join(dir, 'gitops.yaml'), 'utf8')).toBe(config);
    expect(existsSync(join(dir, PENDING_WRITE))).toBe(true);

    const validate = gitopsBin(dir, ['validate', 'app-000']);
    expect(validate.code).toBe(1);
    expect(validate.stdout).toContain('nx g env was interrupted while writing');

    const again = nx(dir, ['g', 'env', '--name=qa']);
    expect(again.code, again.stdout + again.stderr).toBe(0);
    expect(again.stdout).toContain('qa: 201 apps scaffolded');
    expect(existsSync(join(dir, PENDING_WRITE))).toBe(false);
    expect(existsSync(join(dir, '.gitops'))).toBe(false);
    expect(qaFiles(dir)).toHaveLength(2 * 201);
    expect(readFileSync(join(dir, 'gitops.yaml'), 'utf8')).toMatch(/- name: qa\n/);
  }, 180_000);
});

/** Start `nx ARGS`, and kill it (SIGKILL, its whole process group) as soon as `ready()` holds. */
function runUntil(cwd: string, args: string[], ready: () => boolean): Promise<{ written: number }> {
  // At the lowest priority (nice execs node in its place): on a loaded machine the poll below
  // still runs many times while nx writes, instead of late, after nx has written everything.
  const child = spawn('nice', ['-n', '19', process.execPath, join(REPO_ROOT, 'node_modules/.bin/nx'), ...args], {
    cwd,
    detached: true,
    stdio: 'ignore',
    env: { ...process.env, NX_DAEMON: 'false', NX_NO_CLOUD: 'true', NX_INTERACTIVE: 'false', NX_TUI: 'false', FORCE_COLOR: '0' },
  });
  return new Promise((resolve, reject) => {
    const poll = () => {
      if (ready()) {
        process.kill(-(child.pid as number), 'SIGKILL');
        resolve({ written: qaFiles(cwd).length });
      } else if (child.exitCode !== null) {
        reject(new Error(`nx ended (${child.exitCode}) before it could be killed mid-write`));
      } else {
        setTimeout(poll, 1);
      }
    };
    poll();
  });
}

function chownTree(path: string, uid: number): void {
  const st = lstatSync(path);
  if (st.isSymbolicLink()) return;
  chownSync(path, uid, uid);
  if (st.isDirectory()) for (const e of readdirSync(path)) chownTree(join(path, e), uid);
}

