import { join } from 'node:path';
import { stringify } from 'yaml';
import { DEFAULT_RULES, podViolations, redact, REDACTED } from '../checks';
import { type Finding, isMap, UserError, type ValueMap } from '../common';
import { ruleSetting } from '../config';
import { PROBES_SET } from '../rules';
import { type AppInfo, type AppResolution, applicationName, argoSetArg, buildVariablesIn, getEnv, layers, readApplication, type Workspace } from '../workspace';
import { templatesAskingApiVersions } from './api-versions';
import { checkManifests, splitManifests, valueBehind, type RenderedDoc } from './chart-manifests';
import type { HelmRunner } from './helm-process';
import { DEFAULT_KUBERNETES_VERSION, kubeSchemas, VENDORED_KUBERNETES_VERSIONS } from './kube-schema';

/** One helm release as Argo CD renders it: the chart folder, release name, namespace, layers and parameters. */
export interface Release {
  /** The helm arguments, starting with `template`. */
  args: string[];
  /** The app folder, relative to the workspace root: helm runs there. */
  dir: string;
  kubernetesVersion: string;
  cluster: string;
  /** Argo CD fills in build variables (`$ARGOCD_APP_REVISION`) in what helm gets: the Application's helm parameters carry some. */
  filledAtSync: boolean;
  /** The Application or gitops.yaml's cluster lists the API versions to template with; else Argo CD passes the cluster's, which no file here says. */
  apiVersionsKnown: boolean;
}

/**
 * `helm template` as Argo CD runs it for an app in an env (and cluster): the release is
 * `spec.source.helm.releaseName` or the Application's name, the namespace `helm.namespace` or
 * the env's, the value files the layers (missing overlays skipped, as Argo CD's
 * ignoreMissingValueFiles), then the Application's helm parameters as --set / --set-string, the
 * Kubernetes version `helm.kubeVersion` or the destination's, `helm.apiVersions` or the destination's
 * (gitops.yaml's clusters[].apiVersions), and the chart's
 * CRDs unless `helm.skipCrds` (Argo CD's `--include-crds`), with its skipTests and
 * skipSchemaValidation.
 */
export function helmRelease(ws: Workspace, app: AppInfo, envName: string, cluster?: string): Release {
  const env = getEnv(ws, envName);
  const destination = cluster ?? env.clusters[0];
  const clusterConfig = ws.config.clusters.find((c) => c.name === destination);
  const declared = clusterConfig?.kubernetesVersion;
  const kubernetesVersion = declared ?? DEFAULT_KUBERNETES_VERSION;
  const application = readApplication(ws, app.name, env.name, cluster);
  const release = application?.releaseName ?? applicationName(app.name, env.name, cluster);
  const files = layers(ws, app, env.name, cluster).filter((l) => l.exists).flatMap((l) => ['-f', l.valueFile]);
  const sets = (application?.parameters ?? []).flatMap((p) => {
    const { expression, kind } = argoSetArg(p);
    return [`--${kind}`, expression];
  });
  const options = application?.render;
  // The Application's list replaces the cluster's, as in Argo CD.
  const apiVersions = options?.apiVersions?.length ? options.apiVersions : (clusterConfig?.apiVersions ?? []);
  const flags = [
    ...apiVersions.flatMap((v) => ['--api-versions', v]),
    ...(options?.skipCrds ? [] : ['--include-crds']),
    ...(options?.skipSchemaValidation ? ['--skip-schema-validation'] : []),
    ...(options?.skipTests ? ['--skip-tests'] : []),
  ];
  return {
    args: ['template', release, '.', '--namespace', options?.namespace ?? env.namespace, '--kube-version', options?.kubeVersion ?? kubernetesVersion, ...files, ...sets, ...flags],
    dir: app.dir,
    kubernetesVersion,
    cluster: destination,
    filledAtSync: (application?.parameters ?? []).some((p) => buildVariablesIn(p.value).length > 0),
    apiVersionsKnown: apiVersions.length > 0,
  };
}

export interface ChartRender {
  /** What manifests.yaml holds: helm's output, Secret data redacted. */
  text: string;
  docs: RenderedDoc[];
  findings: Finding[];
  notes: string[];
}

/**
 * Render the chart with helm, validate every manifest against the cluster's Kubernetes and the
 * CRD schemas, and run the hardening rules on the rendered Pod specs. helm's own failure (a
 * template error, a subchart's schema) is the user's to fix, reported at the chart.
 */
