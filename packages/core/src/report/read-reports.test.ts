import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Finding } from '../common';
import { formatJson } from './json';
import { readFindingReports } from './read-reports';

const finding = (app: string, severity: Finding['severity']): Finding => ({ rule: 'schema', severity, message: `m ${app}`, file: `apps/${app}/values.yaml`, line: 2, column: 3, app });

describe('the findings reports the Nx targets keep (gitops report)', () => {
  let root: string;
  beforeEach(() => {
    root = mkdtempSync(join(tmpdir(), 'hvm-reports-'));
  });
  afterEach(() => rmSync(root, { recursive: true, force: true }));

  it('reads every JSON report under the folder, folders and files in name order, and nothing from other files', () => {
    const dir = join(root, 'dist/reports');
    mkdirSync(join(dir, 'validate'), { recursive: true });
    mkdirSync(join(dir, 'lint'), { recursive: true });
    // written out of name order, and in mixed case: the order read is the names' as people sort them, not the bytes'
    writeFileSync(join(dir, 'validate/B.json'), formatJson([finding('B', 'warning')]));
    writeFileSync(join(dir, 'validate/a.json'), formatJson([finding('a', 'error')]));
    writeFileSync(join(dir, 'validate/c.json'), formatJson([finding('c', 'error')]));
    writeFileSync(join(dir, 'lint/c.json'), formatJson([finding('c', 'info')]));
    writeFileSync(join(dir, 'lint/a.json'), formatJson([finding('a', 'info')]));
    writeFileSync(join(dir, 'validate/notes.txt'), 'not a report');
    expect(readFindingReports(dir, root).map((f) => `${f.app} ${f.severity}`)).toEqual(['a info', 'c info', 'a error', 'B warning', 'c error']);
    expect(readFindingReports(join(dir, 'validate/a.json'), root)).toEqual([finding('a', 'error')]);
    expect(readFindingReports(join(root, 'nothing-here'), root)).toEqual([]);
  });

  it('reads a report the folder links to from elsewhere: the user named the folder, which may be anywhere', () => {
    const elsewhere = mkdtempSync(join(tmpdir(), 'hvm-elsewhere-'));
    try {
      writeFileSync(join(elsewhere, 'a.json'), formatJson([finding('a', 'error')]));
      mkdirSync(join(root, 'reports'));
      symlinkSync(join(elsewhere, 'a.json'), join(root, 'reports/a.json'));
      expect(readFindingReports(join(root, 'reports'), root)).toEqual([finding('a', 'error')]);
    } finally {
      rmSync(elsewhere, { recursive: true, force: true });
    }
  });

  it('refuses a report that is not a regular file without waiting on it', () => {
    execFileSync('mkfifo', [join(root, 'stuck.json')]);
    expect(() => readFindingReports(root, root)).toThrow(expect.objectContaining({ message: 'is a named pipe (FIFO), not a regular file', file: 'stuck.json', hint: 'Put a regular report there.', exitCode: 2 }));
  });

  it('names the file that is not a report and says what to do', () => {
    writeFileSync(join(root, 'broken.json'), '{"findings": [');
    expect(() => readFindingReports(join(root, 'broken.json'), root)).toThrow(expect.objectContaining({ message: expect.stringMatching(/^not a JSON report: /), file: 'broken.json', hint: 'Delete it and re-run the targets that write dist/reports/.', exitCode: 2 }));
    writeFileSync(join(root, 'other.json'), '{"errors": 0}');
    expect(() => readFindingReports(join(root, 'other.json'), root)).toThrow(expect.objectContaining({ message: 'not a findings report: it has no "findings" list', file: 'other.json', hint: 'Point at dist/reports or a file written with --format json.', exitCode: 2 }));
  });
});

describe('findings as JSON', () => {
  it('holds the findings in the stable order with the counts of errors and warnings', () => {
    const findings = [finding('b', 'warning'), finding('a', 'error'), finding('c', 'info'), finding('d', 'warning'), finding('e', 'info')];
    const doc = JSON.parse(formatJson(findings));
    expect(doc).toEqual({ findings: [findings[1], findings[0], findings[2], findings[3], findings[4]], errors: 1, warnings: 2 });
    expect(formatJson([])).toBe('{\n  "findings": [],\n  "errors": 0,\n  "warnings": 0\n}\n');
  });
});
