import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { NO_HELM_NOTE } from '../../../core/src/render';
import { copyExampleWorkspace } from '../../../core/src/test-support/example-workspace';
import { helmBinary, HELM_MAJORS } from '../../../../tools/test/helm';
import { gitopsWithEnv } from '../test-support/fake-io';

const APP = 'deployment/helm/alpha-members';
const NO_HELM = { PATH: '/nonexistent' };

function edit(dir: string, file: string, from: string, to: string): void {
  const p = join(dir, APP, file);
  const text = readFileSync(p, 'utf8');
  if (!text.includes(from)) throw new Error(`${from} not in ${file}`);
  writeFileSync(p, text.replace(from, to));
}

describe.each(HELM_MAJORS)('gitops validate with helm %i', (major) => {
  const withHelm = (dir: string, ...args: string[]) => gitopsWithEnv(dir, NO_HELM, 'validate', ...args, '--helm', helmBinary(major));

  it('checks what the chart deploys: a template that drops the hardened values fails prod, though the values pass', async () => {
    const dir = copyExampleWorkspace();
    expect(await withHelm(dir, '--env', 'prod')).toMatchObject({ code: 0, stderr: '' });
    // the template no longer passes securityContext through: the values still say hardened
    edit(dir, 'templates/deployment.yaml', '          {{- with .Values.securityContext }}\n          securityContext:', '          {{- with .Values.noSuchKey }}\n          securityContext:');
    const values = await gitopsWithEnv(dir, NO_HELM, 'validate', '--env', 'prod');
    expect(values).toMatchObject({ code: 0, stderr: `note: ${NO_HELM_NOTE}\n` });
    const rendered = await withHelm(dir, '--env', 'prod');
    expect(rendered.code).toBe(1);
    expect(rendered.stderr).toBe('');
    expect(rendered.stdout).toContain(`${APP}/templates/deployment.yaml  error  Deployment alpha-members-prod /spec/template/spec/containers/0/securityContext/readOnlyRootFilesystem: container alpha-members: readOnlyRootFilesystem is not true`);
    expect(rendered.stdout).toMatch(/\[read-only-root-filesystem · prod\]/);
  });

  it('reports the rendered HPA and a manifest the Kubernetes schema refuses, in place of the values-level hints', async () => {
    const dir = copyExampleWorkspace();
    // the values-level hint reads targetMemoryUtilizationPercentage 0 in staging; the chart never renders it
    const values = await gitopsWithEnv(dir, NO_HELM, 'validate', '--env', 'staging');
    expect(values.stdout).toContain('targetMemoryUtilizationPercentage 0 is not between 1 and 100');
    const rendered = await withHelm(dir, '--env', 'staging');
    expect(rendered.stdout).not.toContain('targetMemoryUtilizationPercentage');
    // a template typo reaches the manifest: refused by the Kubernetes schema, named by its template
    edit(dir, 'templates/service.yaml', '  ports:', '  portz:');
    const broken = await withHelm(dir, '--env', 'staging', '-o', 'json');
    expect(broken.code).toBe(1);
    const { findings } = JSON.parse(broken.stdout) as { findings: { rule: string; message: string }[] };
    expect(findings.filter((f) => f.rule === 'manifest-schema').map((f) => f.message)).toEqual([expect.stringMatching(/^Service alpha-members-staging \/spec\/portz: unknown field "portz" \(Kubernetes 1\.36; /)]);
  });
});

describe('gitops validate without helm', () => {
  it('says once which checks are weaker, however many envs, and still runs every other check', async () => {
    const dir = copyExampleWorkspace();
    const r = await gitopsWithEnv(dir, NO_HELM, 'validate');
    expect(r.code).toBe(0);
    expect(r.stderr).toBe(`note: ${NO_HELM_NOTE}\n`);
    expect(r.stdout).toContain('[plaintext-secret · dev]');
  });
});
