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

  it('skips a layer whose value is empty, drops a leading ./, and names env, cluster and attributes alike', () => {
    expect(expandLayer('{appDir}/{region}.yaml', { ...vars, attributes: { region: '' } })).toBeUndefined();
    expect(expandLayer('{appDir}/values-{env}.{cluster}.yaml', { ...vars, cluster: '' })).toBeUndefined();
    expect(expandLayer('./{app}/{env}.yaml', vars)).toBe('billing/prod-us.yaml');
    expect(expandLayer('{app}/{appDir}/{env}/{type}.yaml', { ...vars, cluster: 'eu' })).toBe('billing/apps/billing/prod-us/prod.yaml');
    expect(unknownPlaceholders('{app}{appDir}{env}{cluster}{type}{x-1}{_y}{9z}', ['type'])).toEqual(['x-1', '_y']);
  });

  it('recognises a layer file by its shape only: the app and its folder fixed, every other placeholder one path segment', () => {
    const re = layerPatternRegExp('{appDir}/values-{env}.{cluster}.yaml', { app: 'bill.ing', appDir: 'apps/bill.ing' });
    expect(re.test('apps/bill.ing/values-qa.eu.yaml')).toBe(true);
    expect(re.test('apps/billxing/values-qa.eu.yaml')).toBe(false);
    expect(re.test('apps/bill.ing/values-qa/x.eu.yaml')).toBe(false);
    expect(re.test('apps/bill.ing/values-qa.euxyaml')).toBe(false);
    expect(layerPatternRegExp('envs/{env}/{app}.yaml', { app: 'a+b', appDir: 'x' }).test('envs/qa/a+b.yaml')).toBe(true);
    expect(layerPatternRegExp('envs/{env}/{app}.yaml', { app: 'a+b', appDir: 'x' }).test('envs/qa/aab.yaml')).toBe(false);
  });
});
