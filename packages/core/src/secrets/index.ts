export * from './secret-like';
