export * from './lint-rules';
export { lintApp } from './lint-app';
