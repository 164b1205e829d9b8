import { spawnSync } from 'node:child_process';
import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseAllDocuments } from 'yaml';
import { helmBinary, HELM_MAJORS } from '../../../../tools/test/helm';
import { copyExampleWorkspace, EXAMPLE_ROOT } from '../test-support/example-workspace';
import { loadWorkspace, readApplication, resolveValues, withArgoParameters } from '../workspace';
import { argoVariablesIn, formatHelmCommand, helmArgv, helmInvocation, shellQuote } from './helm-args';

const APP = 'deployment/helm/alpha-members';
const ENVS = ['dev', 'staging', 'prod'];

function helm(major: 3 | 4, args: string[], cwd: string) {
  const r = spawnSync(helmBinary(major), args, { cwd, encoding: 'utf8' });
  return { status: r.status, out: `${r.stdout}${r.stderr}` };
}

describe('helmInvocation', () => {
  it('installs the example in prod as its Argo CD Application does: its name, namespace, valueFiles and parameters', () => {
    const inv = helmInvocation(loadWorkspace(EXAMPLE_ROOT), 'alpha-members', 'prod');
    expect(formatHelmCommand(helmArgv(inv, 'upgrade'))).toBe(
      [
        'helm upgrade --install alpha-members-prod ./deployment/helm/alpha-members',
        '-n production',
        '-f ./deployment/helm/alpha-members/values.yaml',
        '-f ./deployment/helm/alpha-members/values-prod.yaml',
        '--set "image.tag=$ARGOCD_APP_REVISION"',
      ].join(' \\\n  '),
    );
    expect(argoVariablesIn(helmArgv(inv, 'upgrade'))).toEqual(['ARGOCD_APP_REVISION']);
  });

  it('takes helm.releaseName over the Application name, forceString as --set-string, and skips overlays that do not exist', () => {
    const dir = copyExampleWorkspace();
    const file = join(dir, 'argocd/applications/alpha-members-staging.yaml');
    // this repository's chart (repoURL) in staging (destination): else Argo CD's layers are unknown here
    writeFileSync(
      file,
      `apiVersion: argoproj.io/v1alpha1\nkind: Application\nmetadata:\n  name: alpha-members-staging\nspec:\n  source:\n    repoURL: https://github.com/org/alpha-members.git\n    path: ${APP}\n    helm:\n      releaseName: members\n      valueFiles: [values.yaml, values-staging.yaml]\n      parameters:\n        - name: config.featureFlags.beta\n          value: "true"\n          forceString: true\n        - name: ingress.annotations.x\n          value: a,b\n  destination:\n    server: https://kubernetes.default.svc\n    namespace: staging\n`,
    );
    const ws = loadWorkspace(dir);
    expect(helmArgv(helmInvocation(ws, 'alpha-members', 'staging'), 'template')).toEqual([
      'template', 'members', `./${APP}`, '-n', 'staging', '-f', `./${APP}/values.yaml`, '-f', `./${APP}/values-staging.yaml`,
      '--set-string', 'config.featureFlags.beta=true', '--set', 'ingress.annotations.x=a\\,b',
    ]);
  });

  it('without an Application: the release named as Argo CD would name it, no parameters, only the overlays that exist', () => {
    const dir = copyExampleWorkspace();
    rmSync(join(dir, 'argocd/applications/alpha-members-dev.yaml'));
    rmSync(join(dir, APP, 'values-dev.yaml'));
    const ws = loadWorkspace(dir);
    expect(helmInvocation(ws, 'alpha-members', 'dev')).toEqual({ release: 'alpha-members-dev', chart: APP, namespace: 'development', valueFiles: [`${APP}/values.yaml`], sets: [] });
    expect(helmInvocation(ws, 'alpha-members', 'prod', { extraSets: [{ kind: 'set-string', expression: 'a=b' }] })).toMatchObject({
      application: 'argocd/applications/alpha-members-prod.yaml',
      sets: [{ kind: 'set', expression: 'image.tag=$ARGOCD_APP_REVISION' }, { kind: 'set-string', expression: 'a=b' }],
    });
  });

  it('writes paths as the caller relates them: ./ before a relative one, absolute and ../ ones as they are', () => {
    const inv = { release: 'web', chart: 'apps/web', namespace: 'ns', valueFiles: ['apps/web/values.yaml'], sets: [] };
    expect(helmArgv(inv, 'template')).toEqual(['template', 'web', './apps/web', '-n', 'ns', '-f', './apps/web/values.yaml']);
    expect(helmArgv(inv, 'template', (p) => `/repo/${p}`)).toEqual(['template', 'web', '/repo/apps/web', '-n', 'ns', '-f', '/repo/apps/web/values.yaml']);
    expect(helmArgv(inv, 'upgrade', (p) => `../${p}`)).toEqual(['upgrade', '--install', 'web', '../apps/web', '-n', 'ns', '-f', '../apps/web/values.yaml']);
  });

  it('prints a command one option per line, quoting what needs it before the first option too', () => {
    expect(formatHelmCommand(['template', 'web', './my chart'])).toBe("helm template web './my chart'");
    expect(formatHelmCommand(['-n', 'ns', '-f', 'a b.yaml'])).toBe("helm \\\n  -n ns \\\n  -f 'a b.yaml'");
  });

  it('quotes what a shell would split or expand, and leaves Argo CD variables for the shell to fill', () => {
    expect(shellQuote('a b')).toBe(`'a b'`);
    expect(shellQuote(`it's`)).toBe(`'it'\\''s'`);
    expect(shellQuote('x=$HOME')).toBe(`'x=$HOME'`);
    expect(shellQuote('tag=${ARGOCD_APP_REVISION_SHORT}-"x"')).toBe('"tag=${ARGOCD_APP_REVISION_SHORT}-\\"x\\""');
  });
});

