import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { helmBinary, HELM_MAJORS } from '../../../tools/test/helm';
import { helmTemplateValues } from '../../core/src/test-support/helm-values';
import { gitops } from './test-support/fake-io';

const FIXTURES = join(__dirname, '../../core/src/workspace/fixtures');

function inline(text: string): string {
  const f = join(mkdtempSync(join(tmpdir(), 'hvm-inline-')), 'values.yaml');
  writeFileSync(f, text);
  return f;
}

describe.each(HELM_MAJORS)('gitops on real layouts tells what helm %i renders with the Application inputs', (major) => {
  const helm = helmBinary(major);

  it('multi-source $values: values by app and env or by Application name, diff, validate, promote --dry-run', async () => {
    const dir = join(FIXTURES, 'multi-source-values');
    const expected = helmTemplateValues(helm, join(dir, 'charts/guestbook'), ['-f', 'charts/guestbook/values-production.yaml', '-f', 'environments/prod/values.yaml', '-f', inline('ingress:\n  enabled: true\n'), '--set', 'image.tag=v5.1', '--set', 'replicaCount=7'], dir);
    const byName = await gitops(dir, 'values', '--application', 'guestbook-prod', '-o', 'json');
    expect(byName.code, byName.stderr).toBe(0);
    expect(JSON.parse(byName.stdout)).toEqual(expected);
    expect(JSON.parse((await gitops(dir, 'values', 'guestbook', 'prod', '-o', 'json')).stdout)).toEqual(expected);

    const diff = await gitops(dir, 'diff', 'guestbook', 'staging', 'prod');
    expect(diff.stdout).toContain('~ image.tag: "v6.1" -> "v5.1"  [promotable]');
    expect(diff.stdout).toContain('~ replicaCount: 2 -> 7  [pinned per env]');

    const validate = await gitops(dir, 'validate', '--format', 'json');
    expect(validate.code).toBe(1);
    const findings = JSON.parse(validate.stdout).findings as { rule: string }[];
    expect(findings.filter((f) => f.rule.startsWith('argocd'))).toEqual([]);

    const dry = await gitops(dir, 'promote', '--from', 'staging', '--to', 'prod', '--dry-run');
    expect(dry.code, dry.stderr).toBe(0);
    expect(dry.stdout).toContain('guestbook (argocd/guestbook.yaml: Argo CD helm.parameters)\n    image.tag: "v5.1" -> "v6.1"  [argocd/guestbook.yaml:66]');
    expect(dry.stdout).toMatch(/Gate: passes \(\d+ findings already in prod, none brought by this promotion\)/);
  });

  it('ApplicationSet-generated names work with --application; an unknown one is an error with a suggestion', async () => {
    const dir = join(FIXTURES, 'appset-matrix');
    const r = await gitops(dir, 'values', '--application', 'billing-api-prod', '-o', 'json');
    expect(JSON.parse(r.stdout)).toEqual(helmTemplateValues(helm, join(dir, 'apps/Billing-API'), ['-f', 'apps/Billing-API/values-prod.yaml', '--set', 'environment=PROD'], dir));
    const typo = await gitops(dir, 'values', '--application', 'billing-api-prd');
    expect(typo.code).toBe(2);
    expect(typo.stderr).toContain('no Argo CD Application named "billing-api-prd"; did you mean "billing-api-prod"?');
  });
});
