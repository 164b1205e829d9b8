import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { copyExampleWorkspace } from '../test-support/example-workspace';
import { loadWorkspace } from '../workspace';
import { workspaceFindings } from './validate';

describe('values files no Application layers', () => {
  it('are reported once, at the file, and the layers are not', () => {
    const dir = copyExampleWorkspace();
    expect(workspaceFindings(loadWorkspace(dir))).toEqual([]);
    writeFileSync(join(dir, 'deployment/helm/alpha-members/values-prod-old.yaml'), 'replicaCount: 9\n');
    expect(workspaceFindings(loadWorkspace(dir)).map((f) => [f.rule, f.file, f.message])).toEqual([
      ['values-file-unused', 'deployment/helm/alpha-members/values-prod-old.yaml', 'no Application layers values-prod-old.yaml in any env, so editing it changes nothing that is deployed'],
    ]);
  });
});
