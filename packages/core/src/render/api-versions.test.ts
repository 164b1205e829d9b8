import { mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { templatesAskingApiVersions } from './api-versions';

const ASKING = '{{- if .Capabilities.APIVersions.Has "monitoring.coreos.com/v1" }}\nkind: ServiceMonitor\n{{- end }}\n';

function chart(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'hvm-api-versions-'));
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), text);
  }
  return dir;
}

describe('the templates that ask which APIs the cluster serves', () => {
  it("names the chart's own templates and its vendored subcharts', helpers and NOTES included, by their path in the chart", () => {
    const dir = chart({
      'Chart.yaml': 'apiVersion: v2\nname: web\nversion: 1.0.0\n',
      'templates/monitor.yaml': ASKING,
      'templates/deployment.yaml': 'kind: Deployment\n',
      'templates/_helpers.tpl': '{{- define "web.hpa" }}{{ if .Capabilities.APIVersions.Has "autoscaling/v2" }}autoscaling/v2{{ end }}{{- end }}\n',
      'templates/NOTES.txt': 'Metrics: {{ .Capabilities.APIVersions.Has "metrics.k8s.io/v1beta1" }}\n',
      'templates/sub/podmonitor.yml': ASKING,
      'charts/cache/Chart.yaml': 'apiVersion: v2\nname: cache\nversion: 1.0.0\n',
      'charts/cache/templates/monitor.yaml': ASKING,
      'charts/cache/templates/cm.yaml': 'kind: ConfigMap\n',
    });
    expect(templatesAskingApiVersions(dir).sort()).toEqual([
      'charts/cache/templates/monitor.yaml',
      'templates/NOTES.txt',
      'templates/_helpers.tpl',
      'templates/monitor.yaml',
      'templates/sub/podmonitor.yml',
    ]);
  });

  it('reads only templates: not values, schemas, docs, other files in templates/, node_modules or hidden folders', () => {
    const dir = chart({
      'values.yaml': '# .Capabilities.APIVersions decides whether the ServiceMonitor is made\nmonitor: true\n',
      'README.md': 'Uses .Capabilities.APIVersions\n',
      'ci/values.yaml': '# .Capabilities.APIVersions\n',
      'templates/monitor.json': '{"note": ".Capabilities.APIVersions"}\n',
      'templates/monitor.yaml.bak': ASKING,
      'mytemplates/monitor.yaml': ASKING,
      'node_modules/x/templates/monitor.yaml': ASKING,
      '.git/templates/monitor.yaml': ASKING,
      'charts/.hidden/templates/monitor.yaml': ASKING,
      'templates/deployment.yaml': 'apiVersion: {{ .Capabilities.KubeVersion.Version }}\n',
    });
    expect(templatesAskingApiVersions(dir)).toEqual([]);
  });

  it('is empty for a folder that is not there, and passes over a template it cannot read', () => {
    expect(templatesAskingApiVersions(join(tmpdir(), 'hvm-no-such-chart'))).toEqual([]);
    const dir = chart({ 'templates/b.yaml': ASKING });
    // a link to a file that is gone: listed as a template, unreadable
    symlinkSync(join(dir, 'gone.yaml'), join(dir, 'templates/a.yaml'));
    expect(templatesAskingApiVersions(dir)).toEqual(['templates/b.yaml']);
  });
});
