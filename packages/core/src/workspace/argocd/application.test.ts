import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { EXAMPLE_ROOT } from '../../test-support/example-workspace';
import { loadWorkspace } from '../workspace';
import { parseValuesYaml } from '../../yaml';
import { applicationPath, argoApplication } from './application';

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
});
