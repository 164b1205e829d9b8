// The Nx plugin: project inference and the executors it points at.
export { createDependencies, createNodes, createNodesV2 } from './plugins/plugin';
export type { GitopsPluginOptions } from './plugins/options';

// The generators, for code that calls them (Nx finds them through generators.json). Each module is
// loaded when its generator is first called: Nx loads this module on every command for
// createNodes, and loading the generators with it cost every cached run a tenth of a second.
type Init = typeof import('./generators/init/generator').default;
type Preset = typeof import('./generators/preset/generator').default;
type Env = typeof import('./generators/env/generator').default;
type Cluster = typeof import('./generators/cluster/generator').default;
type App = typeof import('./generators/app/generator').default;
type Secret = typeof import('./generators/secret/generator').default;

export const initGenerator: Init = (...args) => (require('./generators/init/generator').default as Init)(...args);
export const presetGenerator: Preset = (...args) => (require('./generators/preset/generator').default as Preset)(...args);
export const envGenerator: Env = (...args) => (require('./generators/env/generator').default as Env)(...args);
export const clusterGenerator: Cluster = (...args) => (require('./generators/cluster/generator').default as Cluster)(...args);
export const appGenerator: App = (...args) => (require('./generators/app/generator').default as App)(...args);
export const secretGenerator: Secret = (...args) => (require('./generators/secret/generator').default as Secret)(...args);
