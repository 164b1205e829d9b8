import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

/** The repository root. */
export const REPO_ROOT = resolve(__dirname, '../../../..');
/** The example workspace from the spec: a GitOps repository of its own inside this one. */
export const EXAMPLE_ROOT = resolve(REPO_ROOT, 'examples/alpha-members');
export const CORPUS = resolve(REPO_ROOT, 'fixtures/corpus');
/** The public, test-only age identity the example workspace's SOPS files are encrypted for. */
export const EXAMPLE_AGE_KEY_FILE = join(EXAMPLE_ROOT, 'age-key.TEST-ONLY-example-workspace.txt');

/** A private copy of the example workspace (gitops.yaml, apps, Argo CD Applications) to edit in a test. */
export function copyExampleWorkspace(): string {
  const dir = mkdtempSync(join(tmpdir(), 'hvm-ws-'));
  for (const p of ['gitops.yaml', '.sops.yaml', 'deployment', 'argocd']) cpSync(join(EXAMPLE_ROOT, p), join(dir, p), { recursive: true });
  return dir;
}

/** Replace `from` by `to` in a file of a test workspace; a `from` the file lacks fails the test. */
export function editFile(dir: string, file: string, from: string, to: string): void {
  const p = join(dir, file);
  const text = readFileSync(p, 'utf8');
  if (!text.includes(from)) throw new Error(`${from} not in ${file}`);
  writeFileSync(p, text.replace(from, to));
}
