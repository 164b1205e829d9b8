import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CORPUS, EXAMPLE_ROOT } from '../test-support/example-workspace';
import { setValuesInText } from './yaml-edit';

const changedLines = (a: string, b: string) => {
  const x = a.split('\n');
  const y = b.split('\n');
  return { before: x.filter((l, i) => l !== y[i]), after: y.filter((l, i) => l !== x[i]), lengths: [x.length, y.length] };
};

describe('setValuesInText', () => {
  it('changes one line of argo-cd\'s 4,700-line values.yaml to bump a tag', () => {
    const text = readFileSync(join(CORPUS, 'argo-helm/argo-cd/values.yaml'), 'utf8');
    const out = setValuesInText(text, 'values.yaml', [{ path: ['global', 'image', 'tag'], value: 'v2.13.1' }]);
    expect(changedLines(text, out)).toEqual({ before: ['    tag: ""'], after: ['    tag: "v2.13.1"'], lengths: [text.split('\n').length, text.split('\n').length] });
  });

  it('keeps the trailing comment and the quoting of the value it replaces', () => {
    const text = readFileSync(join(EXAMPLE_ROOT, 'deployment/helm/alpha-members/values-prod.yaml'), 'utf8');
    const out = setValuesInText(text, 'f', [{ path: ['image', 'tag'], value: '1.4.2' }, { path: ['replicaCount'], value: 4 }]);
    expect(changedLines(text, out).after).toEqual(['replicaCount: 4', '  tag: "1.4.2"  # Set by CI/CD from release']);
    expect(setValuesInText("a: 'x'  # c\n", 'f', [{ path: ['a'], value: "it's" }])).toBe("a: 'it''s'  # c\n");
    expect(setValuesInText('a: x\n', 'f', [{ path: ['a'], value: 'yes' }])).toBe('a: "yes"\n');
  });

  it('finds keys as Helm reads them: a date-like key is text, and is changed rather than added again', () => {
    const text = 'releases:\n  2024-01-01: old  # first\n';
    expect(setValuesInText(text, 'f', [{ path: ['releases', '2024-01-01'], value: 'new' }])).toBe('releases:\n  2024-01-01: new  # first\n');
  });

  it('adds a missing key under its parent, or in the base order at the top level', () => {
    const text = '# overlay\nimage:\n  # the tag\n  tag: "1"\n\nresources:\n  limits:\n    cpu: 1\n';
    expect(setValuesInText(text, 'f', [{ path: ['image', 'pullPolicy'], value: 'Always' }])).toBe('# overlay\nimage:\n  # the tag\n  tag: "1"\n  pullPolicy: Always\n\nresources:\n  limits:\n    cpu: 1\n');
    const order = () => ['replicaCount', 'image', 'config', 'resources'];
    expect(setValuesInText(text, 'f', [{ path: ['config', 'featureFlags', 'beta'], value: true }], order)).toBe(
      '# overlay\nimage:\n  # the tag\n  tag: "1"\n\nconfig:\n  featureFlags:\n    beta: true\nresources:\n  limits:\n    cpu: 1\n',
    );
    expect(setValuesInText('', 'f', [{ path: ['image', 'tag'], value: '2' }])).toBe('image:\n  tag: "2"\n');
  });

  it('inserts a new key above the comment that documents the next key, never between them', () => {
    const text = 'image:\n  tag: "1"\n\n# Limits for this env only.\n# Reviewed by the platform team.\nresources:\n  limits:\n    cpu: 1\n';
    const order = () => ['image', 'config', 'resources'];
    expect(setValuesInText(text, 'f', [{ path: ['config', 'logLevel'], value: 'info' }], order)).toBe(
      'image:\n  tag: "1"\n\nconfig:\n  logLevel: info\n# Limits for this env only.\n# Reviewed by the platform team.\nresources:\n  limits:\n    cpu: 1\n',
    );
    const nested = 'image:\n  # pinned by CI\n  tag: "1"\n';
    expect(setValuesInText(nested, 'f', [{ path: ['image', 'repository'], value: 'org/api' }], () => ['repository', 'tag'])).toMatch(/^image:\n(  repository: org\/api\n  # pinned by CI\n  tag: "1"|  # pinned by CI\n  tag: "1"\n  repository: org\/api)\n$/);
  });

  it('replaces a whole list in the style it was written', () => {
    expect(setValuesInText('hosts: [a, b]\nx: 1\n', 'f', [{ path: ['hosts'], value: ['c'] }])).toBe('hosts: ["c"]\nx: 1\n');
    expect(setValuesInText('hosts:\n  - a\n  - b\nx: 1\n', 'f', [{ path: ['hosts'], value: ['c', 'd'] }])).toBe('hosts:\n  - c\n  - d\nx: 1\n');
  });

  it('refuses to turn a scalar into a map, naming the file', () => {
    expect(() => setValuesInText('image: nginx\n', 'values-prod.yaml', [{ path: ['image', 'tag'], value: '1' }])).toThrow(/cannot set image.tag: image is not a mapping here/);
  });
});
