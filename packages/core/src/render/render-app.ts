import { spawnSync } from 'node:child_process';
import { accessSync, constants, existsSync, readFileSync } from 'node:fs';
import { delimiter, join } from 'node:path';
import { parseAllDocuments, stringify } from 'yaml';
import { APPLICATION_TEMPLATE, type AppResolution, argoApplication, clusterTargets, getApp, getEnv, layers, resolveValues, type Workspace } from '../workspace';
import { type Finding, findingFromError, isMap, isUserError, type Position, renderTemplate, UserError } from '../common';
import { MANIFEST_SCHEMA } from '../rules';
import { validateManifest } from './manifest-schema';

export const RENDERED_DIR = 'dist/rendered';
export const EXTERNAL_SECRET_TEMPLATE = 'render/external-secret.yaml.hbs';

export interface RenderedFile {
  /** Posix path relative to the workspace root. */
  path: string;
  content: string;
}

/** Runs `helm ARGS` in `cwd`; returns its stdout or throws with its stderr. */
export type HelmRunner = (args: string[], cwd: string) => string;

export interface RenderResult {
  files: RenderedFile[];
  findings: Finding[];
  /** Things the user should know once, e.g. that helm is not installed. */
  notes: string[];
}

/**
 * What `render` writes for an app, per env (and per additional cluster): the effective values,
 * the Argo CD Application, the ExternalSecret its values call for, its SealedSecret, and with a
 * chart and helm on PATH the chart's manifests. Computed only; `writeRendered` writes it.
 */
export function renderApp(ws: Workspace, appName: string, opts: { envs?: string[]; helm?: HelmRunner | null } = {}): RenderResult {
  const app = getApp(ws, appName);
  const helm = opts.helm === undefined ? helmOnPath() : opts.helm;
  const chart = existsSync(join(ws.root, app.dir, 'Chart.yaml'));
  const out: RenderResult = { files: [], findings: [], notes: [] };
  if (chart && !helm) out.notes.push('helm is not on PATH: the charts\' own manifests are not rendered (install helm to add them)');
  for (const envName of opts.envs ?? ws.config.environments.map((e) => e.name)) {
    const env = getEnv(ws, envName);
    for (const cluster of clusterTargets(ws, app.dir, env.name)) {
      const dir = `${RENDERED_DIR}/${app.name}/${env.name}${cluster ? `/${cluster}` : ''}`;
      const ctx = { app: app.name, env: env.name };
      try {
        const res = resolveValues(ws, app.name, env.name, { cluster });
        const add = (name: string, content: string) => out.files.push({ path: `${dir}/${name}`, content });
        add('values.yaml', effectiveValues(res));
        add('application.yaml', checked(out.findings, argoApplication(ws, app, env.name, cluster), fixedAt(`templates/${APPLICATION_TEMPLATE}`), ctx));
        const es = res.values.externalSecrets;
        if (isMap(es) && es.enabled === true) {
          const at = res.originOf(['externalSecrets', 'enabled']);
          const store = isMap(es.secretStoreRef) ? es.secretStoreRef : {};
          const text = renderTemplate(ws.root, EXTERNAL_SECRET_TEMPLATE, {
            app: app.name,
            env: env.name,
            name: `${app.name}-secrets`,
            namespace: env.namespace,
            refreshInterval: typeof es.refreshInterval === 'string' ? es.refreshInterval : '1h',
            storeName: store.name ?? env.secretStore?.name ?? null,
            storeKind: store.kind ?? env.secretStore?.kind ?? 'ClusterSecretStore',
            // every field present (null when unset), so a gap shows as a schema finding, not a template error
            data: (Array.isArray(es.data) ? es.data : []).map((d) => {
              const entry = isMap(d) ? d : {};
              const ref = isMap(entry.remoteRef) ? entry.remoteRef : {};
              return { secretKey: entry.secretKey ?? null, remoteRef: { key: ref.key ?? null, property: ref.property ?? null } };
            }),
          });
          const template = `templates/${EXTERNAL_SECRET_TEMPLATE}`;
          const locate = (pointer: string): Position => {
            // The template copies spec.X from externalSecrets.X: the deepest value that exists fed it.
            const path = valuesPathOf(pointer);
            for (let n = path.length; n > 1; n--) {
              const o = res.originOf(path.slice(0, n));
              if (o) return o;
            }
            return at ?? { file: template, line: 0, column: 0 };
          };
          add('external-secret.yaml', checked(out.findings, text, locate, ctx, template));
        }
        // A SOPS env's secrets are decrypted in the cluster (helm-secrets, KSOPS): nothing to render here.
        const sealed = `${app.dir}/secrets/sealed-secrets-${env.name}.yaml`;
        if (env.secrets !== 'sops' && existsSync(join(ws.root, sealed))) {
          add('sealed-secret.yaml', checked(out.findings, normalizedSealedSecret(readFileSync(join(ws.root, sealed), 'utf8'), sealed), fixedAt(sealed), ctx));
        }
        if (chart && helm) {
          const files = layers(ws, app, env.name, cluster).filter((l) => l.exists).flatMap((l) => ['-f', l.valueFile]);
          add('manifests.yaml', helmTemplate(helm, ['template', app.name, '.', '--namespace', env.namespace, ...files], join(ws.root, app.dir), `${app.dir}/Chart.yaml`));
        }
      } catch (e) {
        if (!isUserError(e)) throw e;
        out.findings.push(findingFromError(e, ctx));
      }
    }
  }
  return out;
}

/** The merged values as Helm would see them, with the layers they came from. Same input, same bytes. */
function effectiveValues(res: AppResolution): string {
  const header = `# Effective values of ${res.app} in ${res.env}${res.cluster ? ` on ${res.cluster}` : ''}: ${res.files.map((f) => f.file.split('/').pop()).join(' + ')}\n# Written by gitops render; edit the layers, not this file.\n`;
  return header + stringify(res.values, { version: '1.1', lineWidth: 0 });
}

const fixedAt = (file: string) => (): Position => ({ file, line: 0, column: 0 });

/** The externalSecrets value behind a field of the rendered ExternalSecret, e.g. /spec/data/0/remoteRef/key. */
function valuesPathOf(pointer: string): (string | number)[] {
  const parts = pointer.split('/').slice(1).map((p) => (/^\d+$/.test(p) ? Number(p) : p.replace(/~1/g, '/').replace(/~0/g, '~')));
  return parts[0] === 'spec' ? ['externalSecrets', ...parts.slice(1)] : ['externalSecrets', 'enabled'];
}

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

/** helm's own failure (a bad chart, a template error) is the user's to fix: located at the chart. */
function helmTemplate(helm: HelmRunner, args: string[], cwd: string, chart: string): string {
  try {
    return helm(args, cwd);
  } catch (e) {
    throw new UserError((e as Error).message, { file: chart, hint: `Run helm ${args.join(' ')} in ${cwd} to see the whole error.` });
  }
}

/** `helm` from PATH, or null when it is not installed. */
export function helmOnPath(env: NodeJS.ProcessEnv = process.env): HelmRunner | null {
  const bin = (env.PATH ?? '').split(delimiter).map((d) => join(d, 'helm')).find((p) => {
    try {
      accessSync(p, constants.X_OK);
      return true;
    } catch {
      return false;
    }
  });
  if (!bin) return null;
  return (args, cwd) => {
    const r = spawnSync(bin, args, { cwd, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
    if (r.status !== 0) throw new Error(`helm ${args.slice(0, 3).join(' ')} failed: ${(r.stderr || r.error?.message || '').trim()}`);
    return r.stdout;
  };
}
