import { describe, expect, it } from 'vitest';
import { mergeReports, mutationEnv, staleness, strykerArgs, type FullReport } from './core';
import { mutationTests } from './mutation-tests';

describe('mutating the core folder by folder', () => {
  it('mutates a whole folder, or only the named files of it, never tests, index files or test support', () => {
    expect(strykerArgs('sops', '2')).toEqual(['stryker', 'run', '--mutate', 'packages/core/src/sops/**/*.ts,!**/*.test.ts,!**/index.ts,!**/test-support/**', '--incrementalFile', 'reports/mutation/core/sops.json', '--ignoreStatic', '--concurrency', '2', '--reporters', 'clear-text,progress']);
    expect(strykerArgs('sops', '1', ['age-keys.ts', 'x/*.ts'], '/tmp/m/sops.json').slice(2, 6)).toEqual(['--mutate', 'packages/core/src/sops/age-keys.ts,packages/core/src/sops/x/*.ts,!**/*.test.ts,!**/index.ts,!**/test-support/**', '--incrementalFile', '/tmp/m/sops.json']);
    // every mutant tested again, its earlier verdict set aside, the report still written
    expect(strykerArgs('sops', '1', ['age-keys.ts'], '/tmp/m/sops.json', true).slice(-1)).toEqual(['--force']);
    expect(strykerArgs('sops', '1')).not.toContain('--force');
  });

  it('with --own-tests, runs only the folder\'s own tests; else the tests the folder is measured with, by default the unit suites of the three packages', () => {
    expect(mutationEnv('values', true)).toEqual({ MUTATION_TESTS: 'packages/core/src/values/**/*.test.ts' });
    expect(mutationEnv('diff', false)).toEqual({});
    expect(mutationEnv('yaml', false)).toEqual({ MUTATION_TESTS: 'packages/core/src/yaml/**/*.test.ts' });
    expect(mutationEnv('values', false)).toEqual({ MUTATION_TESTS: 'packages/core/src/values/**/*.test.ts,packages/core/src/workspace/subcharts.test.ts,packages/core/src/workspace/resolve.test.ts' });
    expect(mutationTests('packages/core/src/values/**/*.test.ts')).toEqual(['packages/core/src/values/**/*.test.ts']);
    expect(mutationTests('packages/core/src/values/**/*.test.ts,packages/core/src/workspace/resolve.test.ts')).toEqual(['packages/core/src/values/**/*.test.ts', 'packages/core/src/workspace/resolve.test.ts']);
    expect(mutationTests('')).toEqual(['packages/core/src/**/*.test.ts', 'packages/promote/src/**/*.test.ts', 'packages/nx/src/**/*.test.ts']);
  });

  it('measures again only a folder whose report no longer tells its score', () => {
    const texts: Record<string, string> = {
      'packages/core/src/diff/diff.ts': 'export const diff = (a: number) => a + 1;\n',
      'packages/core/src/diff/types.ts': 'export interface Change { path: string }\n',
      'packages/core/src/diff/diff.test.ts': "it('adds', () => {});\n",
    };
    const read = (f: string) => texts[f];
    const report: FullReport = {
      files: { 'packages/core/src/diff/diff.ts': { mutants: [], source: texts['packages/core/src/diff/diff.ts'] } },
      testFiles: { 'packages/core/src/diff/diff.test.ts': { tests: [], source: texts['packages/core/src/diff/diff.test.ts'] } },
    };
    const sources = ['packages/core/src/diff/diff.ts', 'packages/core/src/diff/types.ts'];
    // a file of types only has no mutant, so no entry: the report is whole
    expect(staleness(report, sources, read)).toBeUndefined();
    expect(staleness(undefined, sources, read)).toBe('no report yet');
    expect(staleness(report, sources, (f) => (f.endsWith('diff.ts') ? 'export const diff = (a: number) => a + 2;\n' : read(f)))).toBe('packages/core/src/diff/diff.ts changed');
    expect(staleness(report, sources, (f) => (f.endsWith('diff.test.ts') ? "it('adds two', () => {});\n" : read(f)))).toBe('packages/core/src/diff/diff.test.ts changed');
    expect(staleness(report, sources, (f) => (f.endsWith('diff.test.ts') ? undefined : read(f)))).toBe('packages/core/src/diff/diff.test.ts changed');
    expect(staleness(report, [...sources, 'packages/core/src/diff/patch.ts'], (f) => (f.endsWith('patch.ts') ? 'export function patch() { return 1; }\n' : read(f)))).toBe('packages/core/src/diff/patch.ts changed');
  });

  it('merges the files of a narrower run into the folder report, renumbering tests so every mutant still names its own', () => {
    const whole: FullReport = {
      schemaVersion: '2',
      files: {
        'a.ts': { source: 'a', mutants: [{ id: '1', status: 'Survived', coveredBy: ['0', '1'] }] },
        'b.ts': { source: 'b', mutants: [{ id: '2', status: 'Killed', coveredBy: ['1'], killedBy: ['1'] }] },
      },
      testFiles: { 'a.test.ts': { tests: [{ id: '0', name: 'old a' }, { id: '1', name: 'shared' }] } },
    };
    const part: FullReport = {
      files: { 'a.ts': { source: 'a2', mutants: [{ id: '9', status: 'Killed', coveredBy: ['0', '1'], killedBy: ['1'] }] } },
      testFiles: { 'a.test.ts': { tests: [{ id: '0', name: 'shared', location: 'new' }] }, 'n.test.ts': { tests: [{ id: '1', name: 'new test' }] } },
    };
    expect(mergeReports(whole, part)).toEqual({
      schemaVersion: '2',
      files: {
        'b.ts': { source: 'b', mutants: [{ id: '2', status: 'Killed', coveredBy: ['1'], killedBy: ['1'] }] },
        'a.ts': { source: 'a2', mutants: [{ id: '9', status: 'Killed', coveredBy: ['1', '2'], killedBy: ['2'] }] },
      },
      testFiles: {
        'a.test.ts': { tests: [{ id: '0', name: 'old a' }, { id: '1', name: 'shared', location: 'new' }] },
        'n.test.ts': { tests: [{ id: '2', name: 'new test' }] },
      },
    });
  });
});
