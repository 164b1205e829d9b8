import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Path, Position } from '../common';
import { checkManifests, splitManifests, valueBehind } from './chart-manifests';
import { kubeSchemas } from './kube-schema';
import { helmBinary, HELM_MAJORS } from '../../../../tools/test/helm';

/** Where each values path was set, as resolveValues says: values-prod.yaml, one line per path. */
const originOf = (path: Path): Position => ({ file: 'apps/web/values-prod.yaml', line: path.length * 10, column: String(path[path.length - 1]).length });

describe("helm template's output", () => {
  it('splits into its documents with the template and the line each starts at; empty, broken and non-map documents drop out', () => {
    const out = [
      '---',
      '# Source: web/templates/cm.yaml',
      'apiVersion: v1',
      'kind: ConfigMap',
      '--- # a comment after the separator',
      '# Source: web/templates/empty.yaml',
      '---',
      'key: [unclosed',
      '---',
      '- a list',
      '---',
      'kind: Service',
      'enabled: on',
    ].join('\n');
    expect(splitManifests(out)).toEqual([
      { source: 'web/templates/cm.yaml', line: 2, data: { apiVersion: 'v1', kind: 'ConfigMap' } },
      // YAML 1.1 as helm reads it: `on` is true
      { line: 12, data: { kind: 'Service', enabled: true } },
    ]);
    expect(splitManifests('')).toEqual([]);
  });
});

describe.each(HELM_MAJORS)('scalars of rendered manifests, as helm %i reads them', (major) => {
  // Helm's fromYaml is sigs.k8s.io/yaml, the reader Argo CD and kubectl apply to helm's output.
  it('reads every scalar as sigs.k8s.io/yaml does: dates, 1:20 and e3 stay strings, yes is true, 0755 and 0o17 are octal', () => {
    const scalars = ['2001-01-01', '2001-12-14t21:59:43.10-05:00', '2002-12-14', '1:20', '190:20:30.15', 'yes', 'No', 'on', 'OFF', 'y', '~', 'null', '0755', '0o17', '0x1F', '0b101', '1_000', '-42', '1e3', '.5', '3.0', 'e3', '0O17', '+0x1F', '0_1', '09', '1:2:3', '2001-01-01T00:00:00Z', '"quoted 2001-01-01"', "'0755'", '12:30:00', '2001-01-01 12:00:00'];
    const chart = mkdtempSync(join(tmpdir(), 'kube-scalars-'));
    mkdirSync(join(chart, 'templates'));
    writeFileSync(join(chart, 'Chart.yaml'), 'apiVersion: v2\nname: scalars\nversion: 0.1.0\n');
    const data = scalars.map((v, i) => `  k${i}: ${v}`).join('\n');
    writeFileSync(join(chart, 'data.txt'), `data:\n${data}\n`);
    writeFileSync(join(chart, 'templates/cm.yaml'), `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: scalars\ndata:\n${data}\n`);
    writeFileSync(join(chart, 'templates/oracle.yaml'), 'apiVersion: v1\nkind: Oracle\njson: {{ .Files.Get "data.txt" | fromYaml | toJson | quote }}\n');
    const docs = splitManifests(execFileSync(helmBinary(major), ['template', 'r', chart], { encoding: 'utf8' }));
    const oracle = JSON.parse(String(docs.find((d) => d.data.kind === 'Oracle')?.data.json)).data;
    const ours = docs.find((d) => d.data.kind === 'ConfigMap')?.data.data as Record<string, unknown>;
    expect(Object.keys(ours)).toHaveLength(scalars.length);
    // (.inf and .nan are left out: helm itself refuses a manifest that holds one)
    for (const [i, v] of scalars.entries()) expect(ours[`k${i}`], v).toEqual(oracle[`k${i}`]);
    expect(ours.k0).toBe('2001-01-01');
    expect(ours.k3).toBe('1:20');
  });
});

