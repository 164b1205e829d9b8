import { describe, expect, it } from 'vitest';
import { assertDnsLabel, isDnsLabel } from './names';

describe('DNS-1123 names', () => {
  it('accepts labels and refuses paths, upper case, spaces and template syntax', () => {
    for (const ok of ['qa', 'prod-eu', 'a1', 'x'.repeat(63)]) expect(isDnsLabel(ok)).toBe(true);
    for (const bad of ['../x', 'QA', 'a b', '{{x}}', '-a', 'a-', '', 'a.b', 'x'.repeat(64)]) expect(isDnsLabel(bad)).toBe(false);
  });

  it('says what is allowed', () => {
    expect(() => assertDnsLabel('env', '../x', '--name')).toThrow(/env name "..\/x" is not allowed: it must be a DNS-1123 label: .*lower-case letters/);
    expect(assertDnsLabel('env', 'qa')).toBe('qa');
  });
});
