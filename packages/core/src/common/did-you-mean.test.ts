import { describe, expect, it } from 'vitest';
import { didYouMean, editDistance } from './did-you-mean';

describe('did you mean', () => {
  it('counts insertions, deletions and substitutions', () => {
    expect(editDistance('kitten', 'sitting')).toBe(3);
    expect(editDistance('', 'abc')).toBe(3);
    expect(editDistance('abc', '')).toBe(3);
    expect(editDistance('prod', 'prod')).toBe(0);
    expect(editDistance('prdo', 'prod')).toBe(2);
    expect(editDistance('stagng', 'staging')).toBe(1);
  });

  it('suggests the closest name, ignoring case, only when it is a likely typo', () => {
    expect(didYouMean('image-tag-pined', ['resources-set', 'image-tag-pinned'])).toBe('image-tag-pinned');
    expect(didYouMean('PROD', ['dev', 'prod'])).toBe('prod');
    // one edit is always close enough, even for a short word
    expect(didYouMean('qb', ['qa'])).toBe('qa');
    expect(didYouMean('stg', ['staging'])).toBeUndefined();
    expect(didYouMean('anything', [])).toBeUndefined();
  });

  it('allows one edit per three letters: a nine-letter word takes three edits, not four', () => {
    expect(didYouMean('abcdefghi', ['abcdefxyz'])).toBe('abcdefxyz');
    expect(didYouMean('abcdefghi', ['abcdewxyz'])).toBeUndefined();
    expect(didYouMean('abcdefgh', ['abcdefxy'])).toBe('abcdefxy');
    expect(didYouMean('abcdefgh', ['abcdexyz'])).toBeUndefined();
  });

  it('keeps the first of equally close names', () => {
    expect(didYouMean('hat', ['cat', 'bat'])).toBe('cat');
  });
});
