import { execFileSync } from 'node:child_process';
import { findHelm } from '@helm-values-manager/core';

/**
 * The helm on PATH that the render adapter finds, run synchronously to render app-of-apps charts
 * while the workspace loads (--helm and helm.binary are not read here yet). Undefined without
 * helm: the Applications such charts create are then reported as unreadable.
 */
export function appOfAppsHelm(root: string): ((args: string[], cwd: string) => string) | undefined {
  const helm = findHelm({ root });
  return helm ? (args, cwd) => execFileSync(helm.bin, args, { cwd, encoding: 'utf8', maxBuffer: 64 << 20, stdio: ['ignore', 'pipe', 'pipe'] }) : undefined;
}
