import { describe, expect, it } from 'vitest';
import { expandLayer, layerPatternRegExp, unknownPlaceholders } from './layout-patterns';

describe('declared layouts', () => {
  const vars = { app: 'billing', appDir: 'apps/billing', env: 'prod-us', attributes: { type: 'prod', region: 'us' } };

  it('expands each layout class of docs/layouts.md', () => {
    expect(expandLayer('{appDir}/values_{env}.yaml', vars)).toBe('apps/billing/values_prod-us.yaml');
    expect(expandLayer('{appDir}/{env}/values.yaml', vars)).toBe('apps/billing/prod-us/values.yaml');
    expect(expandLayer('envs/{env}/{app}.yaml', vars)).toBe('envs/prod-us/billing.yaml');
    expect(expandLayer('{appDir}/env-type/{type}-values.yaml', vars)).toBe('apps/billing/env-type/prod-values.yaml');
    expect(expandLayer('{appDir}/regions/{region}-values.yaml', vars)).toBe('apps/billing/regions/us-values.yaml');
    expect(expandLayer('values/{app}/../shared.yaml', vars)).toBe('values/shared.yaml');
  });

  it('skips a layer that names what the env does not have', () => {
    expect(expandLayer('{appDir}/values-{env}.{cluster}.yaml', vars)).toBeUndefined();
    expect(expandLayer('{appDir}/values-{env}.{cluster}.yaml', { ...vars, cluster: 'eu' })).toBe('apps/billing/values-prod-us.eu.yaml');
    expect(expandLayer('{appDir}/{tier}.yaml', vars)).toBeUndefined();
  });

  it('finds typos and recognises files that have a layer shape', () => {
    expect(unknownPlaceholders('{appDir}/{regoin}.yaml', ['type', 'region'])).toEqual(['regoin']);
    expect(layerPatternRegExp('{appDir}/values-{env}.yaml', vars).test('apps/billing/values-qa.yaml')).toBe(true);
    expect(layerPatternRegExp('{appDir}/values-{env}.yaml', vars).test('apps/other/values-qa.yaml')).toBe(false);
  });
});
