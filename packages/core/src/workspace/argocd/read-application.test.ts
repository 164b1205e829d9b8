import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { copyExampleWorkspace, EXAMPLE_ROOT } from '../../test-support/example-workspace';
import { loadWorkspace } from '../workspace';
import { applicationDocument, readApplication } from './read-application';

describe('readApplication', () => {
  it("reads the Application at the conventional path: value files, parameters and the source path, each at its line", () => {
    const ws = loadWorkspace(EXAMPLE_ROOT);
    const file = 'argocd/applications/alpha-members-prod.yaml';
    expect(readApplication(ws, 'alpha-members', 'prod')).toEqual({
      file,
      sourcePath: { value: 'deployment/helm/alpha-members', at: { file, line: 11, column: 11 } },
      valueFiles: [
        { value: 'values.yaml', at: { file, line: 14, column: 11 } },
        { value: 'values-prod.yaml', at: { file, line: 15, column: 11 } },
      ],
      valueFilesAt: { file, line: 14, column: 9 },
      parameters: [{ name: 'image.tag', value: '$ARGOCD_APP_REVISION', forceString: false, at: { file, line: 18, column: 18 } }],
      render: { apiVersions: [], skipCrds: false, skipTests: false, skipSchemaValidation: false },
    });
    expect(readApplication(ws, 'alpha-members', 'prod', 'eu-1')).toBeUndefined();
  });

  it('reads an Application without helm settings, and the release name, forceString and empty values of parameters', () => {
    const root = copyExampleWorkspace();
    const file = 'argocd/applications/alpha-members-dev.yaml';
    writeFileSync(join(root, file), 'apiVersion: argoproj.io/v1alpha1\nkind: Application\nmetadata:\n  name: alpha-members-dev\nspec:\n  source:\n    repoURL: r\n');
    const ws = loadWorkspace(root);
    expect(readApplication(ws, 'alpha-members', 'dev')).toStrictEqual({ file, sourcePath: undefined, valueFiles: [], valueFilesAt: { file, line: 1, column: 1 }, parameters: [], render: { apiVersions: [], skipCrds: false, skipTests: false, skipSchemaValidation: false } });
    // no spec at all, and empty settings: nothing is set
    writeFileSync(join(root, file), 'apiVersion: argoproj.io/v1alpha1\nkind: Application\nmetadata:\n  name: alpha-members-dev\n');
    expect(readApplication(loadWorkspace(root), 'alpha-members', 'dev')).toStrictEqual({ file, sourcePath: undefined, valueFiles: [], valueFilesAt: { file, line: 1, column: 1 }, parameters: [], render: { apiVersions: [], skipCrds: false, skipTests: false, skipSchemaValidation: false } });
    writeFileSync(join(root, file), 'apiVersion: argoproj.io/v1alpha1\nkind: Application\nmetadata:\n  name: alpha-members-dev\nspec:\n  source:\n    helm: {namespace: "", kubeVersion: "", releaseName: 3}\n');
    expect(readApplication(loadWorkspace(root), 'alpha-members', 'dev')).toStrictEqual({ file, sourcePath: undefined, valueFiles: [], valueFilesAt: { file, line: 1, column: 1 }, parameters: [], render: { apiVersions: [], skipCrds: false, skipTests: false, skipSchemaValidation: false } });
    writeFileSync(
      join(root, file),
      'apiVersion: argoproj.io/v1alpha1\nkind: Application\nmetadata:\n  name: alpha-members-dev\nspec:\n  source:\n    path: 7\n    helm:\n      releaseName: members\n      namespace: team\n      kubeVersion: "1.30"\n      apiVersions: [monitoring.coreos.com/v1, 3]\n      skipCrds: true\n      skipTests: true\n      skipSchemaValidation: true\n      parameters:\n      - {name: a, value: 1, forceString: true}\n      - {name: b}\n      - {value: no-name}\n      - text\n',
    );
    expect(readApplication(loadWorkspace(root), 'alpha-members', 'dev')).toStrictEqual({
      file,
      sourcePath: undefined,
      releaseName: 'members',
      valueFiles: [],
      valueFilesAt: { file, line: 1, column: 1 },
      parameters: [
        { name: 'a', value: '1', forceString: true, at: { file, line: 17, column: 26 } },
        { name: 'b', value: '', forceString: false, at: { file, line: 18, column: 9 } },
      ],
      render: { namespace: 'team', kubeVersion: '1.30', apiVersions: ['monitoring.coreos.com/v1'], skipCrds: true, skipTests: true, skipSchemaValidation: true },
    });
  });
});

describe('applicationDocument', () => {
  it("gives the Application document the Argo CD model read from a file, once per model, and nothing for a file it did not read", () => {
    const ws = loadWorkspace(EXAMPLE_ROOT);
    const doc = applicationDocument(ws, 'argocd/applications/alpha-members-dev.yaml');
    expect([doc?.kind, doc?.name]).toEqual(['Application', 'alpha-members-dev']);
    expect(applicationDocument(ws, 'argocd/applications/alpha-members-dev.yaml')).toBe(doc);
    expect(applicationDocument(ws, 'gitops.yaml')).toBeUndefined();
  });

  it('gives the first Application of a file that holds several documents, and nothing for a file of ApplicationSets only', () => {
    const root = copyExampleWorkspace();
    const app = (name: string) => `apiVersion: argoproj.io/v1alpha1\nkind: Application\nmetadata: {name: ${name}, namespace: argocd}\nspec:\n  project: default\n  source: {repoURL: https://github.com/org/alpha-members.git, path: deployment/helm/alpha-members}\n  destination: {server: https://kubernetes.default.svc, namespace: ${name}}\n`;
    const set = (name: string) => `apiVersion: argoproj.io/v1alpha1\nkind: ApplicationSet\nmetadata: {name: ${name}}\nspec:\n  generators: [{list: {elements: []}}]\n  template: {metadata: {name: x}, spec: {project: default, source: {repoURL: r, path: p}, destination: {namespace: x}}}\n`;
    writeFileSync(join(root, 'argocd/applications/extra.yaml'), [set('first-set'), app('extra-one'), app('extra-two'), set('last-set')].join('---\n'));
    writeFileSync(join(root, 'argocd/applications/sets.yaml'), set('only-set'));
    const ws = loadWorkspace(root);
    expect(applicationDocument(ws, 'argocd/applications/extra.yaml')?.name).toBe('extra-one');
    expect(applicationDocument(ws, 'argocd/applications/sets.yaml')).toBeUndefined();
  });
});
