import { mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { dirname, relative } from 'node:path';
import { formatHtmlReport, type Workspace } from '@helm-values-manager/core';
import { collectStatus, type StatusRequest } from './collect-status';

/** Links from a page in `fromDir` to files of the workspace at `root`, as a posix prefix ('' or 'a/b/'). */
export function linkBase(fromDir: string, root: string): string {
  const rel = relative(fromDir, root).split('\\').join('/');
  return rel === '' ? '' : `${rel}/`;
}

/** The HTML status page of the workspace, for a page that will sit in `dir`. */
export function statusPage(ws: Workspace, dir: string, req: Omit<StatusRequest, 'values'> = {}): string {
  return formatHtmlReport(collectStatus(ws, { ...req, values: true }), { linkBase: linkBase(dir, ws.root) });
}

/** Write the page to `file` (absolute): beside it first, then renamed, so no reader sees half a page. */
export function writeStatusPage(ws: Workspace, file: string, req: Omit<StatusRequest, 'values'> = {}): void {
  const html = statusPage(ws, dirname(file), req);
  mkdirSync(dirname(file), { recursive: true });
  const tmp = `${file}.${process.pid}.tmp`;
  writeFileSync(tmp, html);
  renameSync(tmp, file);
}
