import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Finding } from '@helm-values-manager/core';
import { describe, expect, it } from 'vitest';
import { findingsResult } from './findings-output';

const finding: Finding = {
  rule: 'schema',
  severity: 'error',
  message: 'must match format "quantity"',
  file: 'deployment/helm/beta/values-prod.yaml',
  line: 17,
  column: 13,
  app: 'beta',
  env: 'prod',
};

describe('findingsResult', () => {
  it('keeps the findings of an app that has some, and no stale file once it is clean', () => {
    const root = mkdtempSync(join(tmpdir(), 'hvm-findings-'));
    const report = join(root, 'dist/reports/validate/beta.json');

    const broken = findingsResult(root, 'validate', 'beta', [finding]);
    expect(broken.success).toBe(false);
    expect(broken.output).toContain('deployment/helm/beta/values-prod.yaml:17:13');
    expect(JSON.parse(readFileSync(report, 'utf8')).findings).toEqual([expect.objectContaining({ line: 17, column: 13 })]);

    const clean = findingsResult(root, 'validate', 'beta', []);
    expect(clean.success).toBe(true);
    expect(existsSync(report)).toBe(false);
  });
});
