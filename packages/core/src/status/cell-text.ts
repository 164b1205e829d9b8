import { describeArgoVariables, markArgoVariables } from '../workspace';
import type { StatusCell, WorkspaceStatus } from './model';

/**
 * The deployed image of a cell as people read it: the tag(s), `@sha256:…` for a digest, `(empty)`,
 * `-` for no image key, and a tag Argo CD sets when it syncs with its variables as `<NAME>`.
 */
export function imageText(c: StatusCell, digestChars = 12): string {
  if (c.digest) return `@${c.digest.slice(0, 'sha256:'.length + digestChars)}`;
  const shown = [...c.tags.map((t) => (t === '' ? '(empty)' : t)), ...(c.atSync ?? []).map((s) => markArgoVariables(s.value))];
  return shown.length === 0 ? '-' : shown.join('/');
}

/** What a cell's tags set at sync time stand for (for a tooltip); '' when it has none. */
export function syncText(c: StatusCell): string {
  if (c.digest || !c.atSync?.length) return '';
  return atSyncText([...new Set(c.atSync.flatMap((s) => s.variables))]);
}

/** What a value that names these build variables stands for. */
export function atSyncText(variables: string[]): string {
  return `set by Argo CD when it syncs, from its build environment (${describeArgoVariables(variables)})`;
}

/** The legend of tags set at sync time, when some shown cell has one: a line, or with `width` a line per variable if it does not fit. */
export function syncLegend(status: WorkspaceStatus, width = Infinity): string[] {
  const names = [...new Set(status.apps.flatMap((a) => a.cells.flatMap((c) => (c.digest ? [] : (c.atSync ?? []).flatMap((s) => s.variables)))))];
  if (names.length === 0) return [];
  const line = `<NAME> set by Argo CD when it syncs (${describeArgoVariables(names)})`;
  return line.length <= width ? [line] : ['<NAME> set by Argo CD when it syncs:', ...names.map((n) => `  ${describeArgoVariables([n])}`)];
}

/** The marks of a cell: `>N` promotable changes pending to the next env, `~N` keys only this env sets, `!N` findings. */
export function marksText(c: StatusCell): string {
  const n = c.findings.error + c.findings.warning + c.findings.info;
  return [c.pending ? `>${c.pending}` : '', c.drift.length ? `~${c.drift.length}` : '', n ? `!${n}` : ''].filter(Boolean).join(' ');
}

export const LEGEND = '>N promotable changes pending to the next env   ~N keys only this env sets (drift)   !N validate findings';
