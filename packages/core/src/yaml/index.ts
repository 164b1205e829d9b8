// YAML in: files read as Helm reads them, the position of every value, comment-preserving edits.
export * from './yaml-file';
export * from './yaml-origin';
export * from './yaml-edit';
export * from './scalar-edit';
