// What a real helm computes as .Values for many value cases at once: one parent chart whose
// subcharts c0..cN each print their own .Values. A subchart's values.yaml is the case's chart
// defaults and its user values are the parent's key cN, so each case is coalesced at its own
// top level exactly as a chart of its own would be.
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative, resolve } from 'node:path';
import { parseAllDocuments } from 'yaml';
import type { ValuesCase } from './values-cases';

/**
 * Where helm's answers are kept by the hash of everything helm reads (its version, the chart's
 * files, the values files and arguments), when set: vitest.mutation.mts sets it, so that a
 * mutant re-runs the comparison with real helm's answer to exactly the same input without
 * starting helm again. `npm test` leaves it unset and asks helm every time.
 */
export const HELM_ORACLE_CACHE = 'HELM_ORACLE_CACHE';

/** The version in a provisioned helm's path (tools/helm/cache/helm-v3.17.3/...), else the path. */
export function helmIdentity(bin: string): string {
  return /helm-v\d+\.\d+\.\d+/.exec(bin)?.[0] ?? bin;
}

function cacheFile(input: unknown): string | undefined {
  const dir = process.env[HELM_ORACLE_CACHE];
  if (!dir) return undefined;
  return join(dir, `${createHash('sha256').update(JSON.stringify(input)).digest('hex')}.json`);
}

/** helm's answer to `input`: the kept one, or `ask()`'s, kept for the next time. */
function oracle<T>(input: unknown, ask: () => T): T {
  const file = cacheFile(input);
  if (file && existsSync(file)) return JSON.parse(readFileSync(file, 'utf8')) as T;
  const answer = ask();
  if (file) keep(file, answer);
  return answer;
}

/** helm's answer to `input` (all that helm reads, as data): the kept one, or `ask()`'s. */
export async function oracleAsync<T>(input: unknown, ask: () => Promise<T>): Promise<T> {
  const file = cacheFile(input);
  if (file && existsSync(file)) return JSON.parse(readFileSync(file, 'utf8')) as T;
  const answer = await ask();
  if (file) keep(file, answer);
  return answer;
}

function keep(file: string, answer: unknown): void {
  mkdirSync(join(file, '..'), { recursive: true });
  const tmp = `${file}.${process.pid}.tmp`;
  writeFileSync(tmp, JSON.stringify(answer));
  renameSync(tmp, file);
}

/** Every file under `dir` with its text, in a stable order. */
export function tree(dir: string): [string, string][] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .sort()
    .flatMap((f) => (statSync(join(dir, f)).isFile() ? [[f, readFileSync(join(dir, f), 'utf8')] as [string, string]] : []));
}

/**
 * The values a real `helm template` computes for a chart with these arguments (-f, --set...):
 * the chart is copied with one template that prints `.Values` as JSON, so what is compared is
 * exactly the values Helm hands the chart's templates.
 */
export function helmTemplateValues(helm: string, chartDir: string, args: string[], cwd: string): unknown {
  // an argument that names a file stands for its text, wherever the test made it
  const read = args.map((a) => {
    const p = resolve(cwd, a);
    return existsSync(p) && statSync(p).isFile() ? { file: relative(chartDir, p), text: readFileSync(p, 'utf8') } : a;
  });
  return oracle(['template', helmIdentity(helm), tree(chartDir), read], () => askTemplateValues(helm, chartDir, args, cwd));
}

function askTemplateValues(helm: string, chartDir: string, args: string[], cwd: string): unknown {
  const tmp = mkdtempSync(join(tmpdir(), 'hvm-helm-values-'));
  try {
    const chart = join(tmp, 'chart');
    cpSync(chartDir, chart, { recursive: true });
    rmSync(join(chart, 'templates'), { recursive: true, force: true });
    mkdirSync(join(chart, 'templates'));
    writeFileSync(join(chart, 'templates', 'values.yaml'), 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: values\ndata:\n  values: {{ toJson .Values | quote }}\n');
    const out = execFileSync(helm, ['template', 'release', chart, ...args], { cwd, encoding: 'utf8', env: { ...process.env, HELM_CACHE_HOME: join(tmp, 'cache'), HELM_CONFIG_HOME: join(tmp, 'config'), HELM_DATA_HOME: join(tmp, 'data') } });
    const cm = parseAllDocuments(out).map((d) => d.toJS()).find((d) => d?.kind === 'ConfigMap' && d.metadata?.name === 'values');
    return JSON.parse(cm.data.values);
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
}

/** A chart whose one template, templates/values.txt, prints its .Values as JSON; `values` is its values.yaml. */
export function valuesChart(values: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'hvm-values-chart-'));
  mkdirSync(join(dir, 'templates'));
  writeFileSync(join(dir, 'Chart.yaml'), 'apiVersion: v2\nname: values\nversion: 0.1.0\n');
  writeFileSync(join(dir, 'templates', 'values.txt'), '{{ toJson .Values }}\n');
  writeFileSync(join(dir, 'values.yaml'), values);
  return dir;
}

