// The Nx plugin: project inference and the executors it points at.
export { createNodes, createNodesV2 } from './plugins/plugin';
export type { GitopsPluginOptions } from './plugins/options';
