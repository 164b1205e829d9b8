export * from './render-app';
export { writeRendered, RENDER_MARKER } from './write-rendered';
export { validateManifest, VALIDATED_KINDS, type ManifestProblem } from './manifest-schema';
export { appOfAppsHelm, findHelm, NO_HELM_NOTE, type Helm, type HelmRunner } from './helm-process';
export { helmRelease, renderChart, redactedManifest, type Release } from './chart-render';
export { splitManifests, type RenderedDoc } from './chart-manifests';
export { DEFAULT_KUBERNETES_VERSION, kubeSchemas } from './kube-schema';
export { affectedApps, diffManifests, formatRenderedDiff, renderedChangeDiff, renderedEnvDiff, type ManifestChange, type ReleaseDiff } from './rendered-diff';
export * from './helm-args';
