import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { getApp, getAt, isMap, readBoundedText, readCached, setStringAt, setValuesInText, writeChangeSet, type Path, type Position, type Workspace } from '@helm-values-manager/core';
import type { PromotionPlan } from './plan';

export interface EditedFile {
  /** Relative to the workspace root. */
  file: string;
  absPath: string;
  /** Undefined when the overlay did not exist. */
  before: string | undefined;
  after: string;
}

/**
 * The new text of each target overlay: only the promoted scalars change, every comment and
 * format stays; a missing key is added in its natural place. Computed, not written.
 */
export function computeEdits(ws: Workspace, plan: PromotionPlan): EditedFile[] {
  const byFile = new Map<string, EditedFile>();
  for (const p of plan.apps) {
    const app = getApp(ws, p.app);
    const absPath = join(ws.root, p.overlayFile);
    const existing = byFile.get(p.overlayFile);
    const before = existing ? existing.before : existsSync(absPath) ? readBoundedText(absPath, p.overlayFile, { root: ws.root }) : undefined;
    if (p.kind === 'parameter') {
      // An Application's helm parameter: its value scalar is replaced where it is written.
      let text = existing?.after ?? before ?? '';
      for (const c of p.changes) text = setStringAt(text, p.overlayFile, c.at as Position, typeof c.from === 'string' ? c.from : JSON.stringify(c.from));
      byFile.set(p.overlayFile, { file: p.overlayFile, absPath, before, after: text });
      continue;
    }
    const start = existing?.after ?? before ?? `# ${p.to} overrides of ${p.app}\n`;
    const baseFile = join(ws.root, app.dir, 'values.yaml');
    const base = existsSync(baseFile) ? readCached(baseFile, `${app.dir}/values.yaml`).values : {};
    const keyOrder = (parent: Path) => {
      const m = getAt(base, parent);
      return isMap(m) ? Object.keys(m) : [];
    };
    // The plan read the overlay already: start from that parse when it is of the same text.
    const read = !existing && before !== undefined ? readCached(absPath, p.overlayFile) : undefined;
    const after = setValuesInText(start, p.overlayFile, p.changes.map((c) => ({ path: c.path, value: c.from })), keyOrder, read?.text === start ? read.doc : undefined);
    byFile.set(p.overlayFile, { file: p.overlayFile, absPath, before, after });
  }
  return [...byFile.values()];
}

/** Write every edit as one change set (see writeChangeSet): all files or none, only inside the repository. */
export function writeEdits(root: string, files: EditedFile[], by: string): void {
  writeChangeSet(root, files.map((f) => ({ path: f.file, content: f.after })), by);
}
