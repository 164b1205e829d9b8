import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { copyExampleWorkspace, editFile as edit } from '../test-support/example-workspace';
import { loadWorkspace } from '../workspace';
import { consistencyCheck } from './consistency';
import { validateApp } from './validate';

const PROD_APP = 'argocd/applications/alpha-members-prod.yaml';
const VALUE_FILES = '      valueFiles:\n        - values.yaml\n        - values-prod.yaml\n';

/** The consistency findings as a user reads them: severity, rule, file:line:column, env, message. */
const run = (dir: string, envs?: string[]) =>
  validateApp(loadWorkspace(dir), 'alpha-members', { envs, checks: [consistencyCheck] }).map((f) => `${f.severity} ${f.rule} ${f.file}:${f.line}:${f.column} ${f.env} | ${f.message}`);

describe("Argo CD Applications against gitops.yaml's layers", () => {
  it('name a value file from outside the app folder, at its entry', () => {
    const dir = copyExampleWorkspace();
    mkdirSync(join(dir, 'deployment/shared'), { recursive: true });
    writeFileSync(join(dir, 'deployment/shared/common.yaml'), 'a: 1\n');
    edit(dir, PROD_APP, '        - values-prod.yaml\n', '        - values-prod.yaml\n        - ../../shared/common.yaml\n');
    expect(run(dir, ['prod'])).toEqual([
      `error argocd-value-files ${PROD_APP}:16:11 prod | valueFiles are [values.yaml, values-prod.yaml, ../../shared/common.yaml] but the layers of prod are [values.yaml, values-prod.yaml]; not layers of the app folder: ../../shared/common.yaml`,
    ]);
  });

  it("take the chart's values.yaml as the defaults whether listed or not, and point at the first entry out of order", () => {
    const dir = copyExampleWorkspace();
    edit(dir, PROD_APP, '        - values.yaml\n', '');
    expect(run(dir, ['prod'])).toEqual([]);
    edit(dir, PROD_APP, '        - values-prod.yaml\n', '        - values-prod.yaml\n        - values-staging.yaml\n');
    expect(run(dir, ['prod'])).toEqual([
      `error argocd-value-files ${PROD_APP}:15:11 prod | valueFiles are [values-prod.yaml, values-staging.yaml] but the layers of prod are [values.yaml, values-prod.yaml]; not layers of the app folder: values-staging.yaml`,
    ]);
  });

  it('point at helm when no valueFiles are listed', () => {
    const dir = copyExampleWorkspace();
    edit(dir, PROD_APP, VALUE_FILES, '');
    expect(run(dir, ['prod'])).toEqual([`error argocd-value-files ${PROD_APP}:12:5 prod | valueFiles are [] but the layers of prod are [values.yaml, values-prod.yaml]`]);
  });

  it('name a source path other than the app folder', () => {
    const dir = copyExampleWorkspace();
    edit(dir, PROD_APP, 'path: deployment/helm/alpha-members', 'path: deployment/charts/alpha');
    expect(run(dir, ['prod']).filter((f) => f.includes('argocd-source-path'))).toEqual([
      `error argocd-source-path ${PROD_APP}:11:11 prod | spec.source.path is "deployment/charts/alpha" but the app folder is "deployment/helm/alpha-members"`,
    ]);
  });

  it("take each rule's severity from the env's tier, off included", () => {
    const dir = copyExampleWorkspace();
    rmSync(join(dir, 'argocd/applications/alpha-members-dev.yaml'));
    writeFileSync(join(dir, 'gitops.yaml'), `${readFileSync(join(dir, 'gitops.yaml'), 'utf8')}\npolicy:\n  tiers:\n    development:\n      rules:\n        argocd-application-missing: warning\n    production:\n      rules:\n        argocd-value-files: warning\n        argocd-source-path: off\n`);
    edit(dir, PROD_APP, '        - values.yaml\n        - values-prod.yaml', '        - values-prod.yaml\n        - values.yaml');
    edit(dir, PROD_APP, 'path: deployment/helm/alpha-members', 'path: deployment/helm/alpha-members/../alpha-members-old');
    expect(run(dir).filter((f) => !f.includes('argocd-application-unreadable') && !f.includes('argocd-value-file-missing'))).toEqual([
      // the listed files are not in the folder the source path names: none is compared, the finding is at the list
      `warning argocd-value-files ${PROD_APP}:14:9 prod | valueFiles are [] but the layers of prod are [values.yaml, values-prod.yaml]`,
      'warning argocd-application-missing gitops.yaml:0:0 dev | no Argo CD Application deploys alpha-members to dev (none found under argocd/applications; expected e.g. argocd/applications/alpha-members-dev.yaml)',
    ]);
    writeFileSync(join(dir, 'gitops.yaml'), readFileSync(join(dir, 'gitops.yaml'), 'utf8').replace('argocd-application-missing: warning', 'argocd-application-missing: off').replace('argocd-value-files: warning', 'argocd-value-files: off'));
    expect(run(dir).filter((f) => !f.includes('argocd-application-unreadable') && !f.includes('argocd-value-file-missing'))).toEqual([]);
  });
});
