import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEFAULT_KUBERNETES_VERSION, kubeSchemas, VENDORED_KUBERNETES_VERSIONS, WORKSPACE_KUBE_SCHEMAS } from './kube-schema';

const empty = () => mkdtempSync(join(tmpdir(), 'hvm-kube-'));

describe('the Kubernetes schemas of a cluster', () => {
  it('are the vendored ones of its minor version, else the oldest for an older cluster and the newest for a newer one', () => {
    const root = empty();
    const pick = (version?: string) => {
      const { schemas, exact } = kubeSchemas(root, version);
      return [schemas.version, schemas.source, exact];
    };
    expect(VENDORED_KUBERNETES_VERSIONS).toContain('1.34');
    expect(pick('1.34')).toEqual(['1.34', 'the schemas of Kubernetes 1.34 that ship with gitops', true]);
    expect(pick()).toEqual([DEFAULT_KUBERNETES_VERSION, `the schemas of Kubernetes ${DEFAULT_KUBERNETES_VERSION} that ship with gitops`, true]);
    const oldest = VENDORED_KUBERNETES_VERSIONS[0];
    for (const older of ['1.9', '1.32', '0.99']) expect(pick(older), older).toEqual([oldest, `the schemas of Kubernetes ${oldest} that ship with gitops`, false]);
    for (const newer of ['1.99', '2.0']) expect(pick(newer), newer).toEqual([DEFAULT_KUBERNETES_VERSION, `the schemas of Kubernetes ${DEFAULT_KUBERNETES_VERSION} that ship with gitops`, false]);
    // one loaded set per file
    expect(kubeSchemas(root, '1.34').schemas).toBe(kubeSchemas(empty(), '1.34').schemas);
  });

  it('validate a manifest of a known kind: each problem once, at its field, in words; an unknown kind is not validated', () => {
    const { schemas } = kubeSchemas(empty(), '1.34');
    const deployment = { apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'web', labels: null }, spec: { replicass: 1, replicas: 'three', template: { spec: { containers: [{ name: 'a', ports: [{ containerPort: 'x' }] }] } } } };
    expect(schemas.validate(deployment)).toEqual([
      { pointer: '/spec/selector', message: "must have required property 'selector'" },
      { pointer: '/spec/replicass', message: 'unknown field "replicass"' },
      { pointer: '/spec/replicas', message: 'must be integer' },
      { pointer: '/spec/template/spec/containers/0/ports/0/containerPort', message: 'must be integer' },
    ]);
    expect(schemas.validate({ apiVersion: 'v1', kind: 'Service', metadata: { name: 's' }, spec: { ports: [{ port: 80 }] } })).toEqual([]);
    expect(schemas.validate({ apiVersion: 'example.com/v1', kind: 'Widget' })).toBeUndefined();
  });

  it("are the workspace's own for a version it keeps in schemas/kubernetes/, read as it writes them", () => {
    const root = empty();
    mkdirSync(join(root, WORKSPACE_KUBE_SCHEMAS), { recursive: true });
    const own = {
      kubernetesVersion: '1.99',
      kinds: { 'example.com/v1/Widget': 'widget' },
      definitions: {
        widget: {
          type: 'object',
          additionalProperties: false,
          required: ['spec'],
          properties: {
            apiVersion: { enum: ['example.com/v1'] },
            kind: { enum: ['Widget'] },
            metadata: { anyOf: [{ $ref: '#/definitions/meta' }, { type: 'null' }] },
            spec: { type: ['object', 'null'], properties: { size: { type: ['integer', 'null'] }, mode: { enum: ['fast', 'slow'] }, port: { type: ['string', 'integer', 'null'] } } },
          },
        },
        meta: { type: 'object', properties: { name: { type: ['string', 'null'] } } },
      },
    };
    writeFileSync(join(root, WORKSPACE_KUBE_SCHEMAS, 'kubernetes-1.99.json'), JSON.stringify(own));
    const { schemas, exact } = kubeSchemas(root, '1.99');
    expect([schemas.version, schemas.source, exact]).toEqual(['1.99', 'schemas/kubernetes/kubernetes-1.99.json', true]);
    expect(schemas.validate({ apiVersion: 'example.com/v1', kind: 'Widget', metadata: { name: 7 }, spec: { size: 'big', mode: 'medium', port: true } })).toEqual([
      { pointer: '/metadata/name', message: 'must be string' },
      { pointer: '/spec/size', message: 'must be integer' },
      { pointer: '/spec/mode', message: 'must be one of fast, slow' },
      { pointer: '/spec/port', message: 'must be string or integer' },
    ]);
    expect(schemas.validate({ apiVersion: 'example.com/v1', kind: 'Widget', metadata: null, spec: null })).toEqual([]);
    expect(schemas.validate({ apiVersion: 'example.com/v1', kind: 'Widget', metadata: 'x' })).toEqual([
      { pointer: '/spec', message: "must have required property 'spec'" },
      { pointer: '/metadata', message: 'must be object' },
    ]);
    expect(schemas.validate({ apiVersion: 'v1', kind: 'Service' })).toBeUndefined();
  });
});
