import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { helmBinary, HELM_MAJORS } from '../../../../tools/test/helm';
import { validateApp } from '../checks';
import type { Finding } from '../common';
import { copyExampleWorkspace } from '../test-support/example-workspace';
import { loadWorkspace } from '../workspace';
import { findHelm, NO_HELM_NOTE } from './helm-process';
import { validateRendered } from './validate-rendered';

const APP = 'deployment/helm/alpha-members';
const edit = (file: string, from: string, to: string) => {
  const text = readFileSync(file, 'utf8');
  if (!text.includes(from)) throw new Error(`${from} is not in ${file}`);
  writeFileSync(file, text.replace(from, to));
};
const where = (f: Finding) => `${f.rule} ${f.env ?? '-'} ${f.file}:${f.line}:${f.column}`;

/** The hardening rules the example's staging Deployment breaks (its values set no securityContext, two replicas, no PDB). */
const HARDENING = ['drop-all-capabilities', 'no-privilege-escalation', 'pod-disruption-budget', 'read-only-root-filesystem', 'run-as-non-root', 'seccomp-runtime-default'];
/** What validate finds in the example whatever renders it: the dev SOPS file it cannot open, dev's plaintext passwords. */
const NOT_RENDERED = [
  `sops-not-decrypted dev ${APP}/secrets/secrets-dev.yaml.enc:1:1`,
  `plaintext-secret dev ${APP}/values-dev.yaml:35:19`,
  `plaintext-secret dev ${APP}/values-dev.yaml:41:15`,
  `plaintext-secret dev ${APP}/values-dev.yaml:46:20`,
];

describe('validate without helm', () => {
  it("reads the values for the hardening rules and says once what that weakens; an app that is not a chart has nothing to say", async () => {
    const dir = copyExampleWorkspace();
    const r = await validateRendered(loadWorkspace(dir), 'alpha-members', { helm: null });
    expect(r.notes).toEqual([NO_HELM_NOTE]);
    expect(r.findings.map(where)).toEqual([
      ...NOT_RENDERED,
      ...HARDENING.filter((rule) => rule !== 'pod-disruption-budget').map((rule) => `${rule} staging ${APP}/values-staging.yaml:2:1`),
      `image-tag-pinned staging ${APP}/values-staging.yaml:5:8`,
      `autoscaling-bounds staging ${APP}/values.yaml:100:38`,
      // the values say where the budget is turned off
      `pod-disruption-budget staging ${APP}/values.yaml:105:12`,
    ]);
    rmSync(join(dir, APP, 'Chart.yaml'));
    const ws = loadWorkspace(dir);
    const plain = await validateRendered(ws, 'alpha-members', { helm: null });
    expect(plain).toEqual({ findings: validateApp(ws, 'alpha-members'), notes: [] });
  });
});

describe.each(HELM_MAJORS)('validate with helm %i', (major) => {
  const helm = findHelm({ flag: helmBinary(major), root: '/' })!.run;

  it('checks the manifests each env deploys in place of the values-level hints', async () => {
    const r = await validateRendered(loadWorkspace(copyExampleWorkspace()), 'alpha-members', { helm });
    expect(r.notes).toEqual([]);
    // the Deployment breaks the rules where its template makes it; the tag is Argo CD's helm parameter, so pinned
    expect(r.findings.map(where)).toEqual([NOT_RENDERED[0], ...HARDENING.map((rule) => `${rule} staging ${APP}/templates/deployment.yaml:0:0`), ...NOT_RENDERED.slice(1)]);
    // staging's tier holds the hardening rules as warnings
    expect(r.findings.filter((f) => f.file.endsWith('templates/deployment.yaml')).map((f) => f.severity)).toEqual(HARDENING.map(() => 'warning'));
    expect(r.findings.find((f) => f.rule === 'run-as-non-root')?.message).toMatch(/^Deployment alpha-members-staging \/spec\/template\/spec\/securityContext\/runAsNonRoot: container alpha-members may run as root: .* \(manifests\.yaml:\d+\)$/);
  });

  it('checks only the envs asked for', async () => {
    const r = await validateRendered(loadWorkspace(copyExampleWorkspace()), 'alpha-members', { helm, envs: ['staging'] });
    expect(r.findings.map(where)).toEqual(HARDENING.map((rule) => `${rule} staging ${APP}/templates/deployment.yaml:0:0`));
  });

  it("reports helm's failure in one env at the chart, and checks the other envs", async () => {
    const dir = copyExampleWorkspace();
    writeFileSync(join(dir, APP, 'templates/broken.yaml'), '{{- if eq .Release.Namespace "production" }}{{ .Values.nope.deeper }}{{- end }}\n');
    const r = await validateRendered(loadWorkspace(dir), 'alpha-members', { helm, envs: ['staging', 'prod'] });
    expect(r.notes).toEqual([]);
    expect(r.findings.map((f) => `${where(f)} ${f.app}`)).toEqual([`input prod ${APP}/Chart.yaml:0:0 alpha-members`, ...HARDENING.map((rule) => `${rule} staging ${APP}/templates/deployment.yaml:0:0 alpha-members`)]);
    expect(r.findings[0].message).toMatch(/^helm template failed: (template: )?alpha-members\/templates\/broken\.yaml:1:\d+:? executing .* nil pointer evaluating interface \{\}\.deeper$/);
    expect(r.findings[0].hint).toBe(`Run helm template alpha-members-prod . --namespace production --kube-version 1.36 -f values.yaml -f values-prod.yaml --set image.tag=$ARGOCD_APP_REVISION --include-crds in ${APP} to see the whole error.`);
  });

  it("reports values it cannot read once, as validate's own finding, and renders the other envs", async () => {
    const dir = copyExampleWorkspace();
    edit(join(dir, APP, 'values-prod.yaml'), 'replicaCount:', 'replicaCount: [\n');
    const r = await validateRendered(loadWorkspace(dir), 'alpha-members', { helm, envs: ['staging', 'prod'] });
    expect(r.findings.map(where)).toEqual([...HARDENING.map((rule) => `${rule} staging ${APP}/templates/deployment.yaml:0:0`), `input prod ${APP}/values-prod.yaml:5:1`]);
    expect(r.notes).toEqual([]);
  });

  it('says once a note every env shares, and renders each cluster an env deploys to', async () => {
    const dir = copyExampleWorkspace();
    const config = join(dir, 'gitops.yaml');
    edit(config, '    namespace: production\n', '    namespace: production\n    clusters: [in-cluster, prod-eu]\n');
    edit(config, '    description: the cluster Argo CD runs in\n', '    description: the cluster Argo CD runs in\n    kubernetesVersion: "1.31"\n  - name: prod-eu\n    server: https://prod-eu.example.com\n    kubernetesVersion: "1.30"\n');
    const prod = readFileSync(join(dir, 'argocd/applications/alpha-members-prod.yaml'), 'utf8');
    writeFileSync(join(dir, 'argocd/applications/alpha-members-prod-prod-eu.yaml'), prod.replace('name: alpha-members-prod\n', 'name: alpha-members-prod-prod-eu\n').replace('https://kubernetes.default.svc', 'https://prod-eu.example.com'));
    const r = await validateRendered(loadWorkspace(dir), 'alpha-members', { helm });
    expect(r.notes.map((n) => n.split(',')[0])).toEqual(['cluster in-cluster runs Kubernetes 1.31', 'cluster prod-eu runs Kubernetes 1.30']);
  });
});
