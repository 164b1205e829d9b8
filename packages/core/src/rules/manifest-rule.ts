import { everyTier, type RuleMeta } from './rule';

export const MANIFEST_SCHEMA: RuleMeta = {
  id: 'manifest-schema',
  title: 'Rendered manifests match their Kubernetes schema',
  description: 'Every manifest render writes (Argo CD Application, ExternalSecret, SealedSecret) is validated against the schema of its kind before anything is written, so a broken template or value fails here and not in the cluster.',
  fix: 'Fix the value or template named in the message; the pointer shows the field.',
  defaults: everyTier('error'),
};
