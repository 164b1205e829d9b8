// One command for every performance figure, side by side with the peers users would run:
//   npm run bench [-- --apps 500 --envs 4 --runs 3]    (--apps 50,500,2000: a table per size; --only REGEX: only those rows)
// Prints a table (median seconds, ratio to the floor, peak memory) and writes it as JSON
// to dist/bench/bench-<apps>x<envs>.json.
import { execFileSync, spawnSync } from 'node:child_process';
import { copyFileSync, cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, appendFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { loadWorkspace, resolveValues } from '@helm-values-manager/core';
import { helmCachePath } from '../helm/provision';
import { helmBinary } from '../test/helm';
import { measure, median, runOnce } from './measure';
import { synthesize } from './synth';

const REPO_ROOT = resolve(__dirname, '../..');
const NX = join(REPO_ROOT, 'node_modules/.bin/nx');
const GITOPS = join(REPO_ROOT, 'packages/cli/bin/gitops.js');
const NX_ENV = { NX_DAEMON: 'false', NX_NO_CLOUD: 'true', NX_TUI: 'false', FORCE_COLOR: '0' };

interface Row {
  name: string;
  seconds?: number;
  maxRssMiB?: number;
  note: string;
}

function workspace(scratch: string, apps: number, envs: number): string {
  const root = mkdtempSync(join(scratch, `${apps}x${envs}-`));
  synthesize({ root, apps, envs });
  const git = (...args: string[]) => execFileSync('git', args, { cwd: root, stdio: 'ignore' });
  git('init', '-q', '-b', 'main');
  git('add', '-A');
  git('-c', 'user.name=bench', '-c', 'user.email=bench@example.com', 'commit', '-q', '-m', 'synthetic workspace');
  return root;
}

/** A fresh copy of the workspace for a run that changes it, in place of the previous run's copy. */
function freshCopy(ws: string, previous: string, prefix: string): string {
  if (previous) rmSync(previous, { recursive: true, force: true });
  const copy = mkdtempSync(join(dirname(ws), prefix));
  execFileSync('cp', ['-a', `${ws}/.`, copy]);
  return copy;
}

/**
 * A copy of the workspace whose every app is a chart: the test chart that passes every hardening
 * value through (packages/core/src/test-support/charts/honours), which the synthetic values fit.
 */
function chartCopy(ws: string): string {
  const copy = freshCopy(ws, '', 'charts-');
  for (const app of readdirSync(join(copy, 'deployment/helm'))) {
    cpSync(join(REPO_ROOT, 'packages/core/src/test-support/charts/honours/templates'), join(copy, 'deployment/helm', app, 'templates'), { recursive: true });
    writeFileSync(join(copy, 'deployment/helm', app, 'Chart.yaml'), `apiVersion: v2\nname: ${app}\nversion: 0.1.0\n`);
  }
  return copy;
}

/** How long the tasks of an Nx run took, as Nx reports it ("Run duration"): what the goal for `nx affected` adds Nx's own time to. */
function taskTime(stdout: string): string {
  const m = /Run duration:\s+([\d.]+)(ms|s)\b/.exec(stdout);
  return m ? `, in ${(Number(m[1]) / (m[2] === 'ms' ? 1000 : 1)).toFixed(2)} s by Nx's "Run duration"` : '';
}

const has = (cmd: string, args: string[]) => spawnSync(cmd, args, { stdio: 'ignore' }).status === 0;

function main(): void {
  // Every workspace, copy and file of the run lives here and goes when the run ends.
  const scratch = mkdtempSync(join(tmpdir(), 'hvm-bench-'));
  try {
    const { values } = parseArgs({ options: { apps: { type: 'string', default: '500' }, envs: { type: 'string', default: '4' }, runs: { type: 'string', default: '3' }, subset: { type: 'string', default: '50' }, only: { type: 'string' } } });
    // --apps 50,500,2000: one table per size, the way docs/benchmarks.md shows how it grows.
    for (const apps of values.apps.split(',').map(Number)) bench(scratch, { apps, envs: Number(values.envs), runs: Number(values.runs), subset: Number(values.subset), only: values.only });
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}

function bench(scratch: string, opts: { apps: number; envs: number; runs: number; subset: number; only?: string }): void {
  const { apps, envs, runs } = opts;
  const subset = Math.min(opts.subset, apps);
  process.stderr.write(`synthesizing ${apps} apps x ${envs} envs...\n`);
  const ws = workspace(scratch, apps, envs);
  const valuesFiles = readdirSync(join(ws, 'deployment/helm')).flatMap((a) => readdirSync(join(ws, 'deployment/helm', a)).filter((f) => f.endsWith('.yaml')).map((f) => `deployment/helm/${a}/${f}`));
  const rows: Row[] = [];
  // --only REGEX measures the rows whose name matches (e.g. --only 'helm|render'), the first row, the floor, always
  const only = opts.only === undefined ? undefined : new RegExp(opts.only);
  const row = (name: string, note: string, fn: () => { seconds: number; maxRssMiB?: number; note?: string }) => {
    if (only && rows.length > 0 && !only.test(name)) return;
    process.stderr.write(`  ${name}...\n`);
    try {
      const r = fn();
      rows.push({ name, seconds: r.seconds, maxRssMiB: r.maxRssMiB, note: r.note ?? note });
    } catch (e) {
      rows.push({ name, note: `failed: ${(e as Error).message.split('\n')[0]}` });
    }
  };
  const nx = (args: string[], env: Record<string, string> = {}) => () => runOnce(process.execPath, [NX, ...args, '--output-style=static'], { cwd: ws, env: { ...NX_ENV, ...env } });

  row('floor: read, parse (js-yaml), merge, ajv-validate every layer; nothing else', 'tools/bench/floor.js', () =>
    measure(runs, () => runOnce(process.execPath, [join(__dirname, 'floor.js'), ws], { cwd: REPO_ROOT })),
  );
  row('core engine: the same work through gitops core (positions, provenance)', 'tools/bench/core-engine.js', () =>
    measure(runs, () => runOnce(process.execPath, [join(__dirname, 'core-engine.js'), ws], { cwd: REPO_ROOT })),
  );
  row('gitops validate, every app and check, no Nx', '', () => measure(runs, () => runOnce(process.execPath, [GITOPS, 'validate'], { cwd: ws }), { okCodes: [0, 1] }));
  row('nx run-many -t validate, cold, batch mode', 'every check: schema, policy, secrets, Argo CD consistency', () => measure(runs, nx(['run-many', '-t', 'validate', '--skip-nx-cache'])));
  row(`nx run-many -t validate, cold, one process per task (${subset} apps, scaled to ${apps})`, '', () => {
    const small = workspace(scratch, subset, envs);
    const r = measure(Math.min(runs, 2), () => runOnce(process.execPath, [NX, 'run-many', '-t', 'validate', '--skip-nx-cache', '--output-style=static'], { cwd: small, env: { ...NX_ENV, NX_BATCH_MODE: 'false' } }));
    return { seconds: (r.seconds * apps) / subset, maxRssMiB: r.maxRssMiB, note: `${r.seconds.toFixed(2)} s for ${subset} tasks, ${((r.seconds / subset) * 1000).toFixed(0)} ms per task` };
  });
  nx(['run-many', '-t', 'validate'])();
  row('nx run-many -t validate, fully cached', '', () => measure(runs, nx(['run-many', '-t', 'validate'])));
  const touched = `${valuesFiles.find((f) => f.endsWith('values-staging.yaml'))}`;
  row('nx affected -t validate after touching one overlay', '', () => {
    const r = measure(runs, nx(['affected', '-t', 'validate', '--base=HEAD']), {
      // a different edit each run: the same one again would be replayed from the cache
      before: (run) => {
        execFileSync('git', ['checkout', '-q', '--', touched], { cwd: ws });
        appendFileSync(join(ws, touched), `# reviewed ${run}\n`);
      },
    });
    execFileSync('git', ['checkout', '-q', '--', touched], { cwd: ws });
    const tasks = new Set(r.last.stdout.match(/nx run \S+:validate/g) ?? []);
    return { ...r, note: `${tasks.size} task${tasks.size === 1 ? '' : 's'} ran (${touched.split('/')[2]})${taskTime(r.last.stdout)}` };
  });
  // What developers run locally: the daemon keeps the project graph and file hashes between commands.
  const daemon = { NX_DAEMON: 'true' };
  try {
    nx(['run-many', '-t', 'validate'], daemon)();
    row('nx run-many -t validate, fully cached, NX_DAEMON=true', 'the daemon started by a first run', () => measure(runs, nx(['run-many', '-t', 'validate'], daemon)));
    row('nx affected -t validate after touching one overlay, NX_DAEMON=true', '', () => {
      const r = measure(runs, nx(['affected', '-t', 'validate', '--base=HEAD'], daemon), {
        before: (run) => {
          execFileSync('git', ['checkout', '-q', '--', touched], { cwd: ws });
          appendFileSync(join(ws, touched), `# reviewed again ${run}\n`);
        },
      });
      execFileSync('git', ['checkout', '-q', '--', touched], { cwd: ws });
      const tasks = new Set(r.last.stdout.match(/nx run \S+:validate/g) ?? []);
      return { ...r, note: `${tasks.size} task${tasks.size === 1 ? '' : 's'} ran${taskTime(r.last.stdout)}` };
    });
  } finally {
    spawnSync(process.execPath, [NX, 'daemon', '--stop'], { cwd: ws, env: { ...process.env, ...NX_ENV, ...daemon }, stdio: 'ignore' });
  }
  row('nx g env --name=bench over every app', 'on a fresh copy each run', () => {
    let copy = '';
    return measure(runs, () => runOnce(process.execPath, [NX, 'g', 'env', '--name=bench'], { cwd: copy, env: NX_ENV }), {
      before: () => {
        copy = freshCopy(ws, copy, 'gen-');
      },
    });
  });
  const [from, to] = loadWorkspace(ws).config.environments.map((e) => e.name).slice(-2);
  row(`gitops promote --from ${from} --to ${to} --dry-run over every app`, '', () => {
    if (!/\bpromote\b/.test(runOnce(process.execPath, [GITOPS, '--help'], { cwd: ws }).stdout)) throw new Error('gitops promote is not available in this version');
    return measure(runs, () => runOnce(process.execPath, [GITOPS, 'promote', '--from', from, '--to', to, '--dry-run'], { cwd: ws }));
  });
  row(`gitops promote --from ${from} --to ${to} over every app: plan, validate the edits, write them`, 'on a fresh copy each run', () => {
    let copy = '';
    return measure(runs, () => runOnce(process.execPath, [GITOPS, 'promote', '--from', from, '--to', to], { cwd: copy }), {
      before: () => {
        copy = freshCopy(ws, copy, 'promote-');
      },
    });
  });
  row('gitops report --format html: plans, values with provenance and the page, beyond the validate it reuses', 'one process; tools/bench/status-page.ts', () => {
    const r = runOnce(process.execPath, ['-r', '@swc-node/register', join(__dirname, 'status-page.ts'), ws], { cwd: REPO_ROOT });
    if (r.code !== 0) throw new Error(r.stderr.trim().split('\n').pop());
    const m = JSON.parse(r.stdout) as { validate: number; report: number; reportCpu: number; bytes: number };
    return { seconds: m.report, maxRssMiB: r.maxRssMiB, note: `validate itself ${m.validate.toFixed(2)} s; ${m.reportCpu.toFixed(2)} CPU s; page ${(m.bytes / 1e6).toFixed(1)} MB` };
  });
  // render against plain helm template over the same inputs: what render costs beyond helm's own time
  const charts = chartCopy(ws);
  const helm = helmBinary(4);
  let helmAlone: number | undefined;
  row(`helm template alone: every app x env with render's arguments, ${cpus().length} at a time`, 'tools/bench/helm-alone.ts; helm 4, only the helm processes timed', () => {
    // the script times its helm processes itself: node's start and the workspace load are not helm's
    const outs = Array.from({ length: runs }, () => measure(1, () => runOnce(process.execPath, ['-r', '@swc-node/register', join(__dirname, 'helm-alone.ts'), charts, helm], { cwd: REPO_ROOT })).last.stdout.trim().split(' '));
    helmAlone = median(outs.map((o) => Number(o[1])));
    return { seconds: helmAlone, note: `${outs[0][0]} helm template runs; tools/bench/helm-alone.ts, helm 4` };
  });
  row('gitops render --helm: every app x env, manifests validated and checked, files written', 'the same charts, layers and helm', () => {
    const r = measure(runs, () => runOnce(process.execPath, [GITOPS, 'render', '--helm', helm], { cwd: charts }), { okCodes: [0, 1] });
    return { ...r, note: helmAlone ? `${(r.seconds / helmAlone).toFixed(2)}x helm template alone` : 'helm template alone failed' };
  });

  row('status page of 2000 apps x 4 envs in headless Chromium: navigation to interactive', 'tools/bench/page-interactive.ts; needs /usr/bin/chromium', () => {
    const r = runOnce(process.execPath, ['-r', '@swc-node/register', join(__dirname, 'page-interactive.ts'), '--apps', '2000', '--envs', '4'], { cwd: REPO_ROOT });
    if (r.code !== 0) throw new Error(r.stderr.trim().split('\n').pop());
    const m = JSON.parse(r.stdout) as { domInteractiveMs: number; readyMs: number; filterMs: number; bytes: number };
    return { seconds: m.readyMs / 1000, note: `DOM interactive ${m.domInteractiveMs} ms; a name filter over every row ${m.filterMs} ms; page ${(m.bytes / 1e6).toFixed(1)} MB` };
  });
  row(`peer: yamllint -d relaxed over ${valuesFiles.length} values files`, 'syntax and style only; no merge, no schema', () => {
    if (!has('yamllint', ['--version'])) throw new Error('not installed (apt-get install yamllint)');
    return measure(runs, () => runOnce('yamllint', ['-d', 'relaxed', ...valuesFiles], { cwd: ws }), { okCodes: [0, 1] });
  });
  row(`peer: helm lint, one process per app and env (${subset} apps, scaled to ${apps})`, 'helm 3 from tools/helm/cache: the schema and the templates of a chart per app', () => {
    const helm = helmCachePath(3);
    if (!existsSync(helm)) throw new Error(`not provisioned at ${helm} (npm ci)`);
    const charts = helmCharts(ws, scratch, subset);
    const envNames = loadWorkspace(ws).config.environments.map((e) => e.name);
    let seconds = 0;
    let maxRssMiB = 0;
    for (const { chart, dir } of charts) {
      for (const env of envNames) {
        const r = runOnce(helm, ['lint', chart, '-f', join(dir, `values-${env}.yaml`)], { cwd: ws });
        if (r.code !== 0) throw new Error(`helm lint ${dir} (${env}): ${(r.stderr || r.stdout).trim().split('\n').slice(-2).join(' | ')}`);
        seconds += r.seconds;
        maxRssMiB = Math.max(maxRssMiB, r.maxRssMiB ?? 0);
      }
    }
    const n = charts.length * envNames.length;
    return { seconds: (seconds * apps) / charts.length, maxRssMiB: maxRssMiB || undefined, note: `${seconds.toFixed(2)} s for ${n} runs, ${((seconds / n) * 1000).toFixed(0)} ms per app and env` };
  });
  row(`peer: python jsonschema over ${apps * envs} merged documents, one process`, 'the merge itself done beforehand by the core engine', () => {
    if (!has('python3', ['-c', 'import jsonschema'])) throw new Error('not installed (apt-get install python3-jsonschema)');
    const dir = mkdtempSync(join(scratch, 'merged-'));
    const w = loadWorkspace(ws);
    for (const app of w.apps) for (const env of w.config.environments) writeFileSync(join(dir, `${app.name}.${env.name}.json`), JSON.stringify(resolveValues(w, app.name, env.name).values));
    const script = [
      'import json, os, sys',
      'from jsonschema import validators',
      'schema = json.load(open(sys.argv[1]))',
      'v = validators.validator_for(schema)(schema)',
      'bad = 0',
      'for f in sorted(os.listdir(sys.argv[2])):',
      '    bad += any(True for _ in v.iter_errors(json.load(open(os.path.join(sys.argv[2], f)))))',
      'print(bad)',
    ].join('\n');
    const schema = join(ws, 'deployment/helm', w.apps[0].name, 'values.schema.json');
    return measure(runs, () => runOnce('python3', ['-c', script, schema, dir], { cwd: ws }));
  });

  const base = rows[0].seconds;
  const table = [
    `| measurement (${apps} apps x ${envs} envs, median of ${runs}) | seconds | x floor | peak MiB | notes |`,
    '|---|---:|---:|---:|---|',
    ...rows.map((r) => `| ${r.name} | ${r.seconds?.toFixed(2) ?? '-'} | ${r.seconds && base ? (r.seconds / base).toFixed(1) : '-'} | ${r.maxRssMiB ?? '-'} | ${r.note} |`),
  ].join('\n');
  process.stdout.write(`${table}\n`);
  const out = join(REPO_ROOT, 'dist/bench');
  mkdirSync(out, { recursive: true });
  const file = join(out, `bench-${apps}x${envs}.json`);
  writeFileSync(file, `${JSON.stringify({ apps, envs, runs, node: process.version, cpus: require('node:os').cpus().length, date: new Date().toISOString(), rows }, null, 2)}\n`);
  process.stderr.write(`written to ${file}\n`);
}

/**
 * The first `count` apps as charts helm can lint: the app's values.yaml and schema, a Chart.yaml
 * and one template that reads a value (the synthetic apps are values folders of a shared chart).
 */
function helmCharts(ws: string, scratch: string, count: number): { chart: string; dir: string }[] {
  const apps = readdirSync(join(ws, 'deployment/helm')).sort().slice(0, count);
  return apps.map((app) => {
    const dir = join(ws, 'deployment/helm', app);
    const chart = join(scratch, 'charts', app);
    mkdirSync(join(chart, 'templates'), { recursive: true });
    writeFileSync(join(chart, 'Chart.yaml'), `apiVersion: v2\nname: ${app}\nversion: 0.1.0\n`);
    writeFileSync(join(chart, 'templates/configmap.yaml'), 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: {{ .Release.Name }}\ndata:\n  replicas: {{ .Values.replicaCount | default 1 | quote }}\n');
    for (const f of ['values.yaml', 'values.schema.json']) copyFileSync(join(dir, f), join(chart, f));
    return { chart, dir };
  });
}

main();
