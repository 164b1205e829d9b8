import { describe, expect, it } from 'vitest';
import type { Finding } from '../common';
import { report, summary } from './index';

const memory = { rule: 'schema', severity: 'error', message: '"1GB" must match ^[0-9]+(Mi|Gi)$', file: 'apps/a/values-prod.yaml', line: 17, column: 13, app: 'a', path: 'resources.limits.memory', hint: 'See values.schema.json.' } as const;
const findings: Finding[] = [
  { ...memory, env: 'prod' },
  { ...memory, env: 'staging' },
  { rule: 'plaintext-secret', severity: 'warning', message: 'holds a plaintext value', file: 'apps/a/values-dev.yaml', line: 41, column: 15, app: 'a', env: 'dev' },
  { rule: 'orphan-file', severity: 'info', message: 'no env "qa"', file: 'apps/a/values-qa.yaml', line: 0, column: 0, app: 'a' },
  { rule: 'config', severity: 'warning', message: 'x', file: 'gitops.yaml', line: 3, column: 1 },
];

describe('findings as text', () => {
  it('groups by file, prints one line per finding at file:line:col, once for every env it holds in, then the totals', () => {
    expect(report(findings, 'text').split('\n')).toEqual([
      'apps/a/values-dev.yaml',
      '  apps/a/values-dev.yaml:41:15  warning  holds a plaintext value  [plaintext-secret · dev]',
      '',
      'apps/a/values-prod.yaml',
      '  apps/a/values-prod.yaml:17:13  error  resources.limits.memory: "1GB" must match ^[0-9]+(Mi|Gi)$  [schema · prod, staging]',
      '    See values.schema.json.',
      '',
      'apps/a/values-qa.yaml',
      '  apps/a/values-qa.yaml  info  no env "qa"  [orphan-file]',
      '',
      'gitops.yaml',
      '  gitops.yaml:3:1  warning  x  [config]',
      '',
      '2 errors, 2 warnings',
      '',
    ]);
  });

  it('prints a file once above all of its findings, and each env once whatever clusters repeat it', () => {
    const replicas: Finding = { rule: 'policy', severity: 'warning', message: 'one replica', file: 'apps/a/values-prod.yaml', line: 2, column: 15, app: 'a', env: 'prod' };
    // prod is deployed to two clusters, each reporting the same finding; a workspace-wide copy of it has no env
    expect(report([findings[0], replicas, replicas, { ...replicas, env: undefined }], 'text').split('\n')).toEqual([
      'apps/a/values-prod.yaml',
      '  apps/a/values-prod.yaml:2:15  warning  one replica  [policy · prod]',
      '  apps/a/values-prod.yaml:17:13  error  resources.limits.memory: "1GB" must match ^[0-9]+(Mi|Gi)$  [schema · prod]',
      '    See values.schema.json.',
      '',
      '1 error, 3 warnings',
      '',
    ]);
  });

  it('colours the file, the severity and the tags only when asked', () => {
    expect(report([findings[2]], 'text', { color: true })).toBe(
      '\u001b[1mapps/a/values-dev.yaml\u001b[0m\n  apps/a/values-dev.yaml:41:15  \u001b[33mwarning\u001b[0m  holds a plaintext value  \u001b[2m[plaintext-secret · dev]\u001b[0m\n\n0 errors, 1 warning\n',
    );
    expect(report([findings[0]], 'text', { color: true })).toContain('\u001b[31merror\u001b[0m');
    expect(report([findings[3]], 'text', { color: true })).toContain('\u001b[36minfo\u001b[0m');
  });

  it('counts errors and warnings in the singular and plural, and says so when there is none of either', () => {
    expect(report([], 'text')).toBe('No problems found.\n');
    expect([summary([findings[3]]), summary([findings[0]]), summary([findings[2]]), summary(findings)]).toEqual(['No problems found.', '1 error, 0 warnings', '0 errors, 1 warning', '2 errors, 2 warnings']);
  });

  it('names the formats it knows when asked for another', () => {
    expect(() => report(findings, 'yaml')).toThrow(expect.objectContaining({ message: 'unknown format "yaml"', hint: 'Use one of: text, json, sarif, junit.', exitCode: 2 }));
  });
});

describe('findings as JUnit XML', () => {
  it('has a suite per app in name order, the workspace-wide findings in their own, a test case per finding and env, and a passing case for a clean app', () => {
    expect(report(findings, 'junit', { apps: ['a', 'clean'] }).split('\n')).toEqual([
      '<?xml version="1.0" encoding="UTF-8"?>',
      '<testsuites name="gitops" tests="6" failures="2">',
      '  <testsuite name="(workspace)" tests="1" failures="0" skipped="1">',
      '    <testcase classname="(workspace)" name="config gitops.yaml:3:1" file="gitops.yaml">',
      '      <skipped message="warning: x"/>',
      '    </testcase>',
      '  </testsuite>',
      '  <testsuite name="a" tests="4" failures="2" skipped="2">',
      '    <testcase classname="a" name="plaintext-secret [dev] apps/a/values-dev.yaml:41:15" file="apps/a/values-dev.yaml">',
      '      <skipped message="warning: holds a plaintext value"/>',
      '    </testcase>',
      '    <testcase classname="a" name="schema [prod] apps/a/values-prod.yaml:17:13" file="apps/a/values-prod.yaml">',
      '      <failure type="schema" message="&quot;1GB&quot; must match ^[0-9]+(Mi|Gi)$">apps/a/values-prod.yaml:17:13: resources.limits.memory: &quot;1GB&quot; must match ^[0-9]+(Mi|Gi)$',
      'See values.schema.json.</failure>',
      '    </testcase>',
      '    <testcase classname="a" name="schema [staging] apps/a/values-prod.yaml:17:13" file="apps/a/values-prod.yaml">',
      '      <failure type="schema" message="&quot;1GB&quot; must match ^[0-9]+(Mi|Gi)$">apps/a/values-prod.yaml:17:13: resources.limits.memory: &quot;1GB&quot; must match ^[0-9]+(Mi|Gi)$',
      'See values.schema.json.</failure>',
      '    </testcase>',
      '    <testcase classname="a" name="orphan-file apps/a/values-qa.yaml" file="apps/a/values-qa.yaml">',
      '      <skipped message="info: no env &quot;qa&quot;"/>',
      '    </testcase>',
      '  </testsuite>',
      '  <testsuite name="clean" tests="1" failures="0" skipped="0">',
      '    <testcase classname="clean" name="no problems"/>',
      '  </testsuite>',
      '</testsuites>',
      '',
    ]);
  });

  it('words a failure without a key or hint, and lists only the apps with findings when not told which were checked', () => {
    const bare: Finding = { rule: 'config', severity: 'error', message: 'no environments', file: 'gitops.yaml', line: 1, column: 1, app: 'a' };
    expect(report([bare], 'junit').split('\n').slice(1, -1)).toEqual([
      '<testsuites name="gitops" tests="1" failures="1">',
      '  <testsuite name="a" tests="1" failures="1" skipped="0">',
      '    <testcase classname="a" name="config gitops.yaml:1:1" file="gitops.yaml">',
      '      <failure type="config" message="no environments">gitops.yaml:1:1: no environments</failure>',
      '    </testcase>',
      '  </testsuite>',
      '</testsuites>',
    ]);
  });

  it('drops the control characters XML 1.0 cannot hold', () => {
    expect(report([{ ...findings[4], message: 'bell\u0007 tab\t' }], 'junit')).toContain('<skipped message="warning: bell tab\t"/>');
  });
});
