import { describe, expect, it } from 'vitest';
import { chartDeclares, chartPath, keyMap, ruleView } from './policy-keys';

describe("a chart's own names for what the policy rules read (policy.apps.<app>.keys)", () => {
  const keys = keyMap({ imageTag: 'imageVersion', securityContext: 'container.securityContext', replicaCount: 'replicaCount' });

  it('keeps only renamed keys', () => {
    expect(keys).toEqual([
      { rule: ['image', 'tag'], chart: ['imageVersion'] },
      { rule: ['securityContext'], chart: ['container', 'securityContext'] },
    ]);
    expect(keyMap({ imageTag: 'image.tag', hostPID: 'hostPID' })).toEqual([]);
  });

  it('moves each renamed value to where the rules read it, and removes what the chart does not set there', () => {
    const values = { imageVersion: 'latest', image: 'org/web', container: { securityContext: { runAsNonRoot: true } }, securityContext: { privileged: true } };
    const view = ruleView(values, keys);
    expect(view).toEqual({ imageVersion: 'latest', image: { tag: 'latest' }, container: { securityContext: { runAsNonRoot: true } }, securityContext: { runAsNonRoot: true } });
    expect(values.image).toBe('org/web');
    expect(Object.keys(ruleView({ image: { tag: '1.0', pullPolicy: 'Always' } }, keys).image as object)).toEqual(['pullPolicy']);
    const plain = { image: { tag: '1.0' } };
    expect(ruleView(plain, [])).toBe(plain);
  });

  it("names a rule's path as the chart names it", () => {
    expect(chartPath(['image', 'tag'], keys)).toEqual(['imageVersion']);
    expect(chartPath(['securityContext', 'capabilities', 'drop'], keys)).toEqual(['container', 'securityContext', 'capabilities', 'drop']);
    expect(chartPath(['image', 'pullPolicy'], keys)).toEqual(['image', 'pullPolicy']);
    expect(chartPath(['image'], keys)).toEqual(['image']);
  });
});

describe('whether a chart reads a key', () => {
  const defaults = { image: { tag: '' }, securityContext: {}, podAnnotations: null, resources: { limits: { cpu: 1 } } };

  it('yes when its values.yaml holds it, or holds an ancestor as an empty map or null', () => {
    expect(chartDeclares(['image', 'tag'], defaults)).toBe(true);
    expect(chartDeclares(['securityContext', 'runAsNonRoot'], defaults)).toBe(true);
    expect(chartDeclares(['podAnnotations', 'a', 'b'], defaults)).toBe(true);
    expect(chartDeclares(['image', 'digest'], defaults)).toBe(false);
    expect(chartDeclares(['resources', 'requests', 'cpu'], defaults)).toBe(false);
    expect(chartDeclares(['hostNetwork'], defaults)).toBe(false);
  });

  it('yes when its schema declares it, or declares an ancestor as a free-form object or a list of anything', () => {
    const schema = {
      type: 'object',
      properties: {
        image: { type: 'object', properties: { digest: { type: 'string' } } },
        podSecurityContext: { type: 'object' },
        closed: { type: 'object', additionalProperties: false },
        hosts: { type: 'array' },
        tls: { type: 'array', items: { type: 'object', properties: { secretName: { type: 'string' } } } },
        flag: true,
        name: { type: 'string' },
      },
    };
    // values.yaml sets something else
    const declares = (...path: (string | number)[]) => chartDeclares(path, { other: 1 }, schema);
    expect(declares('image', 'digest')).toBe(true);
    expect(declares('image', 'tag')).toBe(false);
    expect(declares('podSecurityContext', 'runAsNonRoot')).toBe(true);
    expect(declares('closed', 'x')).toBe(false);
    expect(declares('hosts', 0)).toBe(true);
    expect(declares('tls', 0, 'secretName')).toBe(true);
    expect(declares('tls', 0, 'hosts')).toBe(false);
    expect(declares('image', 0)).toBe(false);
    expect(declares('flag')).toBe(false);
    expect(declares('flag', 'x')).toBe(false);
    expect(declares('name', 'x')).toBe(false);
    expect(chartDeclares(['image', 'digest'], { other: 1 }, undefined)).toBe(false);
    expect(chartDeclares(['image'], { other: 1 }, 'not a schema')).toBe(false);
    // an empty values.yaml is no block passed through whole: it declares nothing
    expect(chartDeclares(['image', 'digest'], {}, undefined)).toBe(false);
    expect(chartDeclares(['hostNetwork'], {}, undefined)).toBe(false);
    expect(chartDeclares(['image', 'digest'], {}, schema)).toBe(true);
  });
});
