import { everyTier, type RuleMeta } from './rule';

export const MANIFEST_SCHEMA: RuleMeta = {
  id: 'manifest-schema',
  title: 'Rendered manifests match their Kubernetes schema',
  description:
    'Every manifest render writes is validated before anything is written, offline, as kubeconform does: what `helm template` renders from a chart against the Kubernetes schemas of the cluster\'s version (`kubernetesVersion` per cluster in gitops.yaml; 1.33 to 1.36 ship with the tool, others from `schemas/kubernetes/`), unknown fields refused; Argo CD Applications, ExternalSecrets (v1beta1, v1) and SealedSecrets against their CRD schemas. A kind no schema covers is named once as not validated, never passed silently. The finding names the template (helm\'s `# Source:`) and the line in manifests.yaml, and sits at the values line that fed the field when one value explains it (an equal value, or the key the schema refuses); else at the template.',
  fix: 'Fix the value or template named in the message; the JSON pointer shows the field.',
  defaults: everyTier('error'),
};
