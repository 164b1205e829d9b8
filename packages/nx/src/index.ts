// The Nx plugin: project inference and the executors it points at.
export { createNodes, createNodesV2, type GitopsPluginOptions } from './plugins/plugin';
