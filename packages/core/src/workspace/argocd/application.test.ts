import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { EXAMPLE_ROOT } from '../../test-support/example-workspace';
import { loadWorkspace } from '../workspace';
import { parseValuesYaml } from '../../yaml';
import { UserError } from '../../common';
import { applicationName, applicationPath, argoApplication } from './application';

describe('argoApplication', () => {
  const ws = loadWorkspace(EXAMPLE_ROOT);

  it('reproduces the example workspace Applications byte for byte', () => {
    for (const env of ['dev', 'staging', 'prod']) {
      const path = applicationPath(ws, 'alpha-members', env);
      expect(argoApplication(ws, 'alpha-members', env)).toBe(readFileSync(join(EXAMPLE_ROOT, path), 'utf8'));
    }
  });

  it('lists the layers of an additional cluster and targets its server', () => {
    const withCluster = {
      ...ws,
      config: {
        ...ws.config,
        clusters: [...ws.config.clusters, { name: 'prod-eu', server: 'https://eu.example.com' }],
        environments: ws.config.environments.map((e) => (e.name === 'prod' ? { ...e, clusters: ['in-cluster', 'prod-eu'] } : e)),
      },
    };
    const app = parseValuesYaml(argoApplication(withCluster, 'alpha-members', 'prod', 'prod-eu'), 'app.yaml').values as any;
    expect(app.metadata.name).toBe('alpha-members-prod-prod-eu');
    expect(app.spec.source.helm.valueFiles).toEqual(['values.yaml', 'values-prod.yaml', 'values-prod.prod-eu.yaml']);
    expect(app.spec.destination).toEqual({ server: 'https://eu.example.com', namespace: 'production' });
  });

  it('names the Application APP-ENV, or APP-ENV-CLUSTER on an additional cluster', () => {
    expect(applicationName('web', 'prod')).toBe('web-prod');
    expect(applicationName('web', 'prod', 'eu')).toBe('web-prod-eu');
    expect(applicationPath(ws, 'alpha-members', 'prod', 'eu')).toBe(`${ws.config.argocd.applicationsDir}/alpha-members-prod-eu.yaml`);
  });

  it('refuses, in gitops.yaml, a cluster without a server and an Argo CD repository without a URL', () => {
    const refusal = (w: typeof ws, cluster?: string) => {
      try {
        argoApplication(w, 'alpha-members', 'prod', cluster);
      } catch (e) {
        expect(e).toBeInstanceOf(UserError);
        return { message: (e as UserError).message, file: (e as UserError).file, hint: (e as UserError).hint };
      }
      throw new Error('rendered');
    };
    expect(refusal(ws, 'nowhere')).toEqual({ message: 'cluster "nowhere" of env "prod" is not declared under clusters', file: 'gitops.yaml', hint: 'Declare it with nx g cluster.' });
    const noRepo = { ...ws, config: { ...ws.config, argocd: { ...ws.config.argocd, repoURL: '' } } };
    expect(refusal(noRepo)).toEqual({ message: 'argocd.repoURL is not set, so Argo CD Applications cannot say where to pull from', file: 'gitops.yaml', hint: 'Add "argocd:\\n  repoURL: https://github.com/ORG/REPO.git" to gitops.yaml.' });
  });
});
