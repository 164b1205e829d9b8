import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { copyExampleWorkspace, editFile as edit } from '../../test-support/example-workspace';
import { loadWorkspace } from '../../workspace';
import { validateApp } from '../validate';
import { DEFAULT_RULES } from './default-rules';
import { policyCheck } from './policy-check';

const APP = 'deployment/helm/alpha-members';

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

  it('point a value set wrong at the line that sets it, and say what it is rather than to add it', () => {
    const dir = copyExampleWorkspace();
    edit(dir, `${APP}/values-prod.yaml`, '  runAsNonRoot: true\n', '  runAsNonRoot: false\n');
    expect(run(dir, 'prod')).toEqual([`error run-as-non-root ${APP}/values-prod.yaml:32:17 podSecurityContext.runAsNonRoot | podSecurityContext.runAsNonRoot is false: the container may run as root`]);
    // set wrong in the base values.yaml, the line the overlay does not override
    edit(dir, `${APP}/values-prod.yaml`, 'podSecurityContext:\n  runAsNonRoot: false\n', '');
    edit(dir, `${APP}/values.yaml`, 'podSecurityContext: {}', 'podSecurityContext:\n  runAsNonRoot: false');
    expect(run(dir, 'prod')).toEqual([`error run-as-non-root ${APP}/values.yaml:116:17 podSecurityContext.runAsNonRoot | podSecurityContext.runAsNonRoot is false: the container may run as root`]);
  });

  it('judge no value of a chart that declares none, and say so in each env instead of suggesting every key', () => {
    const dir = copyExampleWorkspace();
    // without a schema, values.yaml alone says which keys the chart reads: the rules judge as before
    rmSync(join(dir, APP, 'values.schema.json'));
    edit(dir, `${APP}/values-prod.yaml`, '  runAsNonRoot: true\n', '  runAsNonRoot: false\n');
    expect(run(dir, 'prod')).toEqual([`error run-as-non-root ${APP}/values-prod.yaml:32:17 podSecurityContext.runAsNonRoot | podSecurityContext.runAsNonRoot is false: the container may run as root`]);
    writeFileSync(join(dir, APP, 'values.yaml'), '# every value comes from the overlays\n');
    const note = `info policy-keys-unknown ${APP}/values.yaml:1:1 undefined | ${APP}/values.yaml declares no values and there is no values.schema.json, so the policy rules cannot tell which keys the chart reads and judge none of its values`;
    expect(run(dir, 'prod')).toEqual([note]);
    expect(run(dir, 'dev')).toEqual([note]);
    writeFileSync(join(dir, 'gitops.yaml'), `${readFileSync(join(dir, 'gitops.yaml'), 'utf8')}\npolicy:\n  tiers:\n    production:\n      rules:\n        policy-keys-unknown: off\n`);
    expect(run(dir, 'prod')).toEqual([]);
  });

  it("name a renamed key as the chart names it, and read the tier's severity", () => {
    const dir = copyExampleWorkspace();
    edit(dir, `${APP}/values.yaml`, 'securityContext: {}', 'securityContext: {}\n# the container security context, under this chart\'s name\ncontainerSecurity: {}');
    edit(dir, `${APP}/values-prod.yaml`, 'securityContext:\n  allowPrivilegeEscalation: false\n  readOnlyRootFilesystem: true', 'containerSecurity:\n  allowPrivilegeEscalation: true\n  readOnlyRootFilesystem: false');
    writeFileSync(join(dir, 'gitops.yaml'), `${readFileSync(join(dir, 'gitops.yaml'), 'utf8')}\npolicy:\n  tiers:\n    production:\n      rules:\n        read-only-root-filesystem: warning\n        drop-all-capabilities: off\n  apps:\n    alpha-members:\n      keys:\n        securityContext: containerSecurity\n`);
    expect(run(dir, 'prod')).toEqual([
      `error no-privilege-escalation ${APP}/values-prod.yaml:39:29 containerSecurity.allowPrivilegeEscalation | allowPrivilegeEscalation is not false`,
      `warning read-only-root-filesystem ${APP}/values-prod.yaml:40:27 containerSecurity.readOnlyRootFilesystem | readOnlyRootFilesystem is not true`,
    ]);
  });

  it("never suggests a key the chart declares neither in values.yaml nor in its schema", () => {
    const dir = copyExampleWorkspace();
    edit(dir, `${APP}/values.yaml`, '\nsecurityContext: {}', '');
    edit(dir, `${APP}/values-prod.yaml`, 'securityContext:\n  allowPrivilegeEscalation: false\n  readOnlyRootFilesystem: true\n  capabilities:\n    drop:\n      - ALL\n', '');
    expect(run(dir, 'prod')).toEqual([]);
    // the schema declares it (a free-form object): setting it would change what deploys
    const schemaFile = join(dir, APP, 'values.schema.json');
    const schema = JSON.parse(readFileSync(schemaFile, 'utf8'));
    schema.properties.securityContext = { type: 'object' };
    writeFileSync(schemaFile, JSON.stringify(schema));
    expect(run(dir, 'prod')).toEqual([
      `error drop-all-capabilities ${APP}/values-prod.yaml:2:1 securityContext.capabilities.drop | capabilities.drop does not include ALL (add it to values-prod.yaml)`,
      `error no-privilege-escalation ${APP}/values-prod.yaml:2:1 securityContext.allowPrivilegeEscalation | allowPrivilegeEscalation is not false (add it to values-prod.yaml)`,
      `error read-only-root-filesystem ${APP}/values-prod.yaml:2:1 securityContext.readOnlyRootFilesystem | readOnlyRootFilesystem is not true (add it to values-prod.yaml)`,
    ]);
  });

  it('point a value the base sets at the base, and take a build variable in a values file as written', () => {
    const dir = copyExampleWorkspace();
    edit(dir, `${APP}/values.yaml`, 'replicaCount: 1', 'replicaCount: 1\n# the node network\nhostNetwork: true');
    expect(run(dir, 'prod')).toEqual([`error no-host-namespaces ${APP}/values.yaml:8:14 hostNetwork | hostNetwork is true`]);
    edit(dir, 'argocd/applications/alpha-members-prod.yaml', '      parameters:\n        - name: image.tag\n          value: $ARGOCD_APP_REVISION\n', '');
    edit(dir, `${APP}/values-prod.yaml`, 'tag: ""', 'tag: $ARGOCD_APP_REVISION');
    expect(run(dir, 'prod')).toEqual([
      `error image-tag-pinned ${APP}/values-prod.yaml:5:8 image.tag | image.tag "$ARGOCD_APP_REVISION" reaches helm as written: Argo CD fills in its build variables only in an Application's helm.parameters, never in a values file, so the image reference is invalid`,
      `error no-host-namespaces ${APP}/values.yaml:8:14 hostNetwork | hostNetwork is true`,
    ]);
  });

  it('name a renamed tag key in the message, and run no rule the tier turns off', () => {
    const dir = copyExampleWorkspace();
    edit(dir, `${APP}/values.yaml`, 'replicaCount: 1', 'replicaCount: 1\n# the image tag, under this chart\'s name\nimageVersion: ""');
    edit(dir, `${APP}/values-prod.yaml`, 'replicaCount: 3', 'replicaCount: 3\nimageVersion: latest');
    edit(dir, `${APP}/values-prod.yaml`, '  runAsNonRoot: true\n', '');
    const config = `${readFileSync(join(dir, 'gitops.yaml'), 'utf8')}\npolicy:\n  apps:\n    alpha-members:\n      keys:\n        imageTag: imageVersion\n`;
    writeFileSync(join(dir, 'gitops.yaml'), config);
    expect(run(dir, 'prod')).toEqual([
      `error image-tag-pinned ${APP}/values-prod.yaml:3:15 imageVersion | imageVersion "latest" is a floating tag`,
      `error run-as-non-root ${APP}/values-prod.yaml:32:1 podSecurityContext.runAsNonRoot | runAsNonRoot is not true in podSecurityContext or securityContext (add it to values-prod.yaml)`,
      // the base's pull policy meets the floating tag the overlay sets
      `error image-pull-policy ${APP}/values.yaml:15:15 image.pullPolicy | IfNotPresent with the floating tag "latest" keeps a stale image on nodes`,
    ]);
    writeFileSync(join(dir, 'gitops.yaml'), `${config}  tiers:\n    production:\n      rules:\n        run-as-non-root: off\n`);
    expect(run(dir, 'prod').map((f) => f.split(' ')[1])).toEqual(['image-tag-pinned', 'image-pull-policy']);
    writeFileSync(join(dir, 'gitops.yaml'), `${config}  tiers:\n    production:\n      rules:\n${DEFAULT_RULES.map((r) => `        ${r.id}: off\n`).join('')}`);
    expect(run(dir, 'prod')).toEqual([]);
  });
});
