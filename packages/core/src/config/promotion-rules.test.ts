import { describe, expect, it } from 'vitest';
import { parseValuesYaml } from '../yaml';
import { parseConfig } from './load-config';
import { isImageTag, isPromotable, matchesKeyPattern } from './promotion-rules';

describe('which keys promotion copies', () => {
  it('matches key patterns segment by segment: * one segment, ** any number, list indexes as segments', () => {
    expect(matchesKeyPattern('image.tag', ['image', 'tag'])).toBe(true);
    expect(matchesKeyPattern('image.tag', ['image', 'tag', 'x'])).toBe(false);
    expect(matchesKeyPattern('image.tag', ['image'])).toBe(false);
    expect(matchesKeyPattern('image.*', ['image', 'repository'])).toBe(true);
    expect(matchesKeyPattern('image.*', ['image'])).toBe(false);
    expect(matchesKeyPattern('*.tag', ['a', 'b', 'tag'])).toBe(false);
    expect(matchesKeyPattern('**.image.tag', ['image', 'tag'])).toBe(true);
    expect(matchesKeyPattern('**.image.tag', ['a', 'b', 'image', 'tag'])).toBe(true);
    expect(matchesKeyPattern('**.image.tag', ['a', 'image', 'tag', 'b'])).toBe(false);
    expect(matchesKeyPattern('resources.**', ['resources'])).toBe(true);
    expect(matchesKeyPattern('resources.**', ['resources', 'limits', 'cpu'])).toBe(true);
    expect(matchesKeyPattern('resources.**', ['resourcesX'])).toBe(false);
    expect(matchesKeyPattern('hosts.*.host', ['hosts', 0, 'host'])).toBe(true);
    expect(matchesKeyPattern('hosts.1.host', ['hosts', 0, 'host'])).toBe(false);
  });

  it('knows an image tag by a tag key under a key ending in image, in any case', () => {
    expect(isImageTag(['image', 'tag'])).toBe(true);
    expect(isImageTag(['sidecar', 'initImage', 'tag'])).toBe(true);
    expect(isImageTag(['IMAGE', 'tag'])).toBe(true);
    expect(isImageTag(['tag'])).toBe(false);
    expect(isImageTag(['image', 'digest'])).toBe(false);
    expect(isImageTag(['imageX', 'tag'])).toBe(false);
  });

  it('copies image tags and promotable keys, never what a never pattern names, globally or for the app', () => {
    const config = parseConfig(
      parseValuesYaml(
        [
          'environments: [{name: dev}, {name: prod}]',
          'promotion:',
          '  promotable: [config.featureFlags.**]',
          '  never: [replicaCount]',
          '  apps:',
          '    shop:',
          '      promotable: [config.theme]',
          '      never: [image.tag]',
          '',
        ].join('\n'),
        'gitops.yaml',
      ),
    );
    expect(isPromotable(config, 'billing', ['image', 'tag'])).toBe(true);
    expect(isPromotable(config, 'billing', ['config', 'featureFlags', 'beta'])).toBe(true);
    expect(isPromotable(config, 'billing', ['config', 'theme'])).toBe(false);
    expect(isPromotable(config, 'billing', ['replicaCount'])).toBe(false);
    expect(isPromotable(config, 'shop', ['config', 'theme'])).toBe(true);
    expect(isPromotable(config, 'shop', ['image', 'tag'])).toBe(false);
    expect(isPromotable(config, 'shop', ['sidecar', 'image', 'tag'])).toBe(true);
    // the defaults: image tags, never resources or replicas
    const defaults = parseConfig(parseValuesYaml('environments: [{name: dev}]\n', 'gitops.yaml'));
    expect(isPromotable(defaults, 'x', ['worker', 'image', 'tag'])).toBe(true);
    expect(isPromotable(defaults, 'x', ['resources', 'limits', 'cpu'])).toBe(false);
    expect(isPromotable(defaults, 'x', ['config', 'other'])).toBe(false);
  });
});
