import { resolve } from 'node:path';
import { appOfAppsHelm, loadWorkspace, type Workspace } from '@helm-values-manager/core';
import type { CommandInput } from './command';
import type { CliIO } from './io';

/**
 * The workspace a command works on. App-of-apps charts are rendered by the helm every render uses
 * (`--helm` when the command has it, else gitops.yaml's helm.binary, else PATH), looked up only
 * when such a chart exists; without one, the Applications they create are one finding.
 */
export function loadCliWorkspace({ root, values }: Pick<CommandInput, 'root' | 'values'>, io: CliIO): Workspace {
  const flag = values.helm === undefined ? undefined : resolve(io.cwd, String(values.helm));
  const ws = root();
  return loadWorkspace(ws, { helm: appOfAppsHelm(ws, { flag, env: io.env }) });
}
