import { describe, expect, it } from 'vitest';
import { renderGoTemplate, TemplateError } from './template-go';
import { renderFastTemplate } from './template-fast';

const params = {
  path: { path: 'apps/Billing_API', basename: 'Billing_API', basenameNormalized: 'billing-api', segments: ['apps', 'Billing_API'] },
  cluster: 'prod-eu',
  values: { replicas: 3, tags: ['a', 'b'] },
  env: '',
};

describe('Go templates as ApplicationSets use them', () => {
  it('reads fields, indexes and pipelines', () => {
    expect(renderGoTemplate('{{.path.basename}}-{{.cluster}}', params)).toBe('Billing_API-prod-eu');
    expect(renderGoTemplate('{{ index .path.segments 1 }}', params)).toBe('Billing_API');
    expect(renderGoTemplate('{{ .path.basename | lower | replace "_" "-" }}', params)).toBe('billing-api');
    expect(renderGoTemplate('{{ normalize .path.basename }}', params)).toBe('billing-api');
    expect(renderGoTemplate('{{ trimPrefix "prod-" .cluster }}', params)).toBe('eu');
    expect(renderGoTemplate('{{ default "dev" .env }}', params)).toBe('dev');
    expect(renderGoTemplate('{{ .values.replicas }}', params)).toBe('3');
  });

  it('branches with if / else if / else and trims with {{- -}}', () => {
    const t = '{{- if eq .cluster "prod-us" -}} us {{- else if hasPrefix "prod" .cluster -}} other-prod {{- else -}} dev {{- end -}}';
    expect(renderGoTemplate(t, params)).toBe('other-prod');
    expect(renderGoTemplate('{{ if and .cluster (not .env) }}yes{{ end }}', params)).toBe('yes');
  });

  it('ranges, declares variables and prints YAML as Argo CD toYaml does', () => {
    expect(renderGoTemplate('{{ range $i, $t := .values.tags }}{{ $i }}={{ $t }};{{ end }}', params)).toBe('0=a;1=b;');
    expect(renderGoTemplate('{{ $c := .cluster }}{{ $c | upper }}', params)).toBe('PROD-EU');
    expect(renderGoTemplate('{{ toYaml .values }}', params)).toBe('replicas: 3\ntags:\n- a\n- b');
  });

  it('prints <no value> for a missing key, or fails with missingkey=error', () => {
    expect(renderGoTemplate('{{ .nope }}', params)).toBe('<no value>');
    expect(() => renderGoTemplate('{{ .nope }}', params, { missingKeyError: true })).toThrow(/no entry for key "nope"/);
  });

  it('refuses what it cannot evaluate, marked unsupported, at its offset', () => {
    try {
      renderGoTemplate('x {{ sha1sum .cluster }}', params);
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(TemplateError);
      expect((e as TemplateError).unsupported).toBe(true);
      expect((e as TemplateError).offset).toBe(5);
    }
    expect(() => renderGoTemplate('{{ template "x" }}', params)).toThrow(/not supported/);
    expect(() => renderGoTemplate('{{ if .cluster }}x', params)).toThrow(/missing \{\{end\}\}/);
  });
});

describe('fasttemplate', () => {
  it('replaces string parameters and leaves unknown tags as written', () => {
    const p = { 'path.basename': 'guestbook', cluster: 'dev' };
    expect(renderFastTemplate('{{path.basename}}-{{ cluster }}', p)).toBe('guestbook-dev');
    expect(renderFastTemplate('{{unknown}}/{{path.basename}}', p)).toBe('{{unknown}}/guestbook');
  });
});

