import { spawnSync } from 'node:child_process';
import { appendFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseAllDocuments } from 'yaml';
import { helmBinary, HELMS, HELM_MAJORS } from '../../../../tools/test/helm';
import { copyExampleWorkspace } from '../../../core/src/test-support/example-workspace';
import { gitops } from '../test-support/fake-io';

const APP = 'deployment/helm/alpha-members';

describe('gitops helm-args', () => {
  it('prints the deployment command of the spec for an env, and says which Argo CD variables the shell must set', async () => {
    const dir = copyExampleWorkspace();
    const r = await gitops(dir, 'helm-args', 'alpha-members', 'prod');
    expect(r.code).toBe(0);
    expect(r.stdout).toBe(
      `helm upgrade --install alpha-members-prod ./${APP} \\\n  -n production \\\n  -f ./${APP}/values.yaml \\\n  -f ./${APP}/values-prod.yaml \\\n  --set "image.tag=$ARGOCD_APP_REVISION"\n`,
    );
    expect(r.stderr).toMatch(/\$ARGOCD_APP_REVISION is filled in by Argo CD/);
    const dev = await gitops(join(dir, APP), 'helm-args', 'alpha-members', 'dev', '--set', 'image.tag=dev-abc1234', '--release', 'alpha-members', '-o', 'json');
    expect(JSON.parse(dev.stdout)).toEqual(['helm', 'upgrade', '--install', 'alpha-members', '.', '-n', 'development', '-f', './values.yaml', '-f', './values-dev.yaml', '--set', 'image.tag=dev-abc1234']);
  });

  it('names an unknown env with the ones gitops.yaml declares (exit 2)', async () => {
    const r = await gitops(copyExampleWorkspace(), 'helm-args', 'alpha-members', 'qa');
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/qa/);
  });
});

describe.each(HELM_MAJORS)('gitops helm-args run by helm %i', (major) => {
  it('gives, in every env, the values gitops values prints, with the null rules of the helmVersion in gitops.yaml', async () => {
    const dir = copyExampleWorkspace();
    // a nested null over a null chart default: deleted by helm 3.17, kept by 4.1
    appendFileSync(join(dir, APP, 'values.yaml'), '\n# Notes for operators.\nnotes:\n  # Unset.\n  owner: null\n');
    appendFileSync(join(dir, 'gitops.yaml'), `\nhelmVersion: "${HELMS[major].version}"\n`);
    writeFileSync(join(dir, APP, 'templates/zz-values.yaml'), 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: values\ndata:\n  values: {{ toJson .Values | quote }}\n');
    for (const env of ['dev', 'staging', 'prod']) {
      const argv: string[] = JSON.parse((await gitops(dir, 'helm-args', 'alpha-members', env, '-o', 'json')).stdout);
      // helm template takes what helm upgrade --install does
      const r = spawnSync(helmBinary(major), ['template', ...argv.slice(3), '--show-only', 'templates/zz-values.yaml'], { cwd: dir, encoding: 'utf8' });
      expect(r.status, r.stderr).toBe(0);
      const rendered = JSON.parse(parseAllDocuments(r.stdout)[0].toJS().data.values);
      const sets = argv.flatMap((a, i) => (a.startsWith('--set') ? [a, argv[i + 1]] : []));
      // the values as data, to compare with what helm renders
      const values = await gitops(dir, 'values', 'alpha-members', env, '-o', 'json', '--show-secrets', ...sets);
      expect(rendered, env).toEqual(JSON.parse(values.stdout));
      expect(rendered.notes, env).toEqual(major === 3 ? {} : { owner: null });
    }
  });
});
