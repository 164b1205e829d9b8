import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { copyExampleWorkspace } from '../../test-support/example-workspace';
import { loadWorkspace } from '../../workspace';
import { validateApp } from '../validate';
import { policyCheck } from './policy-check';

const APP = 'deployment/helm/alpha-members';

function edit(dir: string, file: string, from: string, to: string): void {
  const p = join(dir, file);
  const text = readFileSync(p, 'utf8');
  if (!text.includes(from)) throw new Error(`${from} not in ${file}`);
  writeFileSync(p, text.replace(from, to));
}
const run = (dir: string, env: string) =>
  validateApp(loadWorkspace(dir), 'alpha-members', { envs: [env], checks: [policyCheck] }).map((f) => `${f.severity} ${f.rule} ${f.file}:${f.line}:${f.column} ${f.path} | ${f.message}`);

describe('the policy rules through validate', () => {
  it('fail prod when runAsNonRoot is missing, pointing at the overlay where it belongs; accept it in securityContext', () => {
    const dir = copyExampleWorkspace();
    expect(run(dir, 'prod')).toEqual([]);
    edit(dir, `${APP}/values-prod.yaml`, '  runAsNonRoot: true\n', '');
    expect(run(dir, 'prod')).toEqual([
      `error run-as-non-root ${APP}/values-prod.yaml:31:1 podSecurityContext.runAsNonRoot | runAsNonRoot is not true in podSecurityContext or securityContext (add it to values-prod.yaml)`,
    ]);
    edit(dir, `${APP}/values-prod.yaml`, '  allowPrivilegeEscalation: false\n', '  allowPrivilegeEscalation: false\n  runAsNonRoot: true\n');
    expect(run(dir, 'prod')).toEqual([]);
  });

  it('point a value set wrong at its key in the overlay', () => {
    const dir = copyExampleWorkspace();
    edit(dir, `${APP}/values-prod.yaml`, '  runAsNonRoot: true\n', '  runAsNonRoot: false\n');
    expect(run(dir, 'prod')).toEqual([
      `error run-as-non-root ${APP}/values-prod.yaml:32:3 podSecurityContext.runAsNonRoot | runAsNonRoot is not true in podSecurityContext or securityContext (add it to values-prod.yaml)`,
    ]);
  });

  it("name a renamed key as the chart names it, and read the tier's severity", () => {
    const dir = copyExampleWorkspace();
    edit(dir, `${APP}/values.yaml`, 'securityContext: {}', 'securityContext: {}\n# the container security context, under this chart\'s name\ncontainerSecurity: {}');
    edit(dir, `${APP}/values-prod.yaml`, 'securityContext:\n  allowPrivilegeEscalation: false\n  readOnlyRootFilesystem: true', 'containerSecurity:\n  allowPrivilegeEscalation: true\n  readOnlyRootFilesystem: false');
    writeFileSync(join(dir, 'gitops.yaml'), `${readFileSync(join(dir, 'gitops.yaml'), 'utf8')}\npolicy:\n  tiers:\n    production:\n      rules:\n        read-only-root-filesystem: warning\n        drop-all-capabilities: off\n  apps:\n    alpha-members:\n      keys:\n        securityContext: containerSecurity\n`);
    expect(run(dir, 'prod')).toEqual([
      `error no-privilege-escalation ${APP}/values-prod.yaml:39:3 containerSecurity.allowPrivilegeEscalation | allowPrivilegeEscalation is not false (add it to values-prod.yaml)`,
      `warning read-only-root-filesystem ${APP}/values-prod.yaml:40:3 containerSecurity.readOnlyRootFilesystem | readOnlyRootFilesystem is not true (add it to values-prod.yaml)`,
    ]);
  });
});