export async function renderChart(ws: Workspace, app: AppInfo, res: AppResolution, release: Release, helm: HelmRunner): Promise<ChartRender> {
  const ctx = { app: app.name, env: res.env };
  let raw: string;
  try {
    raw = await helm(release.args, `${ws.root}/${release.dir}`);
  } catch (e) {
    // helm's message on one line, without its advice to rerun with --debug (the hint says how to rerun)
    const message = (e as Error).message.replace(/Use --debug flag to render out invalid YAML/, '').replace(/\s*\n\s*/g, ' ').replace('failed: Error: ', 'failed: ').trim();
    throw new UserError(message, { file: `${app.dir}/Chart.yaml`, hint: `Run helm ${release.args.join(' ')} in ${app.dir} to see the whole error.` });
  }
  const docs = splitManifests(raw);
  const output = `manifests.yaml`;
  const notes: string[] = [];
  const { schemas, exact } = kubeSchemas(ws.root, release.kubernetesVersion);
  if (!exact) notes.push(`cluster ${release.cluster} runs Kubernetes ${release.kubernetesVersion}, whose schemas neither ship with gitops (${VENDORED_KUBERNETES_VERSIONS.join(', ')}) nor are in schemas/kubernetes/: its manifests are validated against ${schemas.source} (fields added or removed between the two may be missed; packages/core/src/render/kube-schemas/README.md says how to add them)`);
  const values = res.values;
  const checked = checkManifests(docs, schemas, { ...ctx, appDir: app.dir, output, values, originOf: res.originOf });
  if (checked.notValidated.length > 0) notes.push(`${app.name}: no schema for ${checked.notValidated.join(', ')}: those manifests are not validated`);
  const asking = release.apiVersionsKnown ? [] : templatesAskingApiVersions(join(ws.root, release.dir));
  if (asking.length > 0) {
    notes.push(`${app.name}: ${asking.map((t) => `${app.dir}/${t}`).join(', ')} ${asking.length === 1 ? 'asks' : 'ask'} .Capabilities.APIVersions, which Argo CD answers with the APIs cluster ${release.cluster} serves and no file here records: manifests made only when an API is there (a ServiceMonitor, a PodMonitor) may be missing from what was rendered and checked (list the cluster's APIs under apiVersions of cluster ${release.cluster} in gitops.yaml, or in the Application's spec.source.helm.apiVersions, and they are passed as Argo CD passes them)`);
  }
  const findings = [...checked.findings, ...podFindings(ws, app, res, docs, release)];
  return { text: redactSecrets(raw, docs), docs, findings, notes };
}

/** The hardening rules on the rendered workloads, at the env's tier. */
function podFindings(ws: Workspace, app: AppInfo, res: AppResolution, docs: RenderedDoc[], release: Release): Finding[] {
  const env = getEnv(ws, res.env);
  const rules = [...DEFAULT_RULES, PROBES_SET].map((rule) => ({ rule, severity: ruleSetting(ws.config, env.tier, rule) })).filter((r) => r.severity !== 'off');
  const found = podViolations(docs, rules.map((r) => r.rule.id), env.tier, { filledAtSync: release.filledAtSync });
  return rules.flatMap(({ rule, severity }) =>
    (found.get(rule.id) ?? []).map((v): Finding => {
      const doc = v.target.manifest;
      const template = doc.source ? `${app.dir}/${doc.source.split('/').slice(1).join('/')}` : `${app.dir}/Chart.yaml`;
      const at = (!v.missing && valueBehind(doc.data, v.pointer, false, res.values, res.originOf)) || { file: template, line: 0, column: 0 };
      const via = at.file === template ? `manifests.yaml:${doc.line}` : `template ${doc.source ?? '?'}, manifests.yaml:${doc.line}`;
      return {
        rule: rule.id,
        severity: severity === 'error' ? 'error' : 'warning',
        message: `${v.target.kind} ${v.target.name} ${v.pointer}: ${v.message} (${via})`,
        file: at.file,
        line: at.line,
        column: at.column,
        app: app.name,
        env: env.name,
        hint: rule.fix,
      };
    }),
  );
}

/** helm's output with secrets redacted (redactedManifest): plaintext never reaches dist/. Unchanged text stays byte for byte. */
function redactSecrets(raw: string, docs: RenderedDoc[]): string {
  const clean = docs.map((d) => redactedManifest(d.data));
  if (clean.every((c, i) => JSON.stringify(c) === JSON.stringify(docs[i].data))) return raw;
  return docs.map((d, i) => `---\n${d.source ? `# Source: ${d.source}\n` : ''}${stringify(clean[i], { version: '1.1', lineWidth: 0 })}`).join('');
}

/**
 * A manifest safe to write, print or post: a Secret's data and stringData values, secret-looking
 * values anywhere (by key or token format), and the value of an env var with a secret-like name
 * (`redact` reads an env item's name) become `<redacted>`; keys stay, so a diff still shows which
 * secret changed.
 */
export function redactedManifest(doc: ValueMap): ValueMap {
  const out = redact(doc);
  if (out.kind === 'Secret') {
    for (const k of ['data', 'stringData']) {
      const m = out[k];
      if (isMap(m)) out[k] = Object.fromEntries(Object.keys(m).map((key) => [key, REDACTED]));
    }
  }
  return out;
}
