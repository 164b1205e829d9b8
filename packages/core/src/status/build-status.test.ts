import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Finding } from '../common';
import { copyExampleWorkspace, EXAMPLE_ROOT } from '../test-support/example-workspace';
import { loadWorkspace } from '../workspace';
import { buildStatus } from './build-status';
import type { PendingPromotion } from './model';

const APP = 'alpha-members';
const DIR = 'deployment/helm/alpha-members';
const finding = (env: string | undefined, severity: Finding['severity'], app = APP): Finding => ({ rule: 'x', severity, message: 'm', file: `${DIR}/values.yaml`, line: 1, column: 1, app, ...(env ? { env } : {}) });
const promotion = (from: string, to: string, n: number, app = APP): PendingPromotion => ({
  app,
  from,
  to,
  file: `${DIR}/values-${to}.yaml`,
  changes: Array.from({ length: n }, (_, i) => ({ path: ['config', 'featureFlags', `f${i}`], key: `config.featureFlags.f${i}`, from: true, to: false, secret: false })),
});

describe('gitops status: what runs where', () => {
  const ws = loadWorkspace(EXAMPLE_ROOT);

  it('shows per env the tag Argo CD deploys and the line that sets it, an Application parameter over the overlays', () => {
    const s = buildStatus(ws, { findings: [], pending: [], envs: [], apps: [] });
    expect(s.envs).toEqual(['dev', 'staging', 'prod']);
    expect(s.apps.map((a) => [a.app, a.dir, a.findings])).toEqual([[APP, DIR, []]]);
    expect(s.apps[0].cells.map((c) => [c.env, c.tags, c.atSync, c.digest, c.tagAt])).toEqual([
      ['dev', ['dev-latest'], undefined, undefined, { file: `${DIR}/values-dev.yaml`, line: 5, column: 8 }],
      ['staging', [''], undefined, undefined, { file: `${DIR}/values-staging.yaml`, line: 5, column: 8 }],
      // the commit Argo CD syncs, known only then: not a tag of the repository
      ['prod', [], [{ value: '$ARGOCD_APP_REVISION', variables: ['ARGOCD_APP_REVISION'] }], undefined, { file: 'argocd/applications/alpha-members-prod.yaml', line: 18, column: 18 }],
    ]);
    // the side-by-side values say so too
    const tagRow = buildStatus(ws, { findings: [], pending: [], values: true }).apps[0].values?.find((r) => r.key === 'image.tag');
    expect(tagRow?.cells.map((c) => c?.atSync)).toEqual([undefined, undefined, ['ARGOCD_APP_REVISION']]);
    expect(readFileSync(join(EXAMPLE_ROOT, DIR, 'values-dev.yaml'), 'utf8').split('\n')[4].slice(7)).toBe('dev-latest');
    expect(readFileSync(join(EXAMPLE_ROOT, 'argocd/applications/alpha-members-prod.yaml'), 'utf8').split('\n')[17].slice(17)).toBe('$ARGOCD_APP_REVISION');
  });

  it('takes $ARGOCD_APP_REVISION for the synced commit only in a helm parameter: in a values file helm gets it as written', () => {
    const dir = copyExampleWorkspace();
    try {
      const app = join(dir, 'argocd/applications/alpha-members-prod.yaml');
      writeFileSync(app, readFileSync(app, 'utf8').replace('      parameters:\n        - name: image.tag\n          value: $ARGOCD_APP_REVISION\n', ''));
      const overlay = join(dir, DIR, 'values-prod.yaml');
      writeFileSync(overlay, readFileSync(overlay, 'utf8').replace('tag: ""  # Set by CI/CD from release', 'tag: $ARGOCD_APP_REVISION'));
      const { cells, values } = buildStatus(loadWorkspace(dir), { findings: [], pending: [], values: true }).apps[0];
      expect([cells[2].tags, cells[2].atSync, cells[2].tagAt?.file]).toEqual([['$ARGOCD_APP_REVISION'], undefined, `${DIR}/values-prod.yaml`]);
      expect(values?.find((r) => r.key === 'image.tag')?.cells[2]).toEqual({ value: '"$ARGOCD_APP_REVISION"', at: expect.objectContaining({ file: `${DIR}/values-prod.yaml` }) });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('lists as drift the keys only one env sets, staging none', () => {
    const [dev, staging, prod] = buildStatus(ws, { findings: [], pending: [] }).apps[0].cells;
    expect(dev.drift).toEqual([
      'image.pullPolicy',
      'podAnnotations["sidecar.istio.io/inject"]',
      'mongodb.auth.rootPassword',
      'mongodb.auth.database',
      'redis.enabled',
      'redis.auth.password',
      'keycloak.auth.adminPassword',
    ]);
    expect(staging.drift).toEqual([]);
    expect(prod.drift.slice(0, 3)).toEqual(['autoscaling.targetCPUUtilizationPercentage', 'autoscaling.targetMemoryUtilizationPercentage', 'podDisruptionBudget.minAvailable']);
    expect(prod.drift).toHaveLength(22);
  });

  it('counts the findings of each env by severity, keeps the app-wide ones, and drops other apps and hidden envs', () => {
    const findings = [finding('dev', 'warning'), finding('dev', 'info'), finding('prod', 'error'), finding(undefined, 'warning'), finding('dev', 'error', 'other-app')];
    const all = buildStatus(ws, { findings, pending: [] }).apps[0];
    expect(all.cells.map((c) => [c.env, c.findings])).toEqual([
      ['dev', { error: 0, warning: 1, info: 1 }],
      ['staging', { error: 0, warning: 0, info: 0 }],
      ['prod', { error: 1, warning: 0, info: 0 }],
    ]);
    expect(all.findings).toEqual(findings.slice(0, 4));
    const shown = buildStatus(ws, { findings, pending: [], envs: ['staging', 'dev'] });
    expect(shown.envs).toEqual(['staging', 'dev']);
    expect(shown.apps[0].cells.map((c) => c.env)).toEqual(['staging', 'dev']);
    expect(shown.apps[0].findings).toEqual([findings[0], findings[1], findings[3]]);
  });

  it('counts the changes pending from each env, only along shown envs and shown apps', () => {
    const pending = [promotion('dev', 'staging', 2), promotion('staging', 'prod', 3), promotion('dev', 'staging', 5, 'other-app')];
    const s = buildStatus(ws, { findings: [], pending });
    expect(s.apps[0].cells.map((c) => c.pending)).toEqual([2, 3, 0]);
    expect(s.pending).toEqual(pending.slice(0, 2));
    const devAndStaging = buildStatus(ws, { findings: [], pending, envs: ['dev', 'staging'] });
    expect(devAndStaging.apps[0].cells.map((c) => c.pending)).toEqual([2, 0]);
    expect(devAndStaging.pending).toEqual([pending[0]]);
  });

  it('gives every effective value side by side with where it is set, secrets redacted, only when asked', () => {
    expect(buildStatus(ws, { findings: [], pending: [] }).apps[0]).not.toHaveProperty('values');
    const rows = buildStatus(ws, { findings: [], pending: [], values: true, envs: ['staging', 'dev'] }).apps[0].values ?? [];
    expect(rows.slice(0, 3).map((r) => r.key)).toEqual(['replicaCount', 'image.repository', 'image.pullPolicy']);
    const row = (key: string) => rows.find((r) => r.key === key)?.cells;
    expect(row('replicaCount')).toEqual([
      { value: '2', at: { file: `${DIR}/values-staging.yaml`, line: 2, column: 15 } },
      { value: '1', at: { file: `${DIR}/values-dev.yaml`, line: 2, column: 15 } },
    ]);
    expect(row('mongodb.auth.rootPassword')).toEqual([
      { value: '""', at: { file: `${DIR}/values.yaml`, line: 149, column: 19 } },
      { value: '"<redacted>"', at: { file: `${DIR}/values-dev.yaml`, line: 35, column: 19 } },
    ]);
    expect(row('podAnnotations["sidecar.istio.io/inject"]')).toEqual([null, { value: '"false"', at: { file: `${DIR}/values-dev.yaml`, line: 29, column: 28 } }]);
    expect(JSON.stringify(rows)).not.toMatch(/devpassword|devredis|devadmin/);
  });

  it('names an unknown env or app', () => {
    expect(() => buildStatus(ws, { findings: [], pending: [], envs: ['stagin'] })).toThrow('unknown environment "stagin"; did you mean "staging"?');
    expect(() => buildStatus(ws, { findings: [], pending: [], apps: ['alpha-member'] })).toThrow('alpha-member');
  });

  it('shows no image for an env whose overlay does not parse, and leaves it out of the drift of the others', () => {
    const dir = copyExampleWorkspace();
    try {
      writeFileSync(join(dir, DIR, 'values-staging.yaml'), 'replicaCount: [\n');
      const { cells, values } = buildStatus(loadWorkspace(dir), { findings: [], pending: [], values: true }).apps[0];
      expect(values?.find((r) => r.key === 'replicaCount')?.cells.map((c) => c?.value ?? null)).toEqual(['1', null, '3']);
      expect(cells.map((c) => [c.env, c.tags, c.drift.length])).toEqual([
        ['dev', ['dev-latest'], 7],
        ['staging', [], 0],
        ['prod', [], 39],
      ]);
      expect(cells[1]).not.toHaveProperty('tagAt');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('resolves each cluster of an env with its own overlay, and shows each distinct tag once', () => {
    const dir = copyExampleWorkspace();
    try {
      const config = join(dir, 'gitops.yaml');
      writeFileSync(
        config,
        readFileSync(config, 'utf8')
          .replace('    tier: staging\n', '    tier: staging\n    clusters: [in-cluster, eu-1, us-1]\n')
          .replace('    tier: production\n', '    tier: production\n    clusters: [in-cluster, eu-1, us-1]\n')
          .replace('clusters:\n  - name: in-cluster\n', 'clusters:\n  - name: eu-1\n    server: https://eu-1.example.com\n  - name: us-1\n    server: https://us-1.example.com\n  - name: in-cluster\n'),
      );
      const overlay = (env: string, cluster: string, text: string) => writeFileSync(join(dir, DIR, `values-${env}.${cluster}.yaml`), text);
      overlay('staging', 'in-cluster', 'image:\n  tag: 1.4.0\n');
      overlay('staging', 'eu-1', 'image:\n  tag: 1.4.0\n');
      overlay('staging', 'us-1', 'image:\n  tag: 1.5.0-rc.1\npodLabels:\n  zone: us-east\n  canary: "true"\n');
      const application = readFileSync(join(dir, 'argocd/applications/alpha-members-prod.yaml'), 'utf8');
      for (const cluster of ['in-cluster', 'eu-1', 'us-1']) {
        // only the third cluster's overlays set a zone, in both envs: not one env's drift
        overlay('prod', cluster, `podLabels:\n  region: x\n${cluster === 'us-1' ? '  zone: us-east\n' : ''}`);
        const revision = cluster === 'us-1' ? '$ARGOCD_APP_REVISION_SHORT' : '$ARGOCD_APP_REVISION';
        writeFileSync(join(dir, `argocd/applications/alpha-members-prod-${cluster}.yaml`), application.replace('$ARGOCD_APP_REVISION', revision));
      }
      const [, staging, prod] = buildStatus(loadWorkspace(dir), { findings: [], pending: [] }).apps[0].cells;
      expect([staging.tags, staging.atSync, staging.tagAt]).toEqual([['1.4.0', '1.5.0-rc.1'], undefined, { file: `${DIR}/values-staging.in-cluster.yaml`, line: 2, column: 8 }]);
      expect([prod.tags, prod.atSync]).toEqual([
        [],
        [
          { value: '$ARGOCD_APP_REVISION', variables: ['ARGOCD_APP_REVISION'] },
          { value: '$ARGOCD_APP_REVISION_SHORT', variables: ['ARGOCD_APP_REVISION_SHORT'] },
        ],
      ]);
      // a cluster's overlay is the env's own: what it alone sets is drift
      expect(prod.drift).toContain('podLabels.region');
      expect(prod.drift).not.toContain('podLabels.zone');
      expect(staging.drift).not.toContain('podLabels.zone');
      // set on staging's third cluster alone: drift, though the values shown are the first cluster's
      expect(staging.drift).toContain('podLabels.canary');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('takes as an inheriting env’s drift only what its own overlay sets, and leaves its parent’s drift whole', () => {
    const dir = copyExampleWorkspace();
    try {
      const config = join(dir, 'gitops.yaml');
      writeFileSync(config, readFileSync(config, 'utf8').replace('\nclusters:\n', '\n  - name: prod-eu\n    parent: prod\n    tier: production\n    secrets: external-secrets\n    secretStore:\n      name: vault-production\n      kind: ClusterSecretStore\n\nclusters:\n'));
      writeFileSync(join(dir, DIR, 'values-prod-eu.yaml'), 'replicaCount: 5\npodLabels:\n  region: eu\n');
      const cells = buildStatus(loadWorkspace(dir), { findings: [], pending: [] }).apps[0].cells;
      expect(cells.map((c) => c.env)).toEqual(['dev', 'staging', 'prod', 'prod-eu']);
      expect(cells[3].drift).toEqual(['podLabels.region']);
      expect(cells[2].drift).toHaveLength(22);
      expect(cells[2].drift.slice(0, 2)).toEqual(['autoscaling.targetCPUUtilizationPercentage', 'autoscaling.targetMemoryUtilizationPercentage']);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('shows an image pinned by digest alone, with no tag key', () => {
    const dir = copyExampleWorkspace();
    try {
      const file = join(dir, DIR, 'values-dev.yaml');
      writeFileSync(file, readFileSync(file, 'utf8').replace('  tag: dev-latest\n', `  tag: null\n  digest: sha256:${'ab'.repeat(32)}\n`));
      const dev = buildStatus(loadWorkspace(dir), { findings: [], pending: [] }).apps[0].cells[0];
      expect([dev.tags, dev.atSync, dev.digest, dev.tagAt]).toEqual([[], undefined, `sha256:${'ab'.repeat(32)}`, { file: `${DIR}/values-dev.yaml`, line: 6, column: 11 }]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('shows an image pinned by digest, at the line that pins it', () => {
    const dir = copyExampleWorkspace();
    try {
      const file = join(dir, DIR, 'values-dev.yaml');
      writeFileSync(file, readFileSync(file, 'utf8').replace('  tag: dev-latest\n', '  tag: dev-latest\n  digest: sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef\n'));
      const dev = buildStatus(loadWorkspace(dir), { findings: [], pending: [] }).apps[0].cells[0];
      expect([dev.tags, dev.digest, dev.tagAt]).toEqual([['dev-latest'], 'sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef', { file: `${DIR}/values-dev.yaml`, line: 6, column: 11 }]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

