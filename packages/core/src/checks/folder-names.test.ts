import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { copyExampleWorkspace } from '../test-support/example-workspace';
import { loadWorkspace } from '../workspace';
import { folderNames } from './folder-names';

const APP = 'deployment/helm/alpha-members';

describe('folderNames', () => {
  it('lists a folder in the same order on every system (JavaScript\'s, not the disk\'s), and sees a file added since', () => {
    const dir = copyExampleWorkspace();
    const ws = loadWorkspace(dir);
    // Linux lists by UTF-8 bytes (U+FF21 before U+1F600), Windows case-blind: neither is JavaScript's order
    const names = ['values-\u{1F600}.yaml', 'values-\uFF21.yaml', 'values-zeta.yaml', 'values-B.yaml', 'values-a.yaml'];
    mkdirSync(join(dir, 'extra'));
    for (const n of names) writeFileSync(join(dir, 'extra', n), 'a: 1\n');
    expect(folderNames(ws, 'extra')).toEqual(['values-B.yaml', 'values-a.yaml', 'values-zeta.yaml', 'values-\u{1F600}.yaml', 'values-\uFF21.yaml']);
    writeFileSync(join(dir, 'extra', 'values-qa.yaml'), 'a: 1\n');
    expect(folderNames(ws, 'extra')).toEqual([...names, 'values-qa.yaml'].sort());
    expect(folderNames(ws, APP)).toEqual(['.helmignore', 'Chart.yaml', 'secrets', 'templates', 'values-dev.yaml', 'values-prod.yaml', 'values-staging.yaml', 'values.schema.json', 'values.yaml']);
  });

  it('has no names for a folder that does not exist or is a file', () => {
    const ws = loadWorkspace(copyExampleWorkspace());
    expect(folderNames(ws, 'no/such/folder')).toBeUndefined();
    expect(folderNames(ws, `${APP}/values.yaml`)).toBeUndefined();
    expect(folderNames(ws, `${APP}/values.yaml`)).toBeUndefined();
  });
});
