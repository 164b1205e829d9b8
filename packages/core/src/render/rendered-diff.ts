import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { stringify } from 'yaml';
import { REDACTED } from '../checks';
import { isMap, UserError, type Value } from '../common';
import { CONFIG_FILE } from '../config';
import { appInputs, clusterTargets, getApp, getEnv, isAppInput, type Workspace } from '../workspace';
import { splitManifests, type RenderedDoc } from './chart-manifests';
import { helmRelease, redactedManifest } from './chart-render';
import type { HelmRunner } from './helm-process';

/** How one manifest changes between two renders, as a unified diff of its YAML (secrets redacted). */
export interface ManifestChange {
  /** `Kind name` (and namespace), or for two envs `Kind from template`. */
  id: string;
  change: 'added' | 'removed' | 'changed';
  patch: string;
}

/** What one release renders to, or why it could not be rendered. */
async function renderRelease(ws: Workspace, app: string, env: string, cluster: string | undefined, helm: HelmRunner): Promise<RenderedDoc[]> {
  const a = getApp(ws, app);
  const release = helmRelease(ws, a, env, cluster);
  try {
    return splitManifests(await helm(release.args, `${ws.root}/${a.dir}`));
  } catch (e) {
    throw new UserError((e as Error).message.replace(/\s*\n\s*/g, ' '), { file: `${a.dir}/Chart.yaml`, hint: `Run helm ${release.args.join(' ')} in ${a.dir} to see the whole error.` });
  }
}

/**
 * Pair manifests and diff each pair. Within one env (a change to the repository) a manifest is
 * the same when its namespace, kind and name are, as `helm diff` pairs them; between two envs
 * names carry the release (APP-ENV), so they pair by kind and template, in render order.
 */
export function diffManifests(from: RenderedDoc[], to: RenderedDoc[], pairBy: 'identity' | 'template'): ManifestChange[] {
  const keyed = (docs: RenderedDoc[]) => {
    const seen = new Map<string, number>();
    return new Map(
      docs.map((d) => {
        const meta = isMap(d.data.metadata) ? d.data.metadata : {};
        const base = pairBy === 'identity' ? `${String(d.data.kind)} ${meta.namespace ? `${String(meta.namespace)}/` : ''}${String(meta.name)}` : `${String(d.data.kind)} from ${d.source ?? '?'}`;
        const n = (seen.get(base) ?? 0) + 1;
        seen.set(base, n);
        return [n > 1 ? `${base} #${n}` : base, d] as const;
      }),
    );
  };
  const a = keyed(from);
  const b = keyed(to);
  const text = (v?: Value) => (v === undefined ? '' : stringify(v, { version: '1.1', lineWidth: 0 }));
  const out: ManifestChange[] = [];
  for (const id of [...new Set([...a.keys(), ...b.keys()])]) {
    const before = a.get(id)?.data;
    const after = b.get(id)?.data;
    const x = text(before && redactedManifest(before));
    const y = text(after && (before ? changedSecrets(before, after, redactedManifest(after)) : redactedManifest(after)));
    if (x === y) continue;
    const change = !a.has(id) ? 'added' : !b.has(id) ? 'removed' : 'changed';
    // Loaded here: only diffs need it, and every command would otherwise pay for loading it.
    const { createTwoFilesPatch } = require('diff') as typeof import('diff');
    const hunks = createTwoFilesPatch(id, id, x, y, '', '', { context: 3 }).split('\n').slice(4).join('\n');
    const patch = `--- ${change === 'added' ? '(none)' : id}\n+++ ${change === 'removed' ? '(none)' : id}\n${hunks}`;
    out.push({ id, change, patch });
  }
  return out;
}

/** A secret whose value changed shows as changed, never what it was or became (as helm diff marks it). */
function changedSecrets(before: Value | undefined, after: Value, shown: Value): Value {
  if (shown === REDACTED) return JSON.stringify(before) === JSON.stringify(after) ? shown : `${REDACTED} (changed)`;
  if (Array.isArray(shown) && Array.isArray(after)) return shown.map((v, i) => changedSecrets(Array.isArray(before) ? before[i] : undefined, after[i], v));
  if (isMap(shown) && isMap(after)) return Object.fromEntries(Object.entries(shown).map(([k, v]) => [k, changedSecrets(isMap(before) ? before[k] : undefined, after[k], v)]));
  return shown;
}

/** One app in one env (and cluster): what changes there. */
export interface ReleaseDiff {
  app: string;
  /** `ENV`, `ENV/CLUSTER`, or `FROM -> TO`. */
  target: string;
  changes: ManifestChange[];
}

