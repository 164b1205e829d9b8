import { describe, expect, it } from 'vitest';
import { crdProblems, validateManifest, VALIDATED_KINDS } from './manifest-schema';

describe('the CRD schemas that ship (Argo CD, External Secrets, Sealed Secrets)', () => {
  it('check a custom resource of a kind they know, each problem at its field, allowed values named', () => {
    expect(validateManifest({ apiVersion: 'argoproj.io/v1alpha1', kind: 'Application', metadata: { name: 'a' }, spec: { source: { repoURL: 1 }, destination: {}, project: 'default', syncPolicy: { syncOptions: 'x' } } })).toEqual([
      { pointer: '/spec/source/repoURL', message: 'must be string' },
      { pointer: '/spec/syncPolicy/syncOptions', message: 'must be array' },
    ]);
    expect(crdProblems({ apiVersion: 'external-secrets.io/v1', kind: 'ExternalSecret', metadata: { name: 'a' }, spec: { secretStoreRef: { name: 'v', kind: 'Store' }, refreshInterval: 5 } })).toEqual([
      { pointer: '/spec/refreshInterval', message: 'must be string' },
      { pointer: '/spec/secretStoreRef/kind', message: 'must be equal to one of the allowed values (SecretStore, ClusterSecretStore)' },
    ]);
    expect(crdProblems({ apiVersion: 'external-secrets.io/v1beta1', kind: 'ExternalSecret', metadata: { name: 'a' }, spec: { refreshInterval: 5 } })).toEqual([{ pointer: '/spec/refreshInterval', message: 'must be string' }]);
    expect(crdProblems({ apiVersion: 'bitnami.com/v1alpha1', kind: 'SealedSecret', metadata: { name: 'a' }, spec: { encryptedData: { k: 'AgB' } } })).toEqual([]);
  });

  it('leave other kinds to the Kubernetes schemas, and say which kinds they know', () => {
    expect(crdProblems({ apiVersion: 'v1', kind: 'ConfigMap' })).toBeUndefined();
    expect(VALIDATED_KINDS).toEqual(['argoproj.io/v1alpha1/Application', 'external-secrets.io/v1/ExternalSecret', 'external-secrets.io/v1beta1/ExternalSecret', 'bitnami.com/v1alpha1/SealedSecret']);
    expect(validateManifest({ apiVersion: 'v1', kind: 'ConfigMap' })).toEqual([{ pointer: '/kind', message: `no schema for v1/ConfigMap; known: ${VALIDATED_KINDS.join(', ')}` }]);
    for (const doc of [[1], 'text', null]) expect(validateManifest(doc)).toEqual([{ pointer: '', message: 'is not a mapping' }]);
  });
});
