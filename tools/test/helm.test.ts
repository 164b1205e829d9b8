import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { HELMS, HELM_MAJORS, helmBinary } from './helm';

describe.each(HELM_MAJORS)('helm %i for the tests', (major) => {
  it('is the real binary of the version the tests claim', () => {
    const version = execFileSync(helmBinary(major), ['version', '--short'], { encoding: 'utf8' });
    expect(version.trim().split('+')[0]).toBe(HELMS[major].version);
  });
});
