import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { isMap, type Position } from '../../common';
import { readCached } from '../../values';
import type { Workspace } from '../workspace';
import type { ArgoModel } from './argo-model';
import { positionIn, type ArgoDocument } from './documents';
import { applicationPath } from './application';

/** One entry of `spec.source.helm.parameters`: Argo CD applies these like `helm --set` after the value files. */
export interface HelmParameter {
  name: string;
  value: string;
  forceString: boolean;
  at: Position;
}

export interface ValueFileEntry {
  value: string;
  at: Position;
}

/** What the checks need from an app's Argo CD Application in one env (and cluster). */
export interface ApplicationRef {
  file: string;
  valueFiles: ValueFileEntry[];
  /** Where `valueFiles` is written, or the Application's first line when it is absent. */
  valueFilesAt: Position;
  parameters: HelmParameter[];
  /** `spec.source.helm.releaseName`, when set: Argo CD's release name, else the Application's name. */
  releaseName?: string;
  /** `spec.source.path`, when set. */
  sourcePath?: ValueFileEntry;
  /** The rest of `spec.source.helm` that changes what `helm template` renders for Argo CD. */
  render: HelmRenderOptions;
}

/** Settings of `spec.source.helm` Argo CD turns into `helm template` flags. */
export interface HelmRenderOptions {
  /** `namespace`: the namespace to template with, in place of the destination's. */
  namespace?: string;
  /** `kubeVersion`: the Kubernetes version to template with, in place of the cluster's. */
  kubeVersion?: string;
  /** `apiVersions`: the API versions to template with, in place of the cluster's. */
  apiVersions: string[];
  skipCrds: boolean;
  skipTests: boolean;
  skipSchemaValidation: boolean;
}

/**
 * Read the Application that deploys `app` to `env` (an additional `cluster` has its own file).
 * Undefined when the file does not exist; a broken file throws a UserError at its line.
 */
export function readApplication(ws: Workspace, app: string, env: string, cluster?: string): ApplicationRef | undefined {
  const file = applicationPath(ws, app, env, cluster);
  const abs = join(ws.root, file);
  if (!existsSync(abs)) return undefined;
  const y = readCached(abs, file);
  const helm = ['spec', 'source', 'helm'];
  // where a path is written, else its nearest written ancestor (a parameter without a value: the parameter)
  const at = (path: (string | number)[]): Position => positionIn(y, path);
  const source = y.values.spec && isMap(y.values.spec) ? y.values.spec.source : undefined;
  const helmValues = source && isMap(source) && isMap(source.helm) ? source.helm : {};
  const files = Array.isArray(helmValues.valueFiles) ? helmValues.valueFiles : [];
  const params = Array.isArray(helmValues.parameters) ? helmValues.parameters : [];
  const path = source && isMap(source) && typeof source.path === 'string' ? { value: source.path, at: at(['spec', 'source', 'path']) } : undefined;
  return {
    file,
    sourcePath: path,
    ...(typeof helmValues.releaseName === 'string' ? { releaseName: helmValues.releaseName } : {}),
    render: {
      ...(typeof helmValues.namespace === 'string' && helmValues.namespace !== '' ? { namespace: helmValues.namespace } : {}),
      ...(typeof helmValues.kubeVersion === 'string' && helmValues.kubeVersion !== '' ? { kubeVersion: helmValues.kubeVersion } : {}),
      apiVersions: Array.isArray(helmValues.apiVersions) ? helmValues.apiVersions.filter((v): v is string => typeof v === 'string') : [],
      skipCrds: helmValues.skipCrds === true,
      skipTests: helmValues.skipTests === true,
      skipSchemaValidation: helmValues.skipSchemaValidation === true,
    },
    valueFiles: files.map((v, i) => ({ value: String(v), at: at([...helm, 'valueFiles', i]) })),
    valueFilesAt: at(files.length > 0 ? [...helm, 'valueFiles'] : []),
    parameters: params.flatMap((p, i) =>
      isMap(p) && typeof p.name === 'string'
        ? [{ name: p.name, value: p.value == null ? '' : String(p.value), forceString: p.forceString === true, at: at([...helm, 'parameters', i, 'value']) }]
        : [],
    ),
  };
}

/**
 * The Application the Argo CD model read from `file` (its first Application document), undefined
 * when the model did not read that file: checks reuse it instead of parsing the file again.
 */
export function applicationDocument(ws: Workspace, file: string): ArgoDocument | undefined {
  let index = byFile.get(ws.argo);
  if (!index) {
    index = new Map();
    for (const d of ws.argo.discovery.documents) if (d.kind === 'Application' && !index.has(d.file)) index.set(d.file, d);
    byFile.set(ws.argo, index);
  }
  return index.get(file);
}

// Looked up once per app and env: indexed once per model.
const byFile = new WeakMap<ArgoModel, Map<string, ArgoDocument>>();
