import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CORPUS, EXAMPLE_ROOT } from '../test-support/example-workspace';
import { userErrorOf } from '../test-support/user-error-of';
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

  it('refuses to turn a scalar or a list into a map, at its file, line and column', () => {
    const refusal = (text: string, path: (string | number)[]) => userErrorOf(() => setValuesInText(text, 'values-prod.yaml', [{ path, value: '1' }])).format();
    expect(refusal('replicaCount: 1\nimage: nginx\n', ['image', 'tag'])).toBe('values-prod.yaml:2:8: cannot set image.tag: image is not a mapping here\n  Edit the file by hand, or make it a mapping.');
    expect(refusal('a:\n  b:\n    - 1\n', ['a', 'b', 'c'])).toBe('values-prod.yaml:3:5: cannot set a.b.c: a.b is not a mapping here\n  Edit the file by hand, or make it a mapping.');
    expect(refusal('# a list\n- 1\n', ['a'])).toBe('values-prod.yaml:2:1: cannot set a: the top level is not a mapping here\n  Edit the file by hand, or make it a mapping.');
    expect(refusal('hosts:\n  - a\n', ['hosts', 0])).toBe('values-prod.yaml:2:3: cannot set hosts[0]: hosts is not a mapping here\n  Edit the file by hand, or make it a mapping.');
  });

  it('fills a key written with nothing after it, keeping its comment', () => {
    expect(setValuesInText('image:\n  tag:\n  pullPolicy: Always\n', 'f', [{ path: ['image', 'tag'], value: '1.2' }])).toBe('image:\n  tag: "1.2"\n  pullPolicy: Always\n');
    expect(setValuesInText('tag: # set by CI\nx: 1\n', 'f', [{ path: ['tag'], value: 'v2' }])).toBe('tag: v2 # set by CI\nx: 1\n');
    expect(setValuesInText('x:\n  resources:\n  y: 1\n', 'f', [{ path: ['x', 'resources'], value: { limits: { cpu: '1' } } }])).toBe('x:\n  resources:\n    limits:\n      cpu: "1"\n  y: 1\n');
    expect(setValuesInText('x:\n  hosts:\n', 'f', [{ path: ['x', 'hosts'], value: [] }])).toBe('x:\n  hosts: []\n');
  });

  it('fills an empty key wherever it stands among its siblings, and adds to a file of comments only', () => {
    expect(setValuesInText('x:\n  a: 1\n  b:\n', 'f', [{ path: ['x', 'b'], value: 'v' }])).toBe('x:\n  a: 1\n  b: v\n');
    expect(setValuesInText('# only a comment', 'f', [{ path: ['a'], value: 1 }])).toBe('# only a comment\na: 1\n');
    expect(setValuesInText('# only a comment\n', 'f', [{ path: ['a'], value: 1 }])).toBe('# only a comment\na: 1\n');
  });

  it('writes a new block in YAML 1.1, on unfolded lines, and plain text plainly', () => {
    const long = 'word '.repeat(30).trim();
    expect(setValuesInText('a: 1\n', 'f', [{ path: ['b'], value: { flag: 'yes', text: long } }])).toBe(`a: 1\nb:\n  flag: "yes"\n  text: ${long}\n`);
    expect(setValuesInText('a: x  # c\n', 'f', [{ path: ['a'], value: 'z' }])).toBe('a: z  # c\n');
  });

  it('asks for the key order of the parent the new key goes under', () => {
    const order = (parent: (string | number)[]) => (parent.join('.') === 'x' ? ['a', 'b', 'c'] : []);
    expect(setValuesInText('x:\n  a: 1\n  c: 3\n', 'f', [{ path: ['x', 'b'], value: 2 }], order)).toBe('x:\n  a: 1\n  b: 2\n  c: 3\n');
  });

  it('adds keys under a key written empty, or as {}', () => {
    expect(setValuesInText('x:\n  a:\n  b: 1\n', 'f', [{ path: ['x', 'a', 'c', 'd'], value: 'v' }])).toBe('x:\n  a:\n    c:\n      d: v\n  b: 1\n');
    expect(setValuesInText('podAnnotations: {}\nb: 1\n', 'f', [{ path: ['podAnnotations', 'sidecar.istio.io/inject'], value: 'false' }])).toBe('podAnnotations: {"sidecar.istio.io/inject":"false"}\nb: 1\n');
  });

  it('adds empty lists and maps, and keys that need quotes, as YAML that reads back the same', () => {
    expect(setValuesInText('a:\n  b: 1\n', 'f', [{ path: ['a', 'c'], value: [] }, { path: ['a', 'd'], value: {} }])).toBe('a:\n  b: 1\n  c: []\n  d: {}\n');
    expect(setValuesInText('k:\n  a: 1\n', 'f', [{ path: ['k', 'yes'], value: 'on' }, { path: ['n 1'], value: 1 }])).toBe('k:\n  a: 1\n  "yes": "on"\nn 1: 1\n');
    expect(setValuesInText('a: 1', 'f', [{ path: ['b'], value: 2 }])).toBe('a: 1\nb: 2\n');
    expect(setValuesInText('a:\n    b: 1\n', 'f', [{ path: ['a', 'c'], value: 3 }])).toBe('a:\n    b: 1\n    c: 3\n');
    expect(setValuesInText('  a: 1\n', 'f', [{ path: ['b'], value: 2 }])).toBe('  a: 1\n  b: 2\n');
    expect(setValuesInText('a:\n  b:\n    c: 1\n  d: 2\n', 'f', [{ path: ['a', 'e'], value: 3 }])).toBe('a:\n  b:\n    c: 1\n  d: 2\n  e: 3\n');
  });

  it('puts a new key before the first sibling the base lists after it, moving up only over comments of its own indentation', () => {
    const order = () => ['a', 'b', 'c'];
    expect(setValuesInText('a: 1\nc: 3\n', 'f', [{ path: ['b'], value: 2 }], order)).toBe('a: 1\nb: 2\nc: 3\n');
    expect(setValuesInText('# doc c\nc: 3\n', 'f', [{ path: ['b'], value: 2 }], order)).toBe('b: 2\n# doc c\nc: 3\n');
    expect(setValuesInText('a: 1\n  # doc of a\nc: 3\n', 'f', [{ path: ['b'], value: 2 }], order)).toBe('a: 1\n  # doc of a\nb: 2\nc: 3\n');
    expect(setValuesInText('x:\n  a: 1\n    # deeper\n  # doc c\n  c: 3\n', 'f', [{ path: ['x', 'b'], value: 2 }], order)).toBe('x:\n  a: 1\n    # deeper\n  b: 2\n  # doc c\n  c: 3\n');
    expect(setValuesInText('a: 1\n# doc of c\nc: 3\n', 'f', [{ path: ['b'], value: 2 }], () => ['b', 'a', 'c'])).toBe('b: 2\na: 1\n# doc of c\nc: 3\n');
    // a key the base does not list goes last
    expect(setValuesInText('c: 3\na: 1\n', 'f', [{ path: ['z'], value: 0 }], order)).toBe('c: 3\na: 1\nz: 0\n');
  });

  it('writes a new value in the style of the old one', () => {
    expect(setValuesInText('a: "x"\n', 'f', [{ path: ['a'], value: 'it\'s "q"\nline' }])).toBe('a: "it\'s \\"q\\"\\nline"\n');
    expect(setValuesInText("a: 'x'\n", 'f', [{ path: ['a'], value: 'two\nlines' }])).toBe('a: "two\\nlines"\n');
    expect(setValuesInText("a: 'x'\n", 'f', [{ path: ['a'], value: 5 }])).toBe('a: 5\n');
    expect(setValuesInText('a: "x"\n', 'f', [{ path: ['a'], value: true }])).toBe('a: true\n');
    expect(setValuesInText('a: x\n', 'f', [{ path: ['a'], value: null }])).toBe('a: null\n');
    expect(setValuesInText('a: 1  \n', 'f', [{ path: ['a'], value: 2 }])).toBe('a: 2  \n');
    expect(setValuesInText('a: |\n  x\n  y\nb: 1\n', 'f', [{ path: ['a'], value: 'z' }])).toBe('a: z\nb: 1\n');
    expect(setValuesInText('a:\n  - x\n  - y\n\nb: 1\n', 'f', [{ path: ['a'], value: ['z'] }])).toBe('a:\n  - z\n\nb: 1\n');
    expect(setValuesInText('a: {x: 1}\n', 'f', [{ path: ['a'], value: { y: 2 } }])).toBe('a: {"y":2}\n');
    expect(setValuesInText('a:\n  x: 1\n  y: 2\nz: 3\n', 'f', [{ path: ['a'], value: { q: 1 } }])).toBe('a:\n  q: 1\nz: 3\n');
    expect(setValuesInText('1: a\n', 'f', [{ path: ['1'], value: 'b' }])).toBe('1: b\n');
  });
});
