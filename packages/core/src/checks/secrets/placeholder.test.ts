import { describe, expect, it } from 'vitest';
import { isPlaceholderSecret } from './placeholder';

describe('placeholder secret values', () => {
  it('takes nothing, an empty or blank text and the usual stand-ins as placeholders, and a real value as none', () => {
    for (const v of [null, undefined, '', '   ', ' changeme ', 'CHANGE_ME', 'TODO', '<password>', '${DB_PASSWORD}', '****', 'xxxx']) expect(isPlaceholderSecret(v), String(v)).toBe(true);
    for (const v of ['s3cr3t-Value', 'changeme2', 0, 'secret-sauce']) expect(isPlaceholderSecret(v), String(v)).toBe(false);
  });
});
