import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { GitopsConfig } from '../config';
import { discoverApps } from './workspace';

function appFolders(dirs: string[]): string {
  const root = mkdtempSync(join(tmpdir(), 'hvm-apps-'));
  for (const d of dirs) {
    mkdirSync(join(root, d), { recursive: true });
    writeFileSync(join(root, d, 'values.yaml'), 'replicaCount: 1\n');
  }
  return root;
}

describe('app names', () => {
  it('are folder names, with as many parent folders as it takes to tell two apart', () => {
    const root = appFolders(['teams/a/api', 'teams/b/api', 'teams/a/web', 'x/a/db', 'y/a/db']);
    const config = { apps: ['teams/*/*', 'x/*/*', 'y/*/*'], layouts: [] } as unknown as GitopsConfig;
    expect(discoverApps(root, config).map((a) => `${a.name} <- ${a.dir}`)).toEqual([
      'a-api <- teams/a/api',
      'b-api <- teams/b/api',
      'web <- teams/a/web',
      'x-a-db <- x/a/db',
      'y-a-db <- y/a/db',
    ]);
  });
});
