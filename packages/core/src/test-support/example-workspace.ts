import { cpSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

/** The repository root: it is also the example workspace from the spec. */
export const REPO_ROOT = resolve(__dirname, '../../../..');
export const CORPUS = resolve(REPO_ROOT, 'fixtures/corpus');
/** The public, test-only age identity the example workspace's SOPS files are encrypted for. */
export const EXAMPLE_AGE_KEY_FILE = join(REPO_ROOT, 'age-key.TEST-ONLY-example-workspace.txt');

/** A private copy of the example workspace (gitops.yaml, apps, Argo CD Applications) to edit in a test. */
export function copyExampleWorkspace(): string {
  const dir = mkdtempSync(join(tmpdir(), 'hvm-ws-'));
  for (const p of ['gitops.yaml', '.sops.yaml', 'deployment', 'argocd']) cpSync(join(REPO_ROOT, p), join(dir, p), { recursive: true });
  return dir;
}
