import type { StatusCell } from './model';

/** The deployed image of a cell as people read it: the tag(s), `@sha256:…` for a digest, `(empty)`, or `-` for no image key. */
export function imageText(c: StatusCell, digestChars = 12): string {
  if (c.digest) return `@${c.digest.slice(0, 'sha256:'.length + digestChars)}`;
  if (c.tags.length === 0) return '-';
  return c.tags.map((t) => (t === '' ? '(empty)' : t)).join('/');
}

/** The marks of a cell: `>N` promotable changes pending to the next env, `~N` keys only this env sets, `!N` findings. */
export function marksText(c: StatusCell): string {
  const n = c.findings.error + c.findings.warning + c.findings.info;
  return [c.pending ? `>${c.pending}` : '', c.drift.length ? `~${c.drift.length}` : '', n ? `!${n}` : ''].filter(Boolean).join(' ');
}

export const LEGEND = '>N promotable changes pending to the next env   ~N keys only this env sets (drift)   !N validate findings';
