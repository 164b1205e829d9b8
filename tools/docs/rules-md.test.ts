import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { RULES } from '@helm-values-manager/core';
import { describe, expect, it } from 'vitest';
import { rulesMarkdown } from './rules-md';

describe('docs/rules.md', () => {
  it('documents every rule, as the catalog says (regenerate with tools/docs/rules-md.ts)', () => {
    const doc = readFileSync(join(__dirname, '../../docs/rules.md'), 'utf8');
    expect(doc).toBe(rulesMarkdown());
    for (const r of RULES) expect(doc).toContain(`### ${r.id}\n`);
  });
});