/** What a real helm puts in .Values for a chart whose values.yaml is this text. */
export function helmValuesOfText(helm: string, values: string): unknown {
  return oracle(['text', helmIdentity(helm), values], () => askValuesOfText(helm, values));
}

function askValuesOfText(helm: string, values: string): unknown {
  const out = execFileSync(helm, ['template', 'r', valuesChart(values), '--show-only', 'templates/values.txt'], { encoding: 'utf8' });
  return JSON.parse(out.slice(out.indexOf('{')));
}

/**
 * The warnings a real helm prints while it coalesces a chart named `values` with this values.yaml
 * and one -f file (Helm 3 logs them, Helm 4 as slog messages; both in no fixed order: sorted).
 */
export function helmCoalesceWarnings(helm: string, values: string, user: string): string[] {
  return oracle(['warnings', helmIdentity(helm), values, user], () => {
    const chart = valuesChart(values);
    try {
      writeFileSync(join(chart, 'user.yaml'), user);
      const r = spawnSync(helm, ['template', 'r', chart, '-f', join(chart, 'user.yaml')], { encoding: 'utf8' });
      if (r.status !== 0) throw new Error(r.stderr);
      return r.stderr.split('\n').flatMap((l) => /(warning: .*?)"?$/.exec(l)?.[1] ?? []).sort();
    } finally {
      rmSync(chart, { recursive: true, force: true });
    }
  });
}

/** What a real helm renders an umbrella chart with for one -f file: .Values, and its coalesce warnings (each once, sorted). */
export function helmChartValues(helm: string, chartDir: string, user: string): { values: unknown; warnings: string[] } {
  return oracle(['umbrella', helmIdentity(helm), tree(chartDir), user], () => {
    const tmp = mkdtempSync(join(tmpdir(), 'hvm-umbrella-'));
    try {
      const chart = join(tmp, 'chart');
      cpSync(chartDir, chart, { recursive: true });
      mkdirSync(join(chart, 'templates'), { recursive: true });
      writeFileSync(join(chart, 'templates', 'values.txt'), '{{ toJson .Values }}\n');
      writeFileSync(join(tmp, 'user.yaml'), user);
      const r = spawnSync(helm, ['template', 'r', chart, '-f', join(tmp, 'user.yaml'), '--show-only', 'templates/values.txt'], { encoding: 'utf8' });
      if (r.status !== 0) throw new Error(r.stderr);
      const warnings = [...new Set(r.stderr.split('\n').flatMap((l) => /(warning: .*?)"?$/.exec(l)?.[1] ?? []))].sort();
      return { values: JSON.parse(r.stdout.slice(r.stdout.indexOf('{'))), warnings };
    } finally {
      rmSync(tmp, { recursive: true, force: true });
    }
  });
}

export type HelmOutcome = { ok: true; values: unknown } | { ok: false; error: string };

/** What a real helm makes of one `--set`-style flag on a chart without values: its .Values, or its error. */
export function helmSetOutcome(helm: string, kind: string, expression: string): HelmOutcome {
  return oracle(['set', helmIdentity(helm), kind, expression], (): HelmOutcome => {
    const chart = valuesChart('');
    try {
      const out = execFileSync(helm, ['template', 'r', chart, '--show-only', 'templates/values.txt', `--${kind}`, expression], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
      return { ok: true, values: JSON.parse(out.slice(out.indexOf('{'))) };
    } catch (e) {
      return { ok: false, error: String((e as { stderr?: string }).stderr ?? e).trim() };
    } finally {
      rmSync(chart, { recursive: true, force: true });
    }
  });
}

function run(bin: string, args: string[], cwd: string): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const p = spawn(bin, args, { cwd });
    let stdout = '';
    let stderr = '';
    p.stdout.on('data', (d) => (stdout += d));
    p.stderr.on('data', (d) => (stderr += d));
    p.on('error', reject);
    p.on('close', (code) => resolve({ code: code ?? 1, stdout, stderr }));
  });
}

const indent = (text: string) =>
  text
    .split('\n')
    .filter((l) => l !== '')
    .map((l) => `  ${l}`)
    .join('\n');

function renderBatch(bin: string, cases: ValuesCase[]): Promise<HelmOutcome[] | { error: string }> {
  return oracleAsync(['batch', helmIdentity(bin), cases], () => askBatch(bin, cases));
}

async function askBatch(bin: string, cases: ValuesCase[]): Promise<HelmOutcome[] | { error: string }> {
  const dir = mkdtempSync(join(tmpdir(), 'hvm-helm-values-'));
  try {
    writeFileSync(join(dir, 'Chart.yaml'), 'apiVersion: v2\nname: parent\nversion: 0.1.0\n');
    mkdirSync(join(dir, 'templates'));
    const depth = Math.max(...cases.map((c) => c.layers.length));
    const files = Array.from({ length: depth }, () => [] as string[]);
    const args = ['template', 'r', '.'];
    cases.forEach((c, i) => {
      const sub = join(dir, 'charts', `c${i}`);
      mkdirSync(join(sub, 'templates'), { recursive: true });
      writeFileSync(join(sub, 'Chart.yaml'), `apiVersion: v2\nname: c${i}\nversion: 0.1.0\n`);
      writeFileSync(join(sub, 'values.yaml'), c.layers[0]);
      writeFileSync(join(sub, 'templates', 'values.txt'), '{{ toJson (omit .Values "global") }}\n');
      c.layers.forEach((text, k) => files[k].push(indent(text) ? `c${i}:\n${indent(text)}` : `c${i}: {}`));
    });
    files.forEach((f, k) => {
      writeFileSync(join(dir, `layer${k}.yaml`), `${f.join('\n')}\n`);
      args.push('-f', `layer${k}.yaml`);
    });
    cases.forEach((c, i) => c.sets.forEach((s) => args.push(`--${s.kind}`, `c${i}.${s.expression}`)));
    const r = await run(bin, args, dir);
    if (r.code !== 0) return { error: r.stderr.trim() };
    const out: HelmOutcome[] = [];
    for (const doc of r.stdout.split(/^---$/m)) {
      const m = /# Source: parent\/charts\/c(\d+)\/templates\/values\.txt\n(.*)/.exec(doc);
      if (m) out[Number(m[1])] = { ok: true, values: JSON.parse(m[2]) };
    }
    return out;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * helm's .Values for every case, `batch` cases per helm process and `parallel` processes at a
 * time. Cases in `alone` (those expected to fail) run one per process; a batch that helm
 * refuses anyway is split until each case has its own verdict.
 */
export async function helmValues(bin: string, cases: ValuesCase[], { batch = 50, parallel = 2, alone = new Set<number>() } = {}): Promise<HelmOutcome[]> {
  const results: HelmOutcome[] = new Array(cases.length);
  const together = cases.map((_, i) => i).filter((i) => !alone.has(i));
  const chunks: number[][] = [...alone].map((i) => [i]);
  for (let i = 0; i < together.length; i += batch) chunks.push(together.slice(i, i + batch));
  const work = async (idx: number[]): Promise<void> => {
    const r = await renderBatch(bin, idx.map((i) => cases[i]));
    if (!('error' in r)) {
      idx.forEach((i, j) => (results[i] = r[j]));
    } else if (idx.length === 1) {
      results[idx[0]] = { ok: false, error: r.error };
    } else {
      // split, so that one refused case does not hide the verdicts of the others
      const half = Math.ceil(idx.length / 2);
      await work(idx.slice(0, half));
      await work(idx.slice(half));
    }
  };
  const queue = [...chunks];
  await Promise.all(
    Array.from({ length: parallel }, async () => {
      for (let c = queue.shift(); c; c = queue.shift()) await work(c);
    }),
  );
  return results;
}
