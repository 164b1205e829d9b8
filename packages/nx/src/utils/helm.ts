import { findHelm, type Helm, type Workspace } from '@helm-values-manager/core';

// One helm lookup per process and helm binary, so a batch of apps asks `helm version` once.
const helms = new Map<string, Helm | null>();

/** The helm a target runs: the `helm` option, else gitops.yaml's helm.binary, else helm on PATH; null when there is none. */
export function helmFor(ws: Workspace, flag?: string): Helm | null {
  const key = `${ws.root}\0${flag ?? ''}`;
  if (!helms.has(key)) helms.set(key, findHelm({ flag, configured: ws.config.helm.binary, root: ws.root }));
  return helms.get(key) ?? null;
}
