export * from './env-tokens';
export * from './seed-overlay';
export * from './secret-stubs';
export * from './sops-rules';
export * from './set-secret';
export * from './detect';
export * from './appset-env';
