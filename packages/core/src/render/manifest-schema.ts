import { dirname, join } from 'node:path';
import { isMap, type ValueMap } from '../common';

/** The models that ship a validator per kind (the @kubernetes-models packages, ESM, loaded by file). */
const MODELS: Record<string, { pkg: string; file: string; name: string }> = {
  'argoproj.io/v1alpha1/Application': { pkg: '@kubernetes-models/argo-cd', file: 'argoproj.io/v1alpha1/Application.js', name: 'Application' },
  'external-secrets.io/v1/ExternalSecret': { pkg: '@kubernetes-models/external-secrets', file: 'external-secrets.io/v1/ExternalSecret.js', name: 'ExternalSecret' },
  'external-secrets.io/v1beta1/ExternalSecret': { pkg: '@kubernetes-models/external-secrets', file: 'external-secrets.io/v1beta1/ExternalSecret.js', name: 'ExternalSecret' },
  'bitnami.com/v1alpha1/SealedSecret': { pkg: '@kubernetes-models/sealed-secrets', file: 'bitnami.com/v1alpha1/SealedSecret.js', name: 'SealedSecret' },
};

type Model = new (data: ValueMap) => { validate(): void };
const loaded = new Map<string, Model>();

function model(key: string): Model | undefined {
  const m = MODELS[key];
  if (!m) return undefined;
  let ctor = loaded.get(key);
  if (!ctor) {
    // The packages export ESM by "import" only; require the file itself (Node loads ESM by require).
    ctor = require(join(dirname(require.resolve(`${m.pkg}/package.json`)), m.file))[m.name] as Model;
    loaded.set(key, ctor);
  }
  return ctor;
}

export interface ManifestProblem {
  /** JSON pointer into the manifest, e.g. /spec/source/repoURL. */
  pointer: string;
  message: string;
}

export const VALIDATED_KINDS = Object.keys(MODELS);

/** Check a manifest against its kind's schema; a kind without one is a problem too. */
export function validateManifest(doc: unknown): ManifestProblem[] {
  if (!isMap(doc)) return [{ pointer: '', message: 'is not a mapping' }];
  return crdProblems(doc) ?? [{ pointer: '/kind', message: `no schema for ${String(doc.apiVersion)}/${String(doc.kind)}; known: ${VALIDATED_KINDS.join(', ')}` }];
}

/** Problems of a custom resource whose CRD schema ships here (Argo CD, External Secrets, Sealed Secrets); undefined for any other kind. */
export function crdProblems(doc: ValueMap): ManifestProblem[] | undefined {
  const ctor = model(`${String(doc.apiVersion)}/${String(doc.kind)}`);
  if (!ctor) return undefined;
  try {
    new ctor(doc).validate();
    return [];
  } catch (e) {
    const errors = (e as { errors?: { instancePath: string; message?: string; params?: Record<string, unknown> }[] }).errors;
    // anything but a validation error is not a problem of the manifest
    if (!errors) throw e;
    return errors.map((x) => ({ pointer: x.instancePath, message: `${x.message ?? 'is invalid'}${x.params && 'allowedValues' in x.params ? ` (${(x.params.allowedValues as unknown[]).join(', ')})` : ''}` }));
  }
}
