export * from './secret-like';
export * from './secret-scan';
export * from './encrypted-files';
