// Mutates packages/core/src one folder at a time, each with its own incremental report in
// reports/mutation/core/<folder>.json, then prints the per-folder and whole-core scores:
//   node -r @swc-node/register tools/mutation/core.ts              (npm run mutation)
//   node -r @swc-node/register tools/mutation/core.ts [folder...] [--concurrency 2]
//   node -r @swc-node/register tools/mutation/core.ts <folder> --files a.ts,sub/*.ts [--concurrency 2]
//   node -r @swc-node/register tools/mutation/core.ts <folder> --own-tests
//   node -r @swc-node/register tools/mutation/core.ts <folder> --files a.ts --force
// Without folders it runs every folder whose sources or tests changed since its report, each
// against the tests it was measured with (FOLDER_TESTS); a re-run of a folder after a small
// change tests only the mutants of what changed. --files mutates only those files of one folder
// (globs relative to it) and writes their results into the folder's report, which stays whole.
// --own-tests runs only the folder's own tests against its mutants: a lower bound of its score,
// for folders whose code nearly every test reaches, where each surviving mutant would re-run
// hundreds of tests of the three packages. --force tests every mutant again: Stryker's incremental
// mode keeps a mutant's earlier verdict while its own code and the tests that covered it are
// unchanged, so a new test in another file that kills it goes unseen.
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { transpileModule } from 'typescript';
import { FOLDER_TESTS, MUTATION_TESTS } from './mutation-tests';
import { readReports, REPORTS, scoreTable } from './score';

const ROOT = join(__dirname, '../..');
const CORE = join(ROOT, 'packages/core/src');

export function strykerArgs(folder: string, concurrency: string, files?: string[], incrementalFile = `reports/mutation/core/${folder}.json`, force = false): string[] {
  const mutate = files ? files.map((f) => `packages/core/src/${folder}/${f}`) : [`packages/core/src/${folder}/**/*.ts`];
  return [
    'stryker', 'run',
    '--mutate', [...mutate, '!**/*.test.ts', '!**/index.ts', '!**/test-support/**'].join(','),
    '--incrementalFile', incrementalFile,
    // static mutants (module-level constants) would re-run every test for each one
    '--ignoreStatic',
    '--concurrency', concurrency,
    '--reporters', 'clear-text,progress',
    ...(force ? ['--force'] : []),
  ];
}

interface Test {
  id: string;
  name: string;
  [more: string]: unknown;
}
interface Mutant {
  coveredBy?: string[];
  killedBy?: string[];
  [more: string]: unknown;
}
/** The parts of a Stryker incremental report that a merge rewrites; the rest is kept as it is. */
export interface FullReport {
  files: Record<string, { mutants: Mutant[]; [more: string]: unknown }>;
  testFiles?: Record<string, { tests: Test[]; [more: string]: unknown }>;
  [more: string]: unknown;
}

/**
 * The folder's report with the files of a narrower run replaced by that run's results. Test ids
 * are numbers local to each report, so every test gets a new id (a test both reports know keeps
 * the narrower run's entry) and each mutant's coveredBy and killedBy follow.
 */
export function mergeReports(whole: FullReport, part: FullReport): FullReport {
  const ids = new Map<string, string>();
  const testFiles: NonNullable<FullReport['testFiles']> = {};
  const remap = { whole: new Map<string, string>(), part: new Map<string, string>() };
  for (const [side, report] of [['whole', whole], ['part', part]] as const) {
    for (const [file, entry] of Object.entries(report.testFiles ?? {})) {
      const target = (testFiles[file] ??= { ...entry, tests: [] });
      if (side === 'part') Object.assign(target, { ...entry, tests: target.tests });
      for (const test of entry.tests) {
        const key = `${file}\0${test.name}`;
        let id = ids.get(key);
        if (id === undefined) {
          id = String(ids.size);
          ids.set(key, id);
          target.tests.push({ ...test, id });
        } else if (side === 'part') {
          target.tests[target.tests.findIndex((t) => t.id === id)] = { ...test, id };
        }
        remap[side].set(test.id, id);
      }
    }
  }
  const follow = (mutants: Mutant[], map: Map<string, string>) =>
    mutants.map((m) => ({
      ...m,
      ...(m.coveredBy ? { coveredBy: m.coveredBy.flatMap((t) => map.get(t) ?? []) } : {}),
      ...(m.killedBy ? { killedBy: m.killedBy.flatMap((t) => map.get(t) ?? []) } : {}),
    }));
  const files: FullReport['files'] = {};
  for (const [file, entry] of Object.entries(whole.files)) if (!(file in part.files)) files[file] = { ...entry, mutants: follow(entry.mutants, remap.whole) };
  for (const [file, entry] of Object.entries(part.files)) files[file] = { ...entry, mutants: follow(entry.mutants, remap.part) };
  return { ...whole, files, testFiles };
}

/**
 * The environment a run's test runner sees: with `ownTests`, vitest.mutation.mts takes only the
 * folder's tests; else the tests the folder is measured with (FOLDER_TESTS), by default all.
 */
