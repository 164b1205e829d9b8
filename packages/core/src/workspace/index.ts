// The workspace resolved: apps and envs discovered, each env's layers, effective values, Argo CD Applications.
export * from './workspace';
export * from './layers';
export * from './resolve';
export * from './argocd/application';
export * from './argocd/read-application';
export * from './argocd/parameters-layer';
export * from './external-secret';
