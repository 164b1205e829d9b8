// What runs where: per app and env, the deployed image, pending promotions, drift and findings.
export * from './model';
export * from './image';
export * from './build-status';
export * from './cell-text';
export * from './shown-change';
export * from './format-table';
export * from './format-markdown';
export * from './format-json';
