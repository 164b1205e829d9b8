import { describe, expect, it } from 'vitest';
import { assertDnsLabel, isDnsLabel } from './names';
import { userErrorOf } from '../test-support/user-error-of';

describe('DNS-1123 names', () => {
  it('accepts labels and refuses paths, upper case, spaces and template syntax', () => {
    for (const ok of ['qa', 'prod-eu', 'a1', 'x'.repeat(63)]) expect(isDnsLabel(ok)).toBe(true);
    for (const bad of ['../x', 'QA', 'a b', '{{x}}', '-a', 'a-', '', 'a.b', 'x'.repeat(64)]) expect(isDnsLabel(bad)).toBe(false);
  });

  it('says what is allowed', () => {
    expect(() => assertDnsLabel('env', '../x', '--name')).toThrow(/env name "..\/x" is not allowed: it must be a DNS-1123 label: .*lower-case letters/);
    expect(assertDnsLabel('env', 'qa')).toBe('qa');
  });

  it('suggests a name of the right kind, under the flag that takes it', () => {
    const hint = (kind: string, flag?: string) => userErrorOf(() => assertDnsLabel(kind, 'Bad_Name', flag)).hint;
    expect(hint('cluster')).toBe('Pass --cluster with a name such as prod-eu.');
    expect(hint('app')).toBe('Pass --app with a name such as billing.');
    expect(hint('env')).toBe('Pass --env with a name such as qa.');
    expect(hint('env', '--name')).toBe('Pass --name with a name such as qa.');
  });

  it('reads a name that is not text as its text, and no name as an empty one', () => {
    expect(assertDnsLabel('env', 7)).toBe('7');
    expect(() => assertDnsLabel('env', undefined)).toThrow('env name "" is not allowed');
    expect(() => assertDnsLabel('env', null)).toThrow('env name "" is not allowed');
  });
});
