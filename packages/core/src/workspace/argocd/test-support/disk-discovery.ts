import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { discoverApplications } from '../discover-applications';
import { diskRepo } from '../repo-context';

/** The repository URL the Applications of these tests name as their own. */
export const TEST_REPO = 'https://github.com/example/gitops.git';

/**
 * A repository of these files (a file given as undefined is left out) in a new temporary folder,
 * and what discovering its Applications under argocd/ finds, as a workspace load does.
 */
export function discoverIn(files: Record<string, string | undefined>, chartCaches: string[] = []): { root: string; d: ReturnType<typeof discoverApplications> } {
  const root = mkdtempSync(join(tmpdir(), 'hvm-argocd-'));
  for (const [f, text] of Object.entries(files)) {
    if (text === undefined) continue;
    mkdirSync(dirname(join(root, f)), { recursive: true });
    writeFileSync(join(root, f), text);
  }
  return { root, d: discoverApplications({ repo: diskRepo(root, { repoURLs: [TEST_REPO], chartCaches }), clusters: [], patterns: ['argocd'], patternsFile: 'gitops.yaml' }) };
}
