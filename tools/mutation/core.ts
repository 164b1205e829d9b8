// Mutates packages/core/src one folder at a time, each with its own incremental report in
// reports/mutation/core/<folder>.json, then prints the per-folder and whole-core scores:
//   node -r @swc-node/register tools/mutation/core.ts [folder...] [--concurrency 2]
// Without folders it runs every folder (hours on two cores); a re-run of a folder after a small
// change tests only the mutants of what changed.
import { spawnSync } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { readReports, REPORTS, scoreTable } from './score';

const ROOT = join(__dirname, '../..');
const CORE = join(ROOT, 'packages/core/src');

export function strykerArgs(folder: string, concurrency: string): string[] {
  return [
    'stryker', 'run',
    '--mutate', `packages/core/src/${folder}/**/*.ts,!**/*.test.ts,!**/index.ts,!**/test-support/**`,
    '--incrementalFile', `reports/mutation/core/${folder}.json`,
    // static mutants (module-level constants) would re-run every test for each one
    '--ignoreStatic',
    '--concurrency', concurrency,
    '--reporters', 'clear-text,progress',
  ];
}

if (require.main === module) {
  const args = process.argv.slice(2);
  const at = args.indexOf('--concurrency');
  const concurrency = at >= 0 ? args.splice(at, 2)[1] : '1';
  const all = readdirSync(CORE).filter((n) => n !== 'test-support' && statSync(join(CORE, n)).isDirectory());
  const unknown = args.filter((f) => !all.includes(f));
  if (unknown.length > 0) {
    process.stderr.write(`Not a folder of packages/core/src: ${unknown.join(', ')}. Choose from: ${all.join(', ')}.\n`);
    process.exit(2);
  }
  for (const folder of args.length > 0 ? args : all) {
    const run = spawnSync('npx', strykerArgs(folder, concurrency), { cwd: ROOT, stdio: 'inherit' });
    if (run.status !== 0) process.exit(run.status ?? 2);
  }
  process.stdout.write(`${scoreTable(readReports(REPORTS))}\n`);
}
