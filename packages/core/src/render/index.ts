export * from './render-app';
export * from './manifest-rule';
export { writeRendered } from './write-rendered';
export { validateManifest, VALIDATED_KINDS, type ManifestProblem } from './manifest-schema';
