import { execFileSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseAllDocuments } from 'yaml';

/**
 * The values a real `helm template` computes for a chart with these arguments (-f, --set...):
 * the chart is copied with one template that prints `.Values` as JSON, so what is compared is
 * exactly the values Helm hands the chart's templates.
 */
export function helmTemplateValues(helm: string, chartDir: string, args: string[], cwd: string): unknown {
  const tmp = mkdtempSync(join(tmpdir(), 'hvm-helm-values-'));
  try {
    const chart = join(tmp, 'chart');
    cpSync(chartDir, chart, { recursive: true });
    rmSync(join(chart, 'templates'), { recursive: true, force: true });
    mkdirSync(join(chart, 'templates'));
    writeFileSync(join(chart, 'templates', 'values.yaml'), 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: values\ndata:\n  values: {{ toJson .Values | quote }}\n');
    const out = execFileSync(helm, ['template', 'release', chart, ...args], { cwd, encoding: 'utf8', env: { ...process.env, HELM_CACHE_HOME: join(tmp, 'cache'), HELM_CONFIG_HOME: join(tmp, 'config'), HELM_DATA_HOME: join(tmp, 'data') } });
    const cm = parseAllDocuments(out).map((d) => d.toJS()).find((d) => d?.kind === 'ConfigMap' && d.metadata?.name === 'values');
    return JSON.parse(cm.data.values);
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
}
