import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { copyExampleWorkspace } from '../test-support/example-workspace';
import { describe, expect, it } from 'vitest';
import { editTarget } from './edit-target';
import { resolveValues } from './resolve';
import { loadWorkspace } from './workspace';

// Where a promotion or set-image writes a value: the layer that sets it for the env, an
// Application's helm parameter, or nowhere, with the reason, when a write would not take effect.
const FIXTURES = join(__dirname, 'fixtures');

describe('editTarget', () => {
  const multi = loadWorkspace(join(FIXTURES, 'multi-source-values'));
  const staging = resolveValues(multi, 'guestbook', 'staging');
  const prod = resolveValues(multi, 'guestbook', 'prod');

  it("writes a value set by the env's own file there, and one set only by the chart's defaults into the env's own file", () => {
    expect(editTarget(multi, staging, ['replicaCount'])).toEqual({ kind: 'values', file: 'environments/staging/values.yaml' });
    expect(editTarget(multi, prod, ['service', 'type'])).toEqual({ kind: 'values', file: 'environments/prod/values.yaml' });
    expect(editTarget(multi, staging, ['service', 'type'])).toEqual({ kind: 'values', file: 'environments/staging/values.yaml' });
    expect(editTarget(multi, staging, ['not', 'set'])).toEqual({ kind: 'values', file: 'environments/staging/values.yaml' });
  });

  it('writes a value a helm parameter sets into that parameter, in the Application or the .argocd-source file that sets it', () => {
    expect(editTarget(multi, prod, ['image', 'tag'])).toEqual({ kind: 'parameter', file: 'argocd/guestbook.yaml', application: 'guestbook-prod', name: 'image.tag', at: { file: 'argocd/guestbook.yaml', line: 66, column: 20 } });
    expect(editTarget(multi, staging, ['image', 'tag'])).toEqual({
      kind: 'parameter',
      file: 'charts/guestbook/.argocd-source-guestbook-staging.yaml',
      application: 'guestbook-staging',
      name: 'image.tag',
      at: { file: 'charts/guestbook/.argocd-source-guestbook-staging.yaml', line: 5, column: 14 },
    });
  });

  it('writes nothing where the inline values of the Application set the value, since they override every values file', () => {
    expect(editTarget(multi, staging, ['ingress', 'hosts', 0])).toEqual({ kind: 'none', reason: 'it is set by the inline helm values of Application "guestbook-staging" (argocd/guestbook.yaml:31); edit them there' });
    expect(editTarget(multi, prod, ['ingress', 'enabled'])).toEqual({ kind: 'none', reason: 'it is set by the inline helm values of Application "guestbook-prod" (argocd/guestbook.yaml:63); edit them there' });
  });

  it("writes nothing where an ApplicationSet's template sets a parameter for every env, and a missing env file is where a new value goes", () => {
    const ws = loadWorkspace(join(FIXTURES, 'appset-matrix'));
    const dev = resolveValues(ws, 'guestbook', 'dev');
    expect(editTarget(ws, dev, ['environment'])).toEqual({ kind: 'none', reason: 'environment is set by ApplicationSet "apps"\'s template for every env (appsets/apps.yaml:38); change its generator element instead' });
    expect(editTarget(ws, dev, ['image', 'tag'])).toEqual({ kind: 'values', file: 'apps/guestbook/values-dev.yaml' });
    expect(editTarget(ws, dev, ['replicaCount'])).toEqual({ kind: 'values', file: 'apps/guestbook/values-dev.yaml' });
    expect(editTarget(ws, resolveValues(ws, 'billing-api', 'dev'), ['image', 'tag'])).toEqual({ kind: 'values', file: 'apps/Billing-API/values-dev.yaml' });
  });
});

describe('editTarget where no Application deploys, or none layers a file of its own', () => {
  const files = (root: string, entries: Record<string, string>) => {
    for (const [f, text] of Object.entries(entries)) {
      mkdirSync(dirname(join(root, f)), { recursive: true });
      writeFileSync(join(root, f), text);
    }
  };

  it("writes into the env's most specific existing layer, and the value's own layer when it is one", () => {
    const root = mkdtempSync(join(tmpdir(), 'hvm-edit-'));
    files(root, {
      'gitops.yaml': 'apps: deployment/*\nenvironments:\n  - name: base\n    namespace: base\n  - name: prod\n    namespace: production\n    parent: base\n    clusters: [in-cluster, eu]\nclusters:\n  - name: in-cluster\n    server: https://kubernetes.default.svc\n  - name: eu\n    server: https://eu.example.com\n',
      'deployment/web/values.yaml': 'replicas: 1\nimage: {tag: a}\n',
      'deployment/web/values-base.yaml': 'image: {tag: b}\n',
      'deployment/web/values-prod.yaml': 'other: 1\n',
    });
    const ws = loadWorkspace(root);
    const prod = resolveValues(ws, 'web', 'prod');
    expect(prod.deployment).toBeUndefined();
    expect(editTarget(ws, prod, ['replicas'])).toEqual({ kind: 'values', file: 'deployment/web/values-prod.yaml' });
    expect(editTarget(ws, prod, ['image', 'tag'])).toEqual({ kind: 'values', file: 'deployment/web/values-base.yaml' });
    expect(editTarget(ws, resolveValues(ws, 'web', 'prod', { cluster: 'eu' }), ['replicas'])).toEqual({ kind: 'values', file: 'deployment/web/values-prod.yaml' });
    expect(editTarget(ws, resolveValues(ws, 'web', 'base'), ['nope'])).toEqual({ kind: 'values', file: 'deployment/web/values-base.yaml' });
  });

  it('writes nothing where the layout or the Application gives the env no file of its own', () => {
    const root = mkdtempSync(join(tmpdir(), 'hvm-edit-'));
    files(root, {
      'gitops.yaml': "apps: charts/*\nlayouts:\n  - apps: [charts/*]\n    layers: ['{appDir}/values.yaml']\nenvironments:\n  - name: prod\n    namespace: production\n",
      'charts/web/values.yaml': 'replicas: 1\n',
    });
    const ws = loadWorkspace(root);
    expect(editTarget(ws, resolveValues(ws, 'web', 'prod'), ['replicas'])).toEqual({ kind: 'none', reason: 'web has no layer of its own for prod' });
    const example = copyExampleWorkspace();
    const app = join(example, 'argocd/applications/alpha-members-dev.yaml');
    writeFileSync(app, readFileSync(app, 'utf8').replace('        - values-dev.yaml\n', ''));
    const dev = loadWorkspace(example);
    expect(editTarget(dev, resolveValues(dev, 'alpha-members', 'dev'), ['replicaCount'])).toEqual({ kind: 'none', reason: 'Application "alpha-members-dev" layers no values file of its own for dev; add one to its valueFiles' });
  });
});
