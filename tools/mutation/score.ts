// Sums the per-folder mutation reports of the core into one score:
//   node -r @swc-node/register tools/mutation/score.ts [reports/mutation/core]
// Each folder of packages/core/src is mutated on its own (tools/mutation/core.ts) and keeps its
// own incremental report, so the folders add up to the whole core without one run of hours.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';

export const REPORTS = join(__dirname, '../../reports/mutation/core');

export interface Counts {
  killed: number;
  timeout: number;
  survived: number;
  noCoverage: number;
  /** compile and runtime errors, ignored mutants: not part of the score, as Stryker counts it */
  invalid: number;
}

/** The part of a mutation-testing-report-schema report this script reads. */
export interface MutationReport {
  files: Record<string, { mutants: { status: string }[] }>;
}

const EMPTY: Counts = { killed: 0, timeout: 0, survived: 0, noCoverage: 0, invalid: 0 };

export function count(report: MutationReport): Counts {
  const c = { ...EMPTY };
  for (const file of Object.values(report.files)) {
    for (const { status } of file.mutants) {
      if (status === 'Killed') c.killed++;
      else if (status === 'Timeout') c.timeout++;
      else if (status === 'Survived') c.survived++;
      else if (status === 'NoCoverage') c.noCoverage++;
      else c.invalid++;
    }
  }
  return c;
}

export function add(a: Counts, b: Counts): Counts {
  return { killed: a.killed + b.killed, timeout: a.timeout + b.timeout, survived: a.survived + b.survived, noCoverage: a.noCoverage + b.noCoverage, invalid: a.invalid + b.invalid };
}

/** Stryker's mutation score: detected mutants over valid ones, in percent; undefined without any. */
export function score(c: Counts): number | undefined {
  const detected = c.killed + c.timeout;
  const valid = detected + c.survived + c.noCoverage;
  return valid === 0 ? undefined : (100 * detected) / valid;
}

const percent = (s: number | undefined) => (s === undefined ? 'n/a' : `${s.toFixed(1)} %`);

/** One line per folder, then the total over all of them. */
export function scoreTable(folders: Record<string, MutationReport>): string {
  const rows: [string, Counts][] = Object.keys(folders)
    .sort()
    .map((name) => [name, count(folders[name])]);
  const total = rows.reduce((sum, [, c]) => add(sum, c), EMPTY);
  const line = (name: string, c: Counts) =>
    [name.padEnd(10), percent(score(c)).padStart(8), String(c.killed).padStart(7), String(c.timeout).padStart(7), String(c.survived).padStart(8), String(c.noCoverage).padStart(11)].join(' ');
  return [
    ['folder'.padEnd(10), 'score'.padStart(8), 'killed'.padStart(7), 'timeout'.padStart(7), 'survived'.padStart(8), 'no coverage'.padStart(11)].join(' '),
    ...rows.map(([name, c]) => line(name, c)),
    line('total', total),
  ].join('\n');
}

export function readReports(dir: string): Record<string, MutationReport> {
  if (!existsSync(dir)) return {};
  const out: Record<string, MutationReport> = {};
  for (const f of readdirSync(dir).filter((n) => n.endsWith('.json'))) out[basename(f, '.json')] = JSON.parse(readFileSync(join(dir, f), 'utf8'));
  return out;
}

if (require.main === module) {
  const dir = process.argv[2] ?? REPORTS;
  const reports = readReports(dir);
  if (Object.keys(reports).length === 0) {
    process.stderr.write(`No mutation reports in ${dir}: run node -r @swc-node/register tools/mutation/core.ts <folder> first.\n`);
    process.exit(2);
  }
  process.stdout.write(`${scoreTable(reports)}\n`);
}
