// Plain types and helpers every layer uses: values, findings, errors, names, globs, templates.
export * from './values';
export * from './errors';
export * from './lazy-position';
export * from './finding';
export * from './did-you-mean';
export * from './glob';
export * from './names';
export * from './templates';
export * from './os-error';
export * from './inside-root';
export * from './read-bounded';
export * from './change-set';
export * from './steady-files';
