import { execFileSync, spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readdirSync, readFileSync, statSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { EXAMPLE_ROOT, REPO_ROOT } from './example-workspace';

/** A temporary copy of the example workspace that the real nx binary runs in (this repository's node_modules linked). */
export function copyWorkspace(): string {
  const dir = mkdtempSync(join(tmpdir(), 'hvm-gen-e2e-'));
  for (const p of ['nx.json', 'package.json', '.env', 'gitops.yaml', 'deployment', 'argocd']) cpSync(join(EXAMPLE_ROOT, p), join(dir, p), { recursive: true });
  symlinkSync(join(REPO_ROOT, 'node_modules'), join(dir, 'node_modules'));
  return dir;
}

export interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

const ENV = { ...process.env, NX_DAEMON: 'false', NX_NO_CLOUD: 'true', NX_INTERACTIVE: 'false', FORCE_COLOR: '0' };

/** `nx ARGS` in `cwd`, with `input` on standard input, `env` added to the environment, as user `uid` if given. */
export function nx(cwd: string, args: string[], input = '', env: Record<string, string> = {}, uid?: number): Run {
  const user = uid === undefined ? {} : { uid, gid: uid };
  const r = spawnSync(process.execPath, [join(REPO_ROOT, 'node_modules/.bin/nx'), ...args], { cwd, env: { ...ENV, NX_TUI: 'false', ...env }, input, encoding: 'utf8', ...user });
  return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
}

/** `gitops ARGS` in `cwd`, through its real bin script, as user `uid` if given. */
export function gitopsBin(cwd: string, args: string[], uid?: number): Run {
  const user = uid === undefined ? {} : { uid, gid: uid };
  const r = spawnSync(process.execPath, [join(REPO_ROOT, 'packages/cli/bin/gitops.js'), ...args], { cwd, env: ENV, encoding: 'utf8', ...user });
  return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
}

/** Every file under `dir` (links not followed) with its bytes, to prove a failed run wrote nothing. */
export function files(dir: string): Map<string, string> {
  const out = new Map<string, string>();
  const walk = (d: string) => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      const p = join(d, e.name);
      if (e.isSymbolicLink() || e.name === '.nx') continue;
      if (e.isDirectory()) walk(p);
      else if (statSync(p).isFile()) out.set(relative(dir, p), readFileSync(p, 'utf8'));
    }
  };
  walk(dir);
  return out;
}

/** A sealed-secrets controller key pair: cert.pem and key.pem in `dir`. */
export function controllerCert(dir: string): void {
  execFileSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', join(dir, 'key.pem'), '-out', join(dir, 'cert.pem'), '-subj', '/O=sealed-secret', '-days', '1'], { stdio: 'ignore' });
}
