import { readdirSync } from 'node:fs';
import { join } from 'node:path';

/** A glob segment as a RegExp: `*` is any run of characters but '/', `?` one character. */
function segmentRegExp(seg: string): RegExp {
  let re = segments.get(seg);
  if (!re) {
    const body = seg.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '[^/]*').replace(/\?/g, '[^/]');
    // the same few patterns are matched against every app folder and file: compiled once
    if (segments.size >= 4096) segments.clear();
    segments.set(seg, (re = new RegExp(`^${body}$`)));
  }
  return re;
}

const segments = new Map<string, RegExp>();

/**
 * Directories under `root` matching a slash-separated glob (`*`, `?`, and `**` for any depth),
 * as sorted posix paths relative to `root`. Hidden folders and node_modules are never matched.
 * `list` names the sub-folders of a folder (the disk by default; generators pass their virtual tree).
 */
export function globDirs(root: string, pattern: string, list: (dir: string) => string[] = subdirs): string[] {
  const visible = (dir: string) => list(dir).filter((d) => !d.startsWith('.') && d !== 'node_modules');
  const segs = pattern.split('/').filter((s) => s !== '' && s !== '.');
  const out = new Set<string>();
  const walk = (rel: string[], i: number) => {
    if (i === segs.length) {
      out.add(rel.join('/'));
      return;
    }
    const seg = segs[i];
    if (seg === '**') {
      walk(rel, i + 1);
      for (const d of visible(join(root, ...rel))) walk([...rel, d], i);
      return;
    }
    if (!/[*?]/.test(seg)) {
      if (visible(join(root, ...rel)).includes(seg)) walk([...rel, seg], i + 1);
      return;
    }
    const re = segmentRegExp(seg);
    for (const d of visible(join(root, ...rel))) if (re.test(d)) walk([...rel, d], i + 1);
  };
  walk([], 0);
  return [...out].sort();
}

function subdirs(dir: string): string[] {
  try {
    return readdirSync(dir, { withFileTypes: true })
      .filter((d) => d.isDirectory())
      .map((d) => d.name);
  } catch {
    return [];
  }
}

/** Whether a posix path relative to the root matches a glob as globDirs would find it. */
export function matchesGlob(path: string, pattern: string): boolean {
  const segs = pattern.split('/').filter((s) => s !== '' && s !== '.');
  const parts = path.split('/').filter((s) => s !== '' && s !== '.');
  if (parts.some((p) => p.startsWith('.') || p === 'node_modules')) return false;
  const match = (i: number, k: number): boolean => {
    if (i === segs.length) return k === parts.length;
    if (segs[i] === '**') return match(i + 1, k) || (k < parts.length && match(i, k + 1));
    return k < parts.length && segmentRegExp(segs[i]).test(parts[k]) && match(i + 1, k + 1);
  };
  return match(0, 0);
}
