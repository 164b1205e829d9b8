// Promotion: plan what differs, edit the target overlays in place, validate, then git and GitHub.
export * from './plan';
export * from './edits';
export * from './gate';
export * from './format-plan';
export * from './set-image';
export * from './publish/index';
export * from './run-promotion';
export * from './pending';
export * from './collect-status';
export * from './status-page';
export * from './rendered-change';
