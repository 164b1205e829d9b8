// The workspace resolved: apps and envs discovered, each env's layers, effective values, Argo CD Applications.
export * from './workspace';
export * from './layers';
export * from './resolve';
export * from './argocd/application';
export * from './argocd/read-application';
export * from './argocd/parameters-layer';
export * from './external-secret';
export { loadArgoModel, emptyArgoModel, type ArgoModel, type HelmLookup } from './argocd/argo-model';
export * from './argocd/deployments';
export { discoverListedApplications, type ListedFiles } from './argocd/listed-repo';
export type { Discovery } from './argocd/discover-applications';
export { resolveHelmSource, type SourceResolution } from './argocd/resolve-helm-source';
export type { HelmSourcePlan, PlannedValueFile, ChartRef } from './argocd/helm-source-plan';
export type { ApplicationSpec } from './argocd/application-spec';
export { ENCRYPTED_MARK, isSopsValues, redactSops } from './encrypted-values';
export * from './edit-target';
export * from './app-inputs';
export { vendoredSubcharts } from './subcharts';
