import { createHash } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { gitops } from '../../packages/cli/src/test-support/fake-io';
import { synthesize } from './synth';

function treeHash(root: string): string {
  const hash = createHash('sha256');
  const walk = (dir: string) => {
    for (const name of readdirSync(dir).sort()) {
      const p = join(dir, name);
      if (name === 'node_modules' || name === 'packages') continue;
      if (statSync(p).isDirectory()) walk(p);
      else hash.update(relative(root, p)).update(readFileSync(p));
    }
  };
  walk(root);
  return hash.digest('hex');
}

describe('synthetic workspace', () => {
  it('is the same for the same seed, different for another', () => {
    const make = (seed: number) => {
      const root = mkdtempSync(join(tmpdir(), 'hvm-synth-'));
      synthesize({ root, apps: 6, envs: 4, seed });
      return treeHash(root);
    };
    expect(make(7)).toBe(make(7));
    expect(make(7)).not.toBe(make(8));
  });

  it('passes validate (schema, policy, secrets, Argo CD consistency) in every env', async () => {
    const root = mkdtempSync(join(tmpdir(), 'hvm-synth-'));
    const { apps, envs } = synthesize({ root, apps: 5, envs: 4, nx: false });
    expect(envs).toEqual(['dev', 'qa', 'staging', 'prod']);
    expect(apps).toHaveLength(5);
    const r = await gitops(root, 'validate');
    expect(r.stdout).toContain('No problems found.');
    expect(r.code).toBe(0);
  });
});
