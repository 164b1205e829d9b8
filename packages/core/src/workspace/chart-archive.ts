// The files of a packaged chart (`helm package`'s .tgz, as vendored in charts/), read whole in
// memory and bounded: a gzipped tar of regular files under one top folder.
import { gunzipSync } from 'node:zlib';
import { UserError } from '../common';

/** Larger than any chart; a bigger archive is refused rather than read into memory. */
const MAX_BYTES = 64 * 1024 * 1024;

/** Each regular file of the archive by its path below the chart's top folder (`Chart.yaml`, `charts/x.tgz`). */
export function chartArchiveFiles(data: Buffer, file: string): Map<string, Buffer> {
  let tar: Buffer;
  try {
    tar = gunzipSync(data, { maxOutputLength: MAX_BYTES });
  } catch (e) {
    throw new UserError(`not a readable chart archive: ${(e as Error).message}`, { file, hint: 'Vendor the dependency again with helm dependency build (or helm pull).' });
  }
  const out = new Map<string, Buffer>();
  let long: string | undefined;
  for (let off = 0; off + 512 <= tar.length; ) {
    const h = tar.subarray(off, off + 512);
    if (h.every((b) => b === 0)) break;
    const text = (a: number, b: number) => h.subarray(a, b).toString('utf8').replace(/\0[\s\S]*$/, '');
    const size = parseInt(text(124, 136).trim() || '0', 8);
    if (Number.isNaN(size) || off + 512 + size > tar.length) throw new UserError('not a readable chart archive: a tar header is broken', { file, hint: 'Vendor the dependency again with helm dependency build (or helm pull).' });
    const body = tar.subarray(off + 512, off + 512 + size);
    off += 512 + Math.ceil(size / 512) * 512;
    const type = String.fromCharCode(h[156]);
    // GNU long names and pax path records name the next entry
    if (type === 'L') long = body.toString('utf8').replace(/\0[\s\S]*$/, '');
    else if (type === 'x') long = /\d+ path=([^\n]*)\n/.exec(body.toString('utf8'))?.[1] ?? long;
    else {
      const prefix = h.subarray(257, 262).toString() === 'ustar' ? text(345, 500) : '';
      const name = long ?? (prefix ? `${prefix}/${text(0, 100)}` : text(0, 100));
      long = undefined;
      if (type === '0' || type === '\0') out.set(name.split('/').slice(1).join('/'), body);
    }
  }
  return out;
}
