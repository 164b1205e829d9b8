export * from './enc-value';
export * from './encryption-rules';
export * from './sops-document';
export * from './age-keys';
export * from './open-sops';
export * from './write-sops';
export * from './creation-rules';