describe('Go template syntax, as text/template prints it', () => {
  const data = { name: 'web', env: '', nul: null, zero: 0, list: [{ name: 'a' }, { name: 'b' }], map: { b: 2, a: 1 }, empty: [], nested: { on: true } };
  const render = (t: string, opts = {}) => renderGoTemplate(t, data, opts);
  const failure = (t: string, opts = {}) => {
    try {
      render(t, opts);
    } catch (e) {
      if (!(e instanceof TemplateError)) throw e;
      return { message: e.message, offset: e.offset, unsupported: e.unsupported };
    }
    throw new Error(`${t} rendered`);
  };

  it('trims around {{- and -}} only when a space follows the dash, and skips comments', () => {
    expect(render('a  {{- .name -}}  b')).toBe('awebb');
    expect(render('a \n{{-\t.name -}}\n b')).toBe('awebb');
    expect(render('a {{-\n.name}} b')).toBe('aweb b');
    expect(render('a {{ .name -}}')).toBe('a web');
    expect(render('[{{/* a comment */}}] [{{- /* trimmed */ -}} ]')).toBe('[] []');
    expect(render('x {{-3}} y')).toBe('x -3 y');
    expect(render('  {{ .name }}')).toBe('  web');
  });

  it('reads string, raw string, character and number literals, and braces inside strings', () => {
    expect(render('{{ "a\\tb}}" }}|{{ `raw\\n` }}|{{ \'a\' }}|{{ 0x1F }}|{{ 1.5e3 }}|{{ -2 }}|{{ 2.25 }}')).toBe('a\tb}}|raw\\n|97|31|1500|-2|2.25');
    expect(render('{{ true }} {{ false }} {{ print nil }}')).toBe('true false <nil>');
    expect(render('{{ `}}` }}|{{ \'"\' }}|{{ print "|" "(" "if" }}|{{ (print ")") }}|{{ "end" }}|{{ $.name | upper }}')).toBe('}}|34||(if|)|end|WEB');
    expect(failure('{{ "\\q" }}')).toEqual({ message: 'bad string literal "\\q"', offset: 3, unsupported: false });
  });

  it('evaluates fields of a parenthesized pipeline, variables and $', () => {
    expect(render('{{ (index .list 1).name }}')).toBe('b');
    expect(render('{{ (index .list 1) }}')).toBe('map[name:b]');
    expect(render('{{ (.nested).on }}|{{ ((index .list 0)).name }}')).toBe('true|a');
    expect(failure('{{ (index .list 1) .name }}')).toEqual({ message: "can't give arguments to a non-function", offset: 3, unsupported: false });
    expect(failure('{{ () }}')).toEqual({ message: 'missing value in pipeline', offset: 3, unsupported: false });
    expect(render('{{ $n := .name }}{{ range .list }}{{ $n }}-{{ .name }}-{{ $.name }};{{ end }}')).toBe('web-a-web;web-b-web;');
    expect(render('{{ $x := 1 }}{{ if true }}{{ $x = 2 }}{{ end }}{{ $x }}')).toBe('2');
    expect(render('{{ $x := 1 }}{{ if true }}{{ $x := 2 }}{{ end }}{{ $x }}')).toBe('1');
    expect(render('{{ $x := 1 }}{{ if true }}{{ $x := 2 }}{{ $x = 3 }}{{ $x }}{{ end }}{{ $x }}')).toBe('31');
    expect(render('{{ .constructor }}|{{ .toString }}|{{ `a\\` }}')).toBe('<no value>|<no value>|a\\');
    expect(failure('{{ := 1 }}')).toEqual({ message: 'unexpected ":="', offset: 3, unsupported: false });
    expect(render('{{ .map }} {{ .list }} {{ .nested.on }}')).toBe('map[a:1 b:2] [map[name:a] map[name:b]] true');
  });

  it('ranges over lists, maps in key order and numbers, with else when empty', () => {
    expect(render('{{ range $k, $v := .map }}{{ $k }}={{ $v }} {{ end }}')).toBe('a=1 b=2 ');
    expect(render('{{ range $v := .map }}{{ $v }}{{ end }}')).toBe('12');
    expect(render('{{ range 3 }}{{ . }}{{ end }}')).toBe('012');
    expect(render('{{ range .empty }}x{{ else }}none{{ end }}|{{ range .nope }}x{{ else }}none{{ end }}|{{ range 0 }}x{{ else }}zero{{ end }}')).toBe('none|none|zero');
    expect(render('{{ range .list }}{{ .name }}{{ else }}none{{ end }}')).toBe('ab');
    expect(render('{{ range .nul }}x{{ else }}none{{ end }}|{{ range (index .map "zz") }}x{{ else }}none{{ end }}')).toBe('none|none');
    expect(failure('{{ range .name }}x{{ end }}')).toEqual({ message: "range can't iterate over web", offset: 3, unsupported: false });
  });

  it('branches with if, else if, with and else with, on Go truth', () => {
    expect(render('{{ if .env }}a{{ else if .zero }}b{{ else if .empty }}c{{ else if .map }}d{{ else }}e{{ end }}')).toBe('d');
    expect(render('{{ if .nul }}a{{ else }}b{{ end }}{{ if (dict) }}c{{ else }}d{{ end }}')).toBe('bd');
    expect(render('{{ if .nope }}a{{ else }}b{{ end }}{{ if .nested }}c{{ end }}{{ if .list }}d{{ end }}{{ if .name }}e{{ end }}')).toBe('bcde');
    expect(render('{{ with .nested }}{{ .on }}{{ end }}|{{ with .env }}x{{ else }}{{ .name }}{{ end }}|{{ with .env }}x{{ else with .name }}{{ . }}{{ end }}')).toBe('true|web|web');
    expect(render('{{ if false }}{{ $v := 1 }}{{ else }}{{ $v := 2 }}{{ $v }}{{ end }}')).toBe('2');
    expect(render('{{ with $v := .name }}{{ $v }}{{ end }}')).toBe('web');
  });

  it('short-circuits and and or, returning the deciding value', () => {
    expect(render('{{ or .env .zero "x" }}|{{ and .name .zero "x" }}|{{ and .name "y" }}|{{ or .env .zero }}')).toBe('x|0|y|0');
    expect(render('{{ and .env (fail "not evaluated") }}{{ or .name (fail "not evaluated") }}')).toBe('web');
    expect(render('{{ .zero | or "piped" }}|{{ "" | and "x" }}')).toBe('piped|');
  });

  it('refuses what Go refuses, at the offset of the part that fails', () => {
    expect(failure('ab {{ .name ')).toEqual({ message: 'unclosed action: "{{" without "}}"', offset: 3, unsupported: false });
    expect(failure('{{ | lower }}')).toEqual({ message: 'missing command before "|"', offset: 3, unsupported: false });
    expect(failure('{{ .name | }}')).toEqual({ message: 'missing value in pipeline', offset: 9, unsupported: false });
    expect(failure('{{ (lower .name }}')).toEqual({ message: 'unclosed "("', offset: 3, unsupported: false });
    expect(failure('{{ .name ) }}')).toEqual({ message: 'unexpected ")"', offset: 9, unsupported: false });
    expect(failure('{{ .name ; }}')).toEqual({ message: 'unexpected ";" in action', offset: 9, unsupported: false });
    expect(failure('x{{ }}')).toEqual({ message: 'empty action', offset: 3, unsupported: false });
    expect(failure('{{ end }}')).toEqual({ message: 'unexpected {{end}}', offset: 3, unsupported: false });
    expect(failure('{{ if .name }}{{ else }}{{ else }}{{ end }}')).toEqual({ message: 'unexpected {{else}}', offset: 27, unsupported: false });
    expect(failure('{{ range .list }}x')).toEqual({ message: 'missing {{end}}', offset: 18, unsupported: false });
    expect(failure('{{ define "x" }}{{ end }}')).toEqual({ message: '{{define}} is not supported by this tool\'s template evaluator', offset: 3, unsupported: true });
    expect(failure('{{ $nope }}')).toEqual({ message: 'undefined variable "$nope"', offset: 3, unsupported: false });
    expect(failure('{{ .name 1 }}')).toEqual({ message: "can't give arguments to a non-function", offset: 3, unsupported: false });
    expect(failure('{{ .nope.deeper }}')).toEqual({ message: 'nil pointer evaluating .deeper', offset: 3, unsupported: false });
    expect(failure('{{ .nul.x }}')).toEqual({ message: 'nil pointer evaluating .x', offset: 3, unsupported: false });
    expect(failure('{{ (index .map "zz").x }}')).toEqual({ message: 'nil pointer evaluating .x', offset: 3, unsupported: false });
    expect(failure('{{ "a" | .name }}')).toEqual({ message: "can't give arguments to a non-function", offset: 9, unsupported: false });
    expect(failure('{{ (.nested). }}')).toEqual({ message: "can't give arguments to a non-function", offset: 3, unsupported: false });
    expect(failure('{{ if }}{{ end }}')).toEqual({ message: 'missing value in pipeline', offset: 3, unsupported: false });
    expect(failure('{{ x /* c */ }}')).toEqual({ message: 'unexpected "/" in action', offset: 5, unsupported: false });
    expect(failure('{{/* c */ x}}')).toEqual({ message: 'unexpected "/" in action', offset: 2, unsupported: false });
    expect(failure('{{ .name.first }}')).toEqual({ message: 'can\'t evaluate field first in "web"', offset: 3, unsupported: false });
    expect(failure('{{ .list.name }}')).toEqual({ message: "can't evaluate field name in a list", offset: 3, unsupported: false });
    expect(failure('{{ .nested.off }}', { missingKeyError: true })).toEqual({ message: 'map has no entry for key "off"', offset: 3, unsupported: false });
    expect(failure('{{ index .list 5 }}')).toEqual({ message: 'error calling index: index out of range: 5', offset: 3, unsupported: false });
    expect(failure('{{ toString }}{{ hasOwnProperty .name }}')).toEqual({ message: 'function "hasOwnProperty" is not supported by this tool\'s template evaluator', offset: 17, unsupported: true });
  });
});