describe.each(HELM_MAJORS)('the example chart under helm %i', (major) => {
  it.each(ENVS)('passes helm lint --strict in %s with exactly the layers and parameters Argo CD uses', (env) => {
    const argv = helmArgv(helmInvocation(loadWorkspace(EXAMPLE_ROOT), 'alpha-members', env), 'template');
    const flags = argv.slice(argv.indexOf('-n'));
    const r = helm(major, ['lint', `./${APP}`, '--strict', ...flags], EXAMPLE_ROOT);
    expect(r.out).toMatch(/1 chart\(s\) linted, 0 chart\(s\) failed/);
    expect(r.status).toBe(0);
  });

  it('fails helm lint --strict when an overlay breaks the schema, at the key the schema names', () => {
    const dir = copyExampleWorkspace();
    const overlay = join(dir, APP, 'values-prod.yaml');
    writeFileSync(overlay, 'replicaCount: "3"\nimage:\n  pullPolicy: Sometimes\n');
    const argv = helmArgv(helmInvocation(loadWorkspace(dir), 'alpha-members', 'prod'), 'template');
    const r = helm(major, ['lint', `./${APP}`, '--strict', ...argv.slice(argv.indexOf('-n'))], dir);
    expect(r.status).toBe(1);
    expect(r.out).toMatch(/replicaCount/);
    expect(r.out).toMatch(/pullPolicy/);
  });

  it('renders with helm template the values gitops resolves, Argo CD parameters included, in every env', () => {
    const dir = copyExampleWorkspace();
    // a template that shows the values helm computed
    writeFileSync(join(dir, APP, 'templates/zz-values.yaml'), 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: values\ndata:\n  values: {{ toJson .Values | quote }}\n');
    const ws = loadWorkspace(dir);
    for (const env of ENVS) {
      const argv = helmArgv(helmInvocation(ws, 'alpha-members', env), 'template');
      const r = helm(major, [...argv, '--show-only', 'templates/zz-values.yaml'], dir);
      expect(r.status, r.out).toBe(0);
      const rendered = JSON.parse(parseAllDocuments(r.out)[0].toJS().data.values);
      const expected = withArgoParameters(resolveValues(ws, 'alpha-members', env), readApplication(ws, 'alpha-members', env)).values;
      expect(rendered, env).toEqual(expected);
    }
  });

  it('deploys the ExternalSecret of the spec (external-secrets.io/v1) from the env\'s store, only where externalSecrets is enabled', () => {
    const ws = loadWorkspace(EXAMPLE_ROOT);
    const kinds = (env: string) => {
      const r = helm(major, helmArgv(helmInvocation(ws, 'alpha-members', env), 'template'), EXAMPLE_ROOT);
      expect(r.status, r.out).toBe(0);
      return parseAllDocuments(r.out).map((d) => d.toJS()).filter(Boolean);
    };
    const prod = kinds('prod');
    expect(prod.map((m) => m.kind).sort()).toEqual(['Deployment', 'ExternalSecret', 'HorizontalPodAutoscaler', 'Ingress', 'PodDisruptionBudget', 'Service', 'ServiceAccount']);
    const es = prod.find((m) => m.kind === 'ExternalSecret');
    expect(es.apiVersion).toBe('external-secrets.io/v1');
    expect(es.spec.secretStoreRef).toEqual({ name: 'vault-production', kind: 'ClusterSecretStore' });
    expect(es.spec.data.map((d: { remoteRef: { key: string } }) => d.remoteRef.key)).toEqual(['alpha-members/production/database', 'alpha-members/production/keycloak', 'alpha-members/production/redis']);
    const deployment = prod.find((m) => m.kind === 'Deployment');
    expect(deployment.spec.replicas).toBeUndefined(); // the HPA owns the count
    expect(deployment.spec.template.spec.containers[0].securityContext.readOnlyRootFilesystem).toBe(true);
    expect(kinds('dev').map((m) => m.kind)).not.toContain('ExternalSecret');
  });
});
