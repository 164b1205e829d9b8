import { existsSync, mkdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, posix, resolve } from 'node:path';
import { RENDERED_DIR, type RenderedFile } from './render-app';

/**
 * Replace `<out>/<app>` (default dist/rendered/<app>, `out` relative to `root` or absolute) with
 * exactly these files, all at once: they are written to a sibling folder first, so an interrupted
 * render leaves the previous output whole, and files that a previous render wrote but this one
 * did not are gone, except the top-level folders named in `keep` (the envs this render skipped),
 * which are carried over from the previous output. Returns the folder written.
 */
export function writeRendered(root: string, app: string, files: RenderedFile[], opts: { out?: string; keep?: string[] } = {}): string {
  const out = opts.out ?? RENDERED_DIR;
  const target = resolve(root, out, app);
  const staging = resolve(root, out, `.${app}.${process.pid}.tmp`);
  const prefix = `${RENDERED_DIR}/${app}/`;
  rmSync(staging, { recursive: true, force: true });
  for (const f of files) {
    if (!f.path.startsWith(prefix)) throw new Error(`${f.path} is not under ${prefix}`);
    const abs = join(staging, ...posix.normalize(f.path.slice(prefix.length)).split('/'));
    mkdirSync(dirname(abs), { recursive: true });
    writeFileSync(abs, f.content);
  }
  mkdirSync(staging, { recursive: true });
  const old = `${staging}.old`;
  rmSync(old, { recursive: true, force: true });
  try {
    renameSync(target, old);
  } catch {
    // first render of this app
  }
  for (const name of opts.keep ?? []) {
    if (existsSync(join(old, name)) && !existsSync(join(staging, name))) renameSync(join(old, name), join(staging, name));
  }
  renameSync(staging, target);
  rmSync(old, { recursive: true, force: true });
  return target;
}
