import { dirname, relative } from 'node:path';
import { formatHtmlReport, writeOutputFile, type Workspace } from '@helm-values-manager/core';
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

/**
 * Write the page to `file` (absolute), inside the workspace, with the project's output writer:
 * the whole page is built first, then written beside its target and renamed over it, so an
 * error leaves the previous page (or none) and no half-written file.
 */
export function writeStatusPage(ws: Workspace, file: string, req: Omit<StatusRequest, 'values'> = {}): void {
  const html = statusPage(ws, dirname(file), req);
  writeOutputFile(ws.root, relative(ws.root, file), html);
}
