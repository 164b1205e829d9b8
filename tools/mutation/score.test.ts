import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { count, readReports, score, scoreTable, type MutationReport } from './score';

const report = (...statuses: string[]): MutationReport => ({ files: { 'packages/core/src/x/a.ts': { mutants: statuses.map((status) => ({ status })) } } });

describe('the whole-core mutation score', () => {
  it('counts as Stryker counts: killed and timed-out over valid mutants, errors and ignored left out', () => {
    const c = count(report('Killed', 'Killed', 'Timeout', 'Survived', 'NoCoverage', 'CompileError', 'RuntimeError', 'Ignored'));
    expect(c).toEqual({ killed: 2, timeout: 1, survived: 1, noCoverage: 1, invalid: 3 });
    expect(score(c)).toBe(60);
    expect(score(count(report('CompileError')))).toBeUndefined();
  });

  it('adds the folders up mutant by mutant, not by averaging their scores', () => {
    const table = scoreTable({ values: report('Killed', 'Killed', 'Killed', 'Survived'), diff: report('Survived', 'NoCoverage', 'Killed', 'Killed', 'Killed', 'Killed') });
    expect(table.split('\n')).toEqual([
      'folder        score  killed timeout survived no coverage',
      'diff         66.7 %       4       0        1           1',
      'values       75.0 %       3       0        1           0',
      'total        70.0 %       7       0        2           1',
    ]);
  });

  it('reads one report per folder, named after the folder', () => {
    const dir = mkdtempSync(join(tmpdir(), 'mutation-'));
    try {
      writeFileSync(join(dir, 'yaml.json'), JSON.stringify(report('Killed', 'Survived')));
      writeFileSync(join(dir, 'notes.txt'), 'not a report');
      expect(Object.keys(readReports(dir))).toEqual(['yaml']);
      expect(score(count(readReports(dir).yaml))).toBe(50);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
