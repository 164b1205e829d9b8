export * from './render-app';
export { writeRendered } from './write-rendered';
export { validateManifest, VALIDATED_KINDS, type ManifestProblem } from './manifest-schema';
