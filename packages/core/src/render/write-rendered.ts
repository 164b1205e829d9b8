import { mkdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { RENDERED_DIR, type RenderedFile } from './render-app';

/**
 * Replace dist/rendered/<app> with exactly these files, all at once: they are written to a
 * sibling folder first, so an interrupted render leaves the previous output whole, and files
 * that a previous render wrote but this one did not are gone.
 */
export function writeRendered(root: string, app: string, files: RenderedFile[]): void {
  const target = join(root, RENDERED_DIR, app);
  const staging = join(root, RENDERED_DIR, `.${app}.${process.pid}.tmp`);
  rmSync(staging, { recursive: true, force: true });
  for (const f of files) {
    const abs = join(root, f.path).replace(target, staging);
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
  renameSync(staging, target);
  rmSync(old, { recursive: true, force: true });
}
