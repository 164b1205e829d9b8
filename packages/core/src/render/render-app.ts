import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { parseAllDocuments, stringify } from 'yaml';
import { APPLICATION_TEMPLATE, type AppResolution, argoApplication, clusterTargets, EXTERNAL_SECRET_TEMPLATE, externalSecretManifest, getApp, getEnv, readApplication, resolveValues, withArgoParameters, type Workspace } from '../workspace';
import { type Finding, findingFromError, isUserError, type Position, readBoundedText, UserError } from '../common';
import { MANIFEST_SCHEMA } from '../rules';
import { helmRelease, renderChart } from './chart-render';
import { NO_HELM_NOTE, type HelmRunner } from './helm-process';
import { validateManifest } from './manifest-schema';

export const RENDERED_DIR = 'dist/rendered';

export interface RenderedFile {
  /** Posix path relative to the workspace root. */
  path: string;
  content: string;
}

export interface RenderResult {
  files: RenderedFile[];
  findings: Finding[];
  /** Things the user should know once, e.g. that helm is not installed. */
  notes: string[];
}

/**
 * What `render` writes for an app, per env (and per additional cluster): the effective values,
 * the Argo CD Application, its SealedSecret, and for a chart `helm template`'s manifests as Argo
 * CD renders them (validated, and checked by the hardening rules); an app that is not a chart
 * gets the ExternalSecret its values call for from templates/. Computed only; `writeRendered`
 * writes it. Without helm (`helm: null`) a chart's manifests are skipped, with a note.
 */
export async function renderApp(ws: Workspace, appName: string, opts: { envs?: string[]; helm: HelmRunner | null }): Promise<RenderResult> {
  const app = getApp(ws, appName);
  const { helm } = opts;
  const chart = existsSync(join(ws.root, app.dir, 'Chart.yaml'));
  const out: RenderResult = { files: [], findings: [], notes: [] };
  if (chart && !helm) out.notes.push(NO_HELM_NOTE);
  if (!chart) out.notes.push(`${app.name} is not a chart (no Chart.yaml in ${app.dir}): only its values, Applications and secrets are rendered, not its manifests`);
  const targets = (opts.envs ?? ws.config.environments.map((e) => e.name)).flatMap((e) => clusterTargets(ws, app.dir, getEnv(ws, e).name).map((cluster) => ({ env: getEnv(ws, e), cluster })));
  const rendered = await Promise.all(
    targets.map(async ({ env, cluster }) => {
      const dir = `${RENDERED_DIR}/${app.name}/${env.name}${cluster ? `/${cluster}` : ''}`;
      const ctx = { app: app.name, env: env.name };
      const part: RenderResult = { files: [], findings: [], notes: [] };
      const add = (name: string, content: string) => part.files.push({ path: `${dir}/${name}`, content });
      try {
        const res = resolveValues(ws, app.name, env.name, { cluster });
        add('values.yaml', effectiveValues(res));
        add('application.yaml', checked(part.findings, argoApplication(ws, app, env.name, cluster), fixedAt(`templates/${APPLICATION_TEMPLATE}`), ctx));
        const es = chart ? undefined : externalSecretManifest(ws, app.name, env, res, cluster);
        if (es?.text !== undefined) add('external-secret.yaml', checked(part.findings, es.text, es.locate, ctx, `templates/${EXTERNAL_SECRET_TEMPLATE}`));
        // A SOPS env's secrets are decrypted in the cluster (helm-secrets, KSOPS): nothing to render here.
        const sealed = `${app.dir}/secrets/sealed-secrets-${env.name}.yaml`;
        if (env.secrets !== 'sops' && existsSync(join(ws.root, sealed))) {
          add('sealed-secret.yaml', checked(part.findings, normalizedSealedSecret(readBoundedText(join(ws.root, sealed), sealed, { root: ws.root, kind: 'SealedSecret' }), sealed), fixedAt(sealed), ctx));
        }
        if (chart && helm) {
          const deployed = withArgoParameters(res, readApplication(ws, app.name, env.name, cluster));
          const r = await renderChart(ws, app, deployed, helmRelease(ws, app, env.name, cluster), helm);
          add('manifests.yaml', r.text);
          part.findings.push(...r.findings);
          part.notes.push(...r.notes);
        }
      } catch (e) {
        if (!isUserError(e)) throw e;
        part.findings.push(findingFromError(e, ctx));
      }
      return part;
    }),
  );
  for (const r of rendered) {
    out.files.push(...r.files);
    out.findings.push(...r.findings);
    for (const n of r.notes) if (!out.notes.includes(n)) out.notes.push(n);
  }
  return out;
}

/** The merged values as Helm would see them, with the layers they came from. Same input, same bytes. */
function effectiveValues(res: AppResolution): string {
  const header = `# Effective values of ${res.app} in ${res.env}${res.cluster ? ` on ${res.cluster}` : ''}: ${res.files.map((f) => f.file.split('/').pop()).join(' + ')}\n# Written by gitops render; edit the layers, not this file.\n`;
  return header + stringify(res.values, { version: '1.1', lineWidth: 0 });
}

const fixedAt = (file: string) => (): Position => ({ file, line: 0, column: 0 });

/** Validate each document of a rendered manifest; each problem becomes a finding where `locate` says it came from. */
function checked(findings: Finding[], text: string, locate: (pointer: string) => Position, ctx: { app: string; env: string }, template?: string): string {
  for (const doc of parseAllDocuments(text)) {
    const data = doc.toJS();
    if (data === null || data === undefined) continue;
    for (const p of validateManifest(data)) {
      const at = locate(p.pointer);
      const via = template && at.file !== template ? ` (rendered by ${template})` : '';
      findings.push({ rule: MANIFEST_SCHEMA.id, severity: 'error', message: `${String(data.kind ?? 'manifest')} ${p.pointer || '/'}: ${p.message}${via}`, file: at.file, line: at.line, column: at.column, ...ctx, hint: MANIFEST_SCHEMA.fix });
    }
  }
  return text;
}

/**
 * The sealed file as data, one document after another: its comments (the stub's how-to) and
 * formatting drop out so the output changes only when the sealed data does.
 */
function normalizedSealedSecret(text: string, file: string): string {
  const docs = parseAllDocuments(text, { version: '1.1' });
  const parts: string[] = [];
  for (const doc of Array.isArray(docs) ? docs : [docs]) {
    const err = doc.errors[0];
    if (err) {
      const pos = err.linePos?.[0];
      throw new UserError(`not valid YAML: ${err.message.split('\n')[0]}`, { file, line: pos?.line, column: pos?.col, hint: 'Re-seal the secret with gitops seal (or kubeseal --format=yaml).' });
    }
    const data = doc.toJS();
    if (data !== null && data !== undefined) parts.push(stringify(data, { version: '1.1', lineWidth: 0 }));
  }
  return `# From ${file}; edit that file, not this one.\n${parts.join('---\n')}`;
}