describe('the values line behind a manifest field', () => {
  const manifest = { spec: { replicas: 3, paused: true, 'a/b~c': 'x', template: { spec: { containers: [{ image: 'org/web:1.4.2', name: 'web', unknownThing: 1 }] } } } };
  const behind = (pointer: string, values: Record<string, unknown>, unknownField = false) => valueBehind(manifest, pointer, unknownField, values as never, originOf);

  it('is the one value equal to the rendered one', () => {
    expect(behind('/spec/replicas', { replicaCount: 3, image: { tag: '1.4.2' } })).toEqual({ file: 'apps/web/values-prod.yaml', line: 10, column: 12 });
    // two values equal to it: it cannot tell which
    expect(behind('/spec/replicas', { replicaCount: 3, maxReplicas: 3 })).toBeUndefined();
    expect(behind('/spec/a~1b~0c', { deep: { k: 'x' } })).toEqual({ file: 'apps/web/values-prod.yaml', line: 20, column: 1 });
    expect(behind('/spec/missing', { replicaCount: 3 })).toBeUndefined();
  });

  it('is a boolean only under a key of the same name', () => {
    expect(behind('/spec/paused', { enabled: true })).toBeUndefined();
    expect(behind('/spec/paused', { rollout: { paused: true }, enabled: true })).toEqual({ file: 'apps/web/values-prod.yaml', line: 20, column: 6 });
  });

  it('is the tag behind an image the template composes', () => {
    expect(behind('/spec/template/spec/containers/0/image', { image: { repository: 'org/web', tag: '1.4.2' } })).toEqual({ file: 'apps/web/values-prod.yaml', line: 20, column: 3 });
    expect(behind('/spec/template/spec/containers/0/image', { image: { repository: 'org/web', tag: '1.5.0' } })).toBeUndefined();
    expect(behind('/spec/template/spec/containers/0/name', { app: { tag: 'web' } })).toEqual({ file: 'apps/web/values-prod.yaml', line: 20, column: 3 });
  });

  it('is, for an unknown field, the one values path that holds that key', () => {
    expect(behind('/spec/template/spec/containers/0/unknownThing', { extra: { unknownThing: 1, other: 2 } }, true)).toEqual({ file: 'apps/web/values-prod.yaml', line: 20, column: 12 });
    expect(behind('/spec/template/spec/containers/0/unknownThing', { extra: { unknownThing: { a: 1, b: 2 } } }, true)).toEqual({ file: 'apps/web/values-prod.yaml', line: 20, column: 12 });
    expect(behind('/spec/template/spec/containers/0/unknownThing', { a: { unknownThing: 1 }, b: { unknownThing: 1 } }, true)).toBeUndefined();
    expect(behind('/spec/template/spec/containers/0/unknownThing', { a: 1 }, true)).toBeUndefined();
  });
});

describe('rendered manifests against the schemas', () => {
  const { schemas } = kubeSchemas(mkdtempSync(join(tmpdir(), 'hvm-kube-')), '1.34');
  const ctx = { app: 'web', env: 'prod', appDir: 'apps/web', output: 'manifests.yaml', values: { replicaCount: 'three' }, originOf };

  it('report each problem at the values line that fed the field, else at the template, and name kinds no schema covers once', () => {
    const docs = splitManifests(
      [
        '# Source: web/templates/deployment.yaml',
        'apiVersion: apps/v1',
        'kind: Deployment',
        'metadata:',
        '  name: web',
        'spec:',
        '  replicas: three',
        '  selector:',
        '    matchLabels: {app: web}',
        '  template:',
        '    spec:',
        '      containers: [{name: web, image: "org/web:1", imagePullPolicy: 7}]',
        '---',
        'apiVersion: example.com/v1',
        'kind: Widget',
        '---',
        'apiVersion: example.com/v1',
        'kind: Widget',
        '---',
        'apiVersion: argoproj.io/v1alpha1',
        'kind: Application',
        'metadata: {name: app}',
        'spec: {project: 1}',
      ].join('\n'),
    );
    const checked = checkManifests(docs, schemas, ctx);
    expect(checked.notValidated).toEqual(['example.com/v1/Widget']);
    expect(checked.findings.map((f) => `${f.rule} ${f.severity} ${f.file}:${f.line}:${f.column} ${f.app} ${f.env} | ${f.message}`)).toEqual([
      'manifest-schema error apps/web/values-prod.yaml:10:12 web prod | Deployment web /spec/replicas: must be integer (Kubernetes 1.34; template web/templates/deployment.yaml, manifests.yaml:1)',
      'manifest-schema error apps/web/templates/deployment.yaml:0:0 web prod | Deployment web /spec/template/spec/containers/0/imagePullPolicy: must be string (Kubernetes 1.34; manifests.yaml:1)',
      'manifest-schema error apps/web/Chart.yaml:0:0 web prod | Application app /spec: must have required property destination (Kubernetes 1.34; manifests.yaml:20)',
      'manifest-schema error apps/web/Chart.yaml:0:0 web prod | Application app /spec/project: must be string (Kubernetes 1.34; manifests.yaml:20)',
    ]);
  });
});
