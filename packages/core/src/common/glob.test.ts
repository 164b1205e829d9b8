import { describe, expect, it } from 'vitest';
import { matchesGlob } from './glob';

describe('matchesGlob', () => {
  it('matches * within one folder, ** across folders, never hidden folders', () => {
    expect(matchesGlob('deployment/helm/billing', 'deployment/helm/*')).toBe(true);
    expect(matchesGlob('deployment/helm/a/billing', 'deployment/helm/*')).toBe(false);
    expect(matchesGlob('apps/team/billing', 'apps/**/billing')).toBe(true);
    expect(matchesGlob('apps/billing', 'apps/**/billing')).toBe(true);
    expect(matchesGlob('deployment/helm/.git', 'deployment/helm/*')).toBe(false);
    expect(matchesGlob('elsewhere/billing', 'deployment/helm/*')).toBe(false);
  });
});
