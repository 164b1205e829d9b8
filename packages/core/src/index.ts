// The values engine. Pure TypeScript over files and data: no Nx, no git, no network.
// Read top-down: YAML in, values merged, workspace resolved, checks run, reports out.
export * from './common';
export * from './yaml';
export * from './values';
export * from './sops';
export * from './rules';
export * from './config';
export * from './workspace';
export * from './checks';
export * from './render';
export * from './diff';
export * from './scaffold';
export * from './sealing';
export * from './status';
export * from './report';
