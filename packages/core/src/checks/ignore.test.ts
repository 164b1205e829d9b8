import { describe, expect, it } from 'vitest';
import type { Finding } from '../common';
import { applyIgnores, dropIgnored, ignoreComments } from './ignore';

const finding = (rule: string, file: string, line: number): Finding => ({ rule, severity: 'error', message: `${rule} here`, file, line, column: 3 });
const KNOWN = ['no-host-namespaces', 'no-privileged', 'plaintext-secret', 'ignore-comment'];

describe('ignore comments', () => {
  it('are read per line: the column of the marker, the rule ids (comma-separated), the reason', () => {
    const text = 'a: 1\nhostNetwork: true  #  gitops:ignore no-host-namespaces,no-privileged the CNI agent   needs it\n# gitops:ignored not a marker\n#gitops:ignore\n';
    expect([...ignoreComments(text).values()]).toEqual([
      { line: 2, column: 20, rules: ['no-host-namespaces', 'no-privileged'], reason: 'the CNI agent needs it' },
      { line: 4, column: 1, rules: [], reason: '' },
    ]);
    expect(ignoreComments('hostNetwork: true # nothing to ignore\n').size).toBe(0);
  });

  it('drop a finding on their line only when they name its rule and give a reason', () => {
    const text = [
      'hostNetwork: true  # gitops:ignore no-host-namespaces the CNI agent needs the node network',
      'hostPID: true  # gitops:ignore no-host-namespaces',
      'privileged: true  # gitops:ignore no-host-namespaces wrong rule named',
      'x: 1',
    ].join('\n');
    const findings = [finding('no-host-namespaces', 'v.yaml', 1), finding('no-host-namespaces', 'v.yaml', 2), finding('no-privileged', 'v.yaml', 3), finding('no-host-namespaces', 'v.yaml', 4), finding('no-host-namespaces', 'other.yaml', 1)];
    const read = (file: string) => (file === 'v.yaml' ? text : undefined);
    expect(dropIgnored(findings, read).map((f) => `${f.file}:${f.line}`)).toEqual(['v.yaml:2', 'v.yaml:3', 'v.yaml:4', 'other.yaml:1']);
    // a finding of the whole file (line 0) is never dropped
    expect(dropIgnored([finding('no-host-namespaces', 'v.yaml', 0)], read)).toHaveLength(1);
  });

  it('that are wrong are findings themselves, in the files of the findings and the files named, each file read once', () => {
    const texts: Record<string, string> = {
      'a.yaml': 'x: 1  # gitops:ignore no-privileged because\ny: 2  # gitops:ignore\nz: 3  # gitops:ignore no-privilegd,plaintext-secret\n',
      'b.yaml': 'w: 1  # gitops:ignore ignore-comment testing the rule itself\n',
      'c.yaml': 'q: 1  # gitops:ignore zzzzzzzzzzzz no rule like it\n',
    };
    const reads: string[] = [];
    const out = applyIgnores([finding('no-privileged', 'a.yaml', 1), finding('ignore-comment', 'b.yaml', 1), finding('plaintext-secret', 'a.yaml', 1)], {
      knownRules: KNOWN,
      files: ['c.yaml', 'a.yaml', 'gone.yaml'],
      readText: (file) => {
        reads.push(file);
        return texts[file];
      },
    });
    // a finding of the ignore-comment rule itself cannot be ignored: b.yaml is not read for it
    expect(reads).toEqual(['a.yaml', 'c.yaml', 'gone.yaml']);
    expect(out.map((f) => `${f.rule} ${f.severity} ${f.file}:${f.line}:${f.column} ${f.message}`)).toEqual([
      'ignore-comment error b.yaml:1:3 ignore-comment here',
      'plaintext-secret error a.yaml:1:3 plaintext-secret here',
      'ignore-comment error a.yaml:2:7 the ignore comment names no rule',
      'ignore-comment error a.yaml:3:7 unknown rule "no-privilegd" in an ignore comment; did you mean "no-privileged"?',
      'ignore-comment error a.yaml:3:7 the ignore comment for no-privilegd, plaintext-secret gives no reason, so it ignores nothing',
      'ignore-comment error c.yaml:1:7 unknown rule "zzzzzzzzzzzz" in an ignore comment',
    ]);
    expect(out.filter((f) => f.message.includes('ignore comment')).every((f) => f.hint && f.hint.length > 10)).toBe(true);
  });
});
