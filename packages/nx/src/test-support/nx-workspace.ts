import { execFileSync } from 'node:child_process';
import { cpSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { copyWorkspace } from '../../../core/src/test-support/e2e-workspace';

const EXAMPLE_APP = 'alpha-members';
const APPS_DIR = 'deployment/helm';
const ARGO_DIR = 'argocd/applications';

/**
 * The example workspace with more apps: each a copy of alpha-members under its own name,
 * with its own Argo CD Applications. Committed to git, so `nx affected` has a base.
 */
export function workspaceWithApps(names: string[]): string {
  const dir = copyWorkspace();
  for (const name of names) {
    cpSync(join(dir, APPS_DIR, EXAMPLE_APP), join(dir, APPS_DIR, name), { recursive: true });
    for (const file of readdirSync(join(dir, ARGO_DIR)).filter((f) => f.startsWith(`${EXAMPLE_APP}-`))) {
      // Its name and folder change; the repository it is deployed from stays this one.
      const text = readFileSync(join(dir, ARGO_DIR, file), 'utf8').replaceAll(EXAMPLE_APP, name).replaceAll(`org/${name}.git`, `org/${EXAMPLE_APP}.git`);
      writeFileSync(join(dir, ARGO_DIR, file.replace(EXAMPLE_APP, name)), text);
    }
  }
  writeFileSync(join(dir, '.gitignore'), 'node_modules\npackages\ndist\n.nx\n');
  const git = (...args: string[]) => execFileSync('git', args, { cwd: dir, stdio: 'ignore' });
  git('init', '-q', '-b', 'main');
  git('add', '-A');
  git('-c', 'user.name=test', '-c', 'user.email=test@example.com', 'commit', '-q', '-m', 'workspace');
  return dir;
}
