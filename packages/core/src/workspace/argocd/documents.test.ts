import { describe, expect, it } from 'vitest';
import { positionIn, readArgoDocuments } from './documents';

const FILE = 'argocd/apps.yaml';
const application = (name: string) => `apiVersion: argoproj.io/v1alpha1\nkind: Application\nmetadata:\n  name: ${name}\nspec:\n  project: default\n`;

describe('readArgoDocuments', () => {
  it('reads the Applications and ApplicationSets of a file, skipping other documents without a word', () => {
    const text = [
      application('one'),
      'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: cm}\n',
      'apiVersion: argoproj.io/v1alpha1\nkind: AppProject\nmetadata: {name: p}\n',
      'apiVersion: example.com/v1\nkind: Application\nmetadata: {name: other-group}\n',
      'kind: Application\nmetadata: {name: no-version}\n',
      'apiVersion: argoproj.io/v1alpha1\nkind: ApplicationSet\nmetadata: {name: set}\nspec: {}\n',
      '- a list\n',
      '',
    ].join('---\n');
    const { documents, findings } = readArgoDocuments(text, FILE);
    expect(findings).toEqual([]);
    expect(documents.map((d) => [d.kind, d.name, d.file, d.data.metadata])).toEqual([
      ['Application', 'one', FILE, { name: 'one' }],
      ['ApplicationSet', 'set', FILE, { name: 'set' }],
    ]);
    // Each document's positions are its own lines in the file.
    expect(positionIn(documents[1].yaml, ['metadata', 'name'])).toEqual({ file: FILE, line: 25, column: 18 });
    expect(positionIn(documents[0].yaml, ['spec', 'project'], true)).toEqual({ file: FILE, line: 6, column: 3 });
    expect(positionIn(documents[0].yaml, ['spec', 'source', 'path'])).toEqual({ file: FILE, line: 5, column: 1 });
    expect(positionIn(documents[1].yaml, ['nothing'])).toEqual({ file: FILE, line: 23, column: 1 });
  });

  it('reads a single document that starts with ---, and one in flow style', () => {
    expect(readArgoDocuments(`---\n${application('a')}`, FILE).documents.map((d) => d.name)).toEqual(['a']);
    const flow = readArgoDocuments('{apiVersion: argoproj.io/v1alpha1, kind: Application, metadata: {name: b}, spec: {project: x}}\n', FILE);
    expect(flow.documents.map((d) => [d.name, d.data.spec])).toEqual([['b', { project: 'x' }]]);
    expect(positionIn(flow.documents[0].yaml, ['spec', 'project'])).toEqual({ file: FILE, line: 1, column: 92 });
  });

  it('reports a nameless Application and a document that is not YAML at their lines, and still reads the others', () => {
    const text = [application('first'), 'apiVersion: argoproj.io/v1alpha1\nkind: ApplicationSet\nmetadata:\n  labels: {a: b}\n', 'apiVersion: argoproj.io/v1alpha1\nkind: Application\nmetadata: [unclosed\n', application('last')].join('---\n');
    const { documents, findings } = readArgoDocuments(text, FILE);
    expect(documents.map((d) => d.name)).toEqual(['first', 'last']);
    expect(findings).toEqual([
      { rule: 'argocd-application-unreadable', severity: 'error', message: 'this ApplicationSet has no metadata.name', file: FILE, line: 11, column: 3, hint: 'Give it a name: Argo CD refuses a nameless resource.' },
      { rule: 'input', severity: 'error', message: expect.stringMatching(/^YAML syntax error: [^\n]+$/), file: FILE, line: 16, column: 1, hint: 'Fix the YAML syntax at this position; the other documents of the file are still read.' },
    ]);
  });

  it('reads nothing from an empty file, a comment or a document of aliases past the limit', () => {
    expect(readArgoDocuments('', FILE)).toEqual({ documents: [], findings: [] });
    expect(readArgoDocuments('# only a comment\n---\n', FILE)).toEqual({ documents: [], findings: [] });
    const laughs = ['a: &a [x, x, x, x, x, x, x, x, x, x]', ...Array.from({ length: 8 }, (_, i) => `${String.fromCharCode(98 + i)}: &${String.fromCharCode(98 + i)} [${Array(10).fill(`*${String.fromCharCode(97 + i)}`).join(', ')}]`)].join('\n');
    const bomb = readArgoDocuments(`${application('ok')}---\napiVersion: argoproj.io/v1alpha1\nkind: Application\nmetadata: {name: bomb}\nspec:\n  x:\n${laughs.replace(/^/gm, '    ')}\n`, FILE);
    expect(bomb.documents.map((d) => d.name)).toEqual(['ok']);
    expect(bomb.findings).toEqual([]);
  });

  it('skips a Helm template that is not YAML until rendered', () => {
    const text = `${application('plain')}---\napiVersion: argoproj.io/v1alpha1\nkind: Application\nmetadata:\n  name: {{ .Values.name }}\n  {{- with .Values.labels }}\n  labels: {{ toYaml . }}\n  {{- end }}\n`;
    const { documents, findings } = readArgoDocuments(text, FILE);
    expect(findings).toEqual([]);
    expect(documents.map((d) => d.name)).toEqual(['plain']);
  });

  it('skips only the templated document, reports a broken one beside it, and reads aliases up to a thousand', () => {
    const text = `apiVersion: argoproj.io/v1alpha1\nkind: Application\nmetadata:\n  name: {{ .Values.name }}\n  {{- with .Values.labels }}\n---\napiVersion: argoproj.io/v1alpha1\nkind: Application\nmetadata: [unclosed\n`;
    expect(readArgoDocuments(text, FILE).findings.map((f) => `${f.line}:${f.column} ${f.rule} ${f.hint}`)).toEqual(['10:1 input Fix the YAML syntax at this position; the other documents of the file are still read.']);
    const aliases = Array.from({ length: 150 }, () => '*v').join(', ');
    const many = readArgoDocuments(`${application('many')}---\napiVersion: argoproj.io/v1alpha1\nkind: Application\nmetadata: {name: shared}\nspec:\n  base: &v {a: 1}\n  copies: [${aliases}]\n`, FILE);
    expect(many.documents.map((d) => [d.name, (d.data.spec as { copies?: unknown[] } | undefined)?.copies?.length])).toEqual([
      ['many', undefined],
      ['shared', 150],
    ]);
  });

  it('takes only a text apiVersion of the argoproj.io group and a text name', () => {
    const text = [
      'apiVersion: [argoproj.io/v1alpha1]\nkind: Application\nmetadata: {name: listed}\n',
      'apiVersion: argoproj.io/v1alpha1\nkind: Application\nmetadata: {name: 42}\n',
    ].join('---\n');
    const { documents, findings } = readArgoDocuments(text, FILE);
    expect(documents).toEqual([]);
    expect(findings.map((f) => `${f.line}:${f.column} ${f.message}`)).toEqual(['7:11 this Application has no metadata.name']);
  });
});
