import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

export interface Run {
  seconds: number;
  /** Peak resident memory of the largest process, in MiB (from /usr/bin/time), when known. */
  maxRssMiB?: number;
  code: number;
  stdout: string;
  stderr: string;
}

const TIME = '/usr/bin/time';

/** Run a command once, timing it from outside (process start included). */
export function runOnce(cmd: string, args: string[], opts: { cwd: string; env?: NodeJS.ProcessEnv; input?: string }): Run {
  const useTime = existsSync(TIME);
  const [bin, argv] = useTime ? [TIME, ['-f', '__RSS__%M', cmd, ...args]] : [cmd, args];
  const start = process.hrtime.bigint();
  const r = spawnSync(bin, argv, { cwd: opts.cwd, env: { ...process.env, ...opts.env }, input: opts.input, encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  let stderr = r.stderr ?? '';
  let maxRssMiB: number | undefined;
  const m = /__RSS__(\d+)\s*$/.exec(stderr);
  if (m) {
    maxRssMiB = Math.round(Number(m[1]) / 1024);
    stderr = stderr.slice(0, m.index);
  }
  return { seconds, maxRssMiB, code: r.status ?? -1, stdout: r.stdout ?? '', stderr: r.error ? String(r.error) : stderr };
}

export function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
}

/** `runs` runs (after `before` each), median time, largest peak memory; fails on a non-zero exit unless allowed. */
export function measure(runs: number, run: () => Run, opts: { before?: (run: number) => void; okCodes?: number[] } = {}): { seconds: number; maxRssMiB?: number; last: Run } {
  const results: Run[] = [];
  for (let i = 0; i < runs; i++) {
    opts.before?.(i);
    const r = run();
    if (!(opts.okCodes ?? [0]).includes(r.code)) throw new Error(`exit ${r.code}: ${(r.stderr || r.stdout).trim().split('\n').slice(-3).join(' | ')}`);
    results.push(r);
  }
  const rss = results.map((r) => r.maxRssMiB).filter((x): x is number => x !== undefined);
  return { seconds: median(results.map((r) => r.seconds)), maxRssMiB: rss.length ? Math.max(...rss) : undefined, last: results[results.length - 1] };
}
