import { existsSync, mkdirSync, readdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, posix, relative, resolve } from 'node:path';
import { insideRoot, isOsError, osUserError, UserError } from '../common';
import { RENDERED_DIR, type RenderedFile } from './render-app';

/** The file that marks a folder as render's own output: only such a folder is ever replaced. */
export const RENDER_MARKER = '.gitops-rendered';

/**
 * Replace `<out>/<app>` (default dist/rendered/<app>, `out` relative to `root` or absolute, inside
 * the repository) with exactly these files, all at once: they are written to a sibling folder
 * first, so an interrupted render leaves the previous output whole, and files that a previous
 * render wrote but this one did not are gone, except the top-level folders named in `keep` (the
 * envs this render skipped), which are carried over from the previous output. A folder there
 * without render's marker is someone else's (an app's own folder, for `--out .` in the apps
 * folder): it is refused, never replaced. Returns the folder written.
 */
export function writeRendered(root: string, app: string, files: RenderedFile[], opts: { out?: string; keep?: string[] } = {}): string {
  const out = opts.out ?? RENDERED_DIR;
  const target = insideRoot(root, resolve(root, out, app), 'render output');
  const shown = relative(root, target) || '.';
  const staging = join(dirname(target), `.${app}.${process.pid}.tmp`);
  const old = `${staging}.old`;
  recoverInterrupted(dirname(target), app, target);
  if (existsSync(target) && !existsSync(join(target, RENDER_MARKER))) {
    throw new UserError(`${shown} exists and was not written by gitops render, so it is not replaced`, {
      file: shown,
      hint: `Render into a folder of its own (the default is ${RENDERED_DIR}, or --out DIR); if that folder is an old render output, delete it first.`,
    });
  }
  const prefix = `${RENDERED_DIR}/${app}/`;
  try {
    rmSync(staging, { recursive: true, force: true });
    mkdirSync(staging, { recursive: true });
    // The marker first: a staging folder left by a killed render is recognisably ours.
    writeFileSync(join(staging, RENDER_MARKER), 'Written by gitops render: this folder is replaced whole by the next render.\n');
    for (const f of files) {
      if (!f.path.startsWith(prefix)) throw new Error(`${f.path} is not under ${prefix}`);
      const abs = join(staging, ...posix.normalize(f.path.slice(prefix.length)).split('/'));
      mkdirSync(dirname(abs), { recursive: true });
      writeFileSync(abs, f.content);
    }
    rmSync(old, { recursive: true, force: true });
    if (existsSync(target)) renameSync(target, old);
    for (const name of opts.keep ?? []) {
      if (existsSync(join(old, name)) && !existsSync(join(staging, name))) renameSync(join(old, name), join(staging, name));
    }
    renameSync(staging, target);
    rmSync(old, { recursive: true, force: true });
  } catch (e) {
    rmSync(staging, { recursive: true, force: true });
    if (!existsSync(target) && existsSync(old)) renameSync(old, target);
    throw isOsError(e) ? osUserError(e, shown, 'cannot be written (the previous output is kept)') : e;
  }
  return target;
}

/**
 * A render killed between its two renames leaves the previous output as `.<app>.<pid>.tmp.old`
 * and no target: put it back. Staging folders of killed renders (marked as ours) are removed.
 */
function recoverInterrupted(dir: string, app: string, target: string): void {
  if (!existsSync(dir)) return;
  const ours = readdirSync(dir).filter((n) => n.startsWith(`.${app}.`) && /\.\d+\.tmp(\.old)?$/.test(n) && existsSync(join(dir, n, RENDER_MARKER)));
  for (const name of ours.filter((n) => n.endsWith('.old'))) {
    if (!existsSync(target)) renameSync(join(dir, name), target);
  }
  for (const name of ours) rmSync(join(dir, name), { recursive: true, force: true });
}