/** How the rendered manifests of an app differ between two envs. */
export async function renderedEnvDiff(ws: Workspace, app: string, from: string, to: string, helm: HelmRunner): Promise<ReleaseDiff> {
  getEnv(ws, from);
  getEnv(ws, to);
  const dir = getApp(ws, app).dir;
  if (!existsSync(join(ws.root, dir, 'Chart.yaml'))) throw new UserError(`${app} is not a chart (no Chart.yaml in ${dir}): it renders no manifests to compare`, { file: dir, hint: `gitops diff ${app} ${from} ${to} (without --rendered) compares its effective values.` });
  const [a, b] = await Promise.all([renderRelease(ws, app, from, undefined, helm), renderRelease(ws, app, to, undefined, helm)]);
  return { app, target: `${from} -> ${to}`, changes: diffManifests(a, b, 'template') };
}

/**
 * What a change does to the manifests of each app it touches, env by env: `base` is the
 * workspace before the change (the base ref's files), `head` after. An app or env that exists
 * on one side only renders as all added or all removed.
 */
export async function renderedChangeDiff(base: Workspace | undefined, head: Workspace, apps: string[], helm: HelmRunner): Promise<{ diffs: ReleaseDiff[]; notCharts: string[] }> {
  const chart = (ws: Workspace | undefined, app: string) => {
    const a = ws?.apps.find((x) => x.name === app);
    return a !== undefined && ws !== undefined && existsSync(join(ws.root, a.dir, 'Chart.yaml'));
  };
  const notCharts = apps.filter((app) => !chart(head, app) && !chart(base, app));
  const jobs = apps.flatMap((app) => {
    const inHead = chart(head, app);
    const inBase = chart(base, app);
    const envs = [...new Set([...(inHead ? head.config.environments : []), ...(inBase && base ? base.config.environments : [])].map((e) => e.name))];
    return envs.flatMap((env) => {
      const has = (ws: Workspace | undefined, present: boolean) => present && ws !== undefined && ws.config.environments.some((e) => e.name === env);
      const headTargets = has(head, inHead) ? clusterTargets(head, getApp(head, app).dir, env) : [];
      const baseTargets = base && has(base, inBase) ? clusterTargets(base, getApp(base, app).dir, env) : [];
      return [...new Set([...headTargets, ...baseTargets])].map((cluster) => ({ app, env, cluster, inBase: baseTargets.includes(cluster), inHead: headTargets.includes(cluster) }));
    });
  });
  const results = await Promise.all(
    jobs.map(async (j) => {
      const [a, b] = await Promise.all([j.inBase && base ? renderRelease(base, j.app, j.env, j.cluster, helm) : [], j.inHead ? renderRelease(head, j.app, j.env, j.cluster, helm) : []]);
      return { app: j.app, target: j.cluster ? `${j.env}/${j.cluster}` : j.env, changes: diffManifests(a, b, 'identity') };
    }),
  );
  return { diffs: results.filter((r) => r.changes.length > 0), notCharts };
}

/**
 * The apps a change to these files (paths relative to the workspace root) can render
 * differently: an app one of whose inputs changed (its Applications, chart, values files; see
 * appInputs), before or after the change; every app when gitops.yaml changed.
 */
export function affectedApps(ws: Workspace, changed: string[], base?: Workspace): string[] {
  const all = [...new Set([...ws.apps, ...(base?.apps ?? [])].map((a) => a.name))].sort();
  if (changed.includes(CONFIG_FILE)) return all;
  const reaches = (w: Workspace | undefined, name: string) => {
    const app = w?.apps.find((a) => a.name === name);
    if (!w || !app) return false;
    const inputs = appInputs(w, app);
    return changed.some((f) => isAppInput(inputs, f));
  };
  return all.filter((name) => reaches(ws, name) || reaches(base, name));
}

/** The diffs for people: a unified diff per manifest; markdown wraps each release in a collapsible diff block for a PR comment or step summary. */
export function formatRenderedDiff(diffs: ReleaseDiff[], format: 'text' | 'markdown', empty: string): string {
  if (diffs.length === 0) return `${empty}\n`;
  const count = (d: ReleaseDiff) => {
    const n = (c: ManifestChange['change']) => d.changes.filter((x) => x.change === c).length;
    return `${n('changed')} changed, ${n('added')} added, ${n('removed')} removed`;
  };
  if (format === 'text') return diffs.map((d) => `${d.app} ${d.target}: ${count(d)}\n${d.changes.map((c) => c.patch).join('')}`).join('\n');
  // a fence longer than any run of backticks inside, so a manifest cannot close it
  const fence = '`'.repeat(Math.max(3, ...diffs.flatMap((d) => d.changes.map((c) => Math.max(0, ...(c.patch.match(/`+/g) ?? []).map((m) => m.length + 1))))));
  return `${diffs.map((d) => `<details><summary><b>${d.app}</b> ${d.target}: ${count(d)}</summary>\n\n${fence}diff\n${d.changes.map((c) => c.patch).join('')}${fence}\n\n</details>\n`).join('\n')}`;
}
