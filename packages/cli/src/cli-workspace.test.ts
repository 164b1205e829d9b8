import { appendFileSync, cpSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { helmBinary, HELM_MAJORS } from '../../../tools/test/helm';
import { helmTemplateValues } from '../../core/src/test-support/helm-values';
import { gitops } from './test-support/fake-io';

// An Application renders the chart bootstrap/, which creates guestbook-dev and guestbook-prod (app-of-apps).
const FIXTURE = join(__dirname, '../../core/src/workspace/fixtures/app-of-apps');

function copy(): string {
  const dir = join(mkdtempSync(join(tmpdir(), 'hvm-app-of-apps-')), 'ws');
  cpSync(FIXTURE, dir, { recursive: true });
  return dir;
}

describe.each(HELM_MAJORS)('app-of-apps charts rendered by the helm every render uses (helm %i)', (major) => {
  const helm = helmBinary(major);

  it('reads the Applications a chart creates with --helm, or with helm.binary of gitops.yaml, with no helm on PATH', async () => {
    const dir = copy();
    const expected = helmTemplateValues(helm, join(dir, 'guestbook'), ['-f', 'guestbook/values-prod.yaml'], dir);
    const byFlag = await gitops(dir, 'values', '--application', 'guestbook-prod', '--helm', helm, '-o', 'json');
    expect(byFlag.code, byFlag.stderr).toBe(0);
    expect(JSON.parse(byFlag.stdout)).toEqual(expected);

    appendFileSync(join(dir, 'gitops.yaml'), `helm:\n  binary: ${helm}\n`);
    const byConfig = await gitops(dir, 'values', '--application', 'guestbook-prod', '-o', 'json');
    expect(byConfig.code, byConfig.stderr).toBe(0);
    expect(JSON.parse(byConfig.stdout)).toEqual(expected);
    expect((await gitops(dir, 'diff', '-a', 'guestbook-dev', '-a', 'guestbook-prod')).code).toBe(0);
  });
});

describe('app-of-apps charts without helm', () => {
  it('are one finding that names the checks it weakens, and an Application they create is unknown with that reason', async () => {
    const validate = await gitops(FIXTURE, 'validate', '-o', 'json');
    const unreadable = (JSON.parse(validate.stdout).findings as { rule: string; file: string; line: number; message: string }[]).filter((f) => f.rule === 'argocd-application-unreadable');
    expect(unreadable).toMatchObject([{ file: 'argocd/root.yaml', line: 11, message: expect.stringMatching(/no helm is available to render it: the Applications it creates are not read, so their values, validate, lint, diff and promotion are not checked/) }]);

    const byName = await gitops(FIXTURE, 'values', '--application', 'guestbook-prod');
    expect(byName.code).toBe(2);
    expect(byName.stderr).toContain('no Argo CD Application named "guestbook-prod"');
    expect(byName.stderr).toContain('Not every Application could be read: argocd/root.yaml:11:');
  });
});
