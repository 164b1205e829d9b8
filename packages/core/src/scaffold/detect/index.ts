// Init: what a repository holds (Argo CD Applications, values files), as a gitops.yaml.
export * from './detect-layout';
export * from './env-names';
export * from './gitops-yaml-text';
export * from './repo-files';
