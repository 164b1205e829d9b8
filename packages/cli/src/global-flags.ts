import type { Flag } from './command';

/** Flags every command takes, before or after its name. */
export const GLOBAL_FLAGS: Flag[] = [
  { name: 'root', value: 'DIR', description: 'run against the workspace at DIR, as if started there (default: $GITOPS_ROOT, else the current folder)', path: true },
  { name: 'verbose', description: 'print the stack trace of an internal error' },
];
