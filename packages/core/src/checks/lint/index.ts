export { lintApp } from './lint-app';
