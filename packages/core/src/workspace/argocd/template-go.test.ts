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
