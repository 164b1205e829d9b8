// Nx generators of the GitOps workspace; Nx finds them through generators.json.
export { default as envGenerator } from './env/generator';
export { default as clusterGenerator } from './cluster/generator';
export { default as appGenerator } from './app/generator';
export { default as secretGenerator } from './secret/generator';
export { default as initGenerator } from './init/generator';
export { default as presetGenerator } from './preset/generator';
