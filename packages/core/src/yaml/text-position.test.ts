import { describe, expect, it } from 'vitest';
import { userErrorOf } from '../test-support/user-error-of';
import { parseValuesYaml } from './yaml-file';

/** Where parseValuesYaml says the first bad byte of `bytes` is, and which byte it names. */
function refusal(...parts: (string | number[])[]): string {
  const e = userErrorOf(() => parseValuesYaml(Buffer.concat(parts.map((p) => (typeof p === 'string' ? Buffer.from(p, 'utf8') : Buffer.from(p)))), 'values-prod.yaml'));
  return `${e.line}:${e.column} ${e.message}`;
}

describe('the first byte that is not UTF-8, by line and byte column', () => {
  it('names the byte that starts a malformed sequence, whatever makes it malformed', () => {
    const line2 = (bad: number[]) => refusal('a: ok\nb: x', bad, '\n');
    expect(line2([0xc3, 0x28])).toBe('2:5 invalid UTF-8 (byte 0xc3)'); // a continuation byte missing
    expect(line2([0x80])).toBe('2:5 invalid UTF-8 (byte 0x80)'); // a continuation byte alone
    expect(line2([0xc1, 0xbf])).toBe('2:5 invalid UTF-8 (byte 0xc1)'); // a lead byte no encoding uses
    expect(line2([0xe0, 0x9f, 0xbf])).toBe('2:5 invalid UTF-8 (byte 0xe0)'); // U+07FF in three bytes: overlong
    expect(line2([0xf0, 0x8f, 0xbf, 0xbf])).toBe('2:5 invalid UTF-8 (byte 0xf0)'); // U+FFFF in four bytes: overlong
    expect(line2([0xed, 0xa0, 0x80])).toBe('2:5 invalid UTF-8 (byte 0xed)'); // a UTF-16 surrogate
    expect(line2([0xed, 0xbf, 0xbf])).toBe('2:5 invalid UTF-8 (byte 0xed)'); // the last surrogate
    expect(line2([0xf4, 0x90, 0x80, 0x80])).toBe('2:5 invalid UTF-8 (byte 0xf4)'); // past U+10FFFF
    expect(line2([0xf5, 0x80, 0x80, 0x80])).toBe('2:5 invalid UTF-8 (byte 0xf5)');
    expect(line2([0x0a, 0xff])).toBe('3:1 invalid UTF-8 (byte 0xff)');
    expect(refusal('a: x', [0xe2, 0x82])).toBe('1:5 invalid UTF-8 (byte 0xe2)'); // cut short by the end of the file
    expect(refusal('a: x', [0xf0, 0x9d, 0x84])).toBe('1:5 invalid UTF-8 (byte 0xf0)');
  });

  it('steps over every valid character up to it, from the smallest to the largest of each length, counting bytes', () => {
    // U+0080, U+07FF, U+0800, U+D7FF, U+E000, U+FFFF, U+10000, U+10FFFF: 2+2+3+3+3+3+4+4 bytes
    const edges = [[0xc2, 0x80], [0xdf, 0xbf], [0xe0, 0xa0, 0x80], [0xed, 0x9f, 0xbf], [0xee, 0x80, 0x80], [0xef, 0xbf, 0xbf], [0xf0, 0x90, 0x80, 0x80], [0xf4, 0x8f, 0xbf, 0xbf]].flat();
    expect(refusal('a: 1\n\nb: ', edges, [0xfe], '\n')).toBe('3:28 invalid UTF-8 (byte 0xfe)');
    expect(refusal('name: café ✓ 𝄞 ', [0xc3], '\n')).toBe('1:22 invalid UTF-8 (byte 0xc3)');
  });
});