export function mutationEnv(folder: string, ownTests: boolean): Record<string, string> {
  if (ownTests) return { [MUTATION_TESTS]: `packages/core/src/${folder}/**/*.test.ts` };
  const tests = FOLDER_TESTS[folder];
  return tests ? { [MUTATION_TESTS]: tests.join(',') } : {};
}

/**
 * Why a folder's report no longer tells its score: a source file or a test file it recorded
 * changed, or a source file with code is not in it. Undefined when the report is up to date.
 * `read` gives a file's text (undefined when it is gone); `sources` are the folder's files.
 */
export function staleness(report: FullReport | undefined, sources: string[], read: (file: string) => string | undefined): string | undefined {
  if (!report) return 'no report yet';
  for (const file of sources) {
    const entry = report.files[file] as { source?: string } | undefined;
    const text = read(file);
    if (entry ? entry.source !== text : text !== undefined && hasCode(text)) return `${file} changed`;
  }
  for (const [file, entry] of Object.entries(report.testFiles ?? {})) {
    const source = (entry as { source?: string }).source;
    if (source !== undefined && read(file) !== source) return `${file} changed`;
  }
  return undefined;
}

/** Does this TypeScript run anything? A file of types only has no mutant and no entry in a report. */
function hasCode(text: string): boolean {
  return /\S/.test(transpileModule(text, { compilerOptions: { module: 99 } }).outputText.replace(/^export \{\};?$/m, ''));
}

/** The files of a folder Stryker mutates: its TypeScript but tests, index files and test support. */
function sourcesOf(folder: string): string[] {
  const walk = (dir: string): string[] =>
    readdirSync(join(ROOT, dir), { withFileTypes: true }).flatMap((e) => {
      const rel = `${dir}/${e.name}`;
      if (e.isDirectory()) return e.name === 'test-support' ? [] : walk(rel);
      return e.name.endsWith('.ts') && !e.name.endsWith('.test.ts') && e.name !== 'index.ts' ? [rel] : [];
    });
  return walk(`packages/core/src/${folder}`);
}

const readText = (file: string) => (existsSync(join(ROOT, file)) ? readFileSync(join(ROOT, file), 'utf8') : undefined);

function run(args: string[], env: Record<string, string>): void {
  const stryker = spawnSync('npx', args, { cwd: ROOT, stdio: 'inherit', env: { ...process.env, ...env } });
  if (stryker.status !== 0) process.exit(stryker.status ?? 2);
}

if (require.main === module) {
  const args = process.argv.slice(2);
  const option = (name: string) => {
    const at = args.indexOf(name);
    return at >= 0 ? args.splice(at, 2)[1] : undefined;
  };
  const concurrency = option('--concurrency') ?? '1';
  const flag = (name: string) => args.includes(name) && args.splice(args.indexOf(name), 1).length > 0;
  const ownTests = flag('--own-tests');
  const force = flag('--force');
  const files = option('--files')?.split(',').filter((f) => f !== '');
  const all = readdirSync(CORE).filter((n) => n !== 'test-support' && statSync(join(CORE, n)).isDirectory());
  const unknown = args.filter((f) => !all.includes(f));
  if (unknown.length > 0) {
    process.stderr.write(`Not a folder of packages/core/src: ${unknown.join(', ')}. Choose from: ${all.join(', ')}.\n`);
    process.exit(2);
  }
  if (files && (args.length !== 1 || files.length === 0)) {
    process.stderr.write('--files takes a comma-separated list of files (globs) of exactly one folder: tools/mutation/core.ts sops --files sops-document.ts,age-keys.ts\n');
    process.exit(2);
  }
  for (const folder of args.length > 0 ? args : all) {
    if (args.length === 0) {
      const report = join(REPORTS, `${folder}.json`);
      const why = staleness(existsSync(report) ? JSON.parse(readFileSync(report, 'utf8')) : undefined, sourcesOf(folder), readText);
      if (!why) {
        process.stdout.write(`${folder}: up to date\n`);
        continue;
      }
      process.stdout.write(`${folder}: ${why}, measured again\n`);
    }
    const env = mutationEnv(folder, ownTests);
    if (!files) {
      run(strykerArgs(folder, concurrency, undefined, undefined, force), env);
      continue;
    }
    // Stryker keeps only the files it mutated in its report: run on a copy, then merge back.
    const report = join(REPORTS, `${folder}.json`);
    const dir = mkdtempSync(join(tmpdir(), 'mutation-'));
    const partial = join(dir, `${folder}.json`);
    if (existsSync(report)) copyFileSync(report, partial);
    run(strykerArgs(folder, concurrency, files, partial, force), env);
    const whole: FullReport = existsSync(report) ? JSON.parse(readFileSync(report, 'utf8')) : { files: {} };
    writeFileSync(report, JSON.stringify(mergeReports(whole, JSON.parse(readFileSync(partial, 'utf8')))));
    rmSync(dir, { recursive: true, force: true });
  }
  process.stdout.write(`${scoreTable(readReports(REPORTS))}\n`);
}
