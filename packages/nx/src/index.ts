// The Nx plugin: project inference and the executors it points at.
export { createNodes, createNodesV2 } from './plugins/plugin';
export type { GitopsPluginOptions } from './plugins/options';
// The generators; Nx finds them through generators.json.
export { default as initGenerator } from './generators/init/generator';
export { default as presetGenerator } from './generators/preset/generator';
export { default as envGenerator } from './generators/env/generator';
export { default as clusterGenerator } from './generators/cluster/generator';
export { default as appGenerator } from './generators/app/generator';
export { default as secretGenerator } from './generators/secret/generator';
