// An umbrella chart's vendored dependencies, as Helm loads them: Chart.yaml's `dependencies`
// matched by name to the charts in charts/ (folders or .tgz), each with its values.yaml,
// values.schema.json and its own dependencies; a vendored chart Chart.yaml does not list is
// loaded too, always enabled.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { isMap, pathExists, UserError, type ValueMap } from '../common';
import type { ChartSpec, Subchart } from '../values';
import { parseValuesYaml } from '../yaml';
import { chartArchiveFiles } from './chart-archive';

/** Reads a chart's files by path below the chart folder; lists a folder's entries. */
interface ChartFiles {
  read(path: string): Buffer | undefined;
  list(dir: string): string[];
}

function folderFiles(abs: string): ChartFiles {
  return {
    read: (p) => (pathExists(join(abs, p)) ? readFileSync(join(abs, p)) : undefined),
    list: (d) => (pathExists(join(abs, d)) ? readdirSync(join(abs, d)) : []),
  };
}

function archiveFiles(files: Map<string, Buffer>): ChartFiles {
  return {
    read: (p) => files.get(p),
    list: (d) => [...new Set([...files.keys()].filter((k) => k.startsWith(`${d}/`)).map((k) => k.slice(d.length + 1).split('/')[0]))],
  };
}

/** The vendored subcharts of the chart in `dir` (relative to root); none when it has no charts/. */
export function vendoredSubcharts(root: string, dir: string): Subchart[] {
  if (!pathExists(join(root, dir, 'charts'))) return [];
  return load(folderFiles(join(root, dir)), dir).dependencies;
}

function load(files: ChartFiles, where: string): ChartSpec {
  const meta = yamlMap(files.read('Chart.yaml'), `${where}/Chart.yaml`);
  const values = files.read('values.yaml');
  const schema = files.read('values.schema.json');
  const vendored = files.list('charts').flatMap((entry): ChartSpec[] => {
    const at = `${where}/charts/${entry}`;
    if (entry.endsWith('.tgz')) return [load(archiveFiles(chartArchiveFiles(files.read(`charts/${entry}`) as Buffer, at)), at)];
    const sub: ChartFiles = { read: (p) => files.read(`charts/${entry}/${p}`), list: (d) => files.list(`charts/${entry}/${d}`) };
    return sub.read('Chart.yaml') ? [load(sub, at)] : [];
  });
  const declared = Array.isArray(meta.dependencies) ? meta.dependencies.filter(isMap) : [];
  const dependencies: Subchart[] = declared.flatMap((d) => {
    // a dependency that is not vendored fails helm itself; its values are unknown here
    const chart = vendored.find((c) => c.name === d.name);
    if (!chart) return [];
    const key = typeof d.alias === 'string' && d.alias ? d.alias : String(d.name);
    return [{ key, chart, declared: true, ...(d['import-values'] !== undefined ? { importValues: true } : {}), ...(typeof d.condition === 'string' ? { condition: d.condition } : {}), ...(Array.isArray(d.tags) ? { tags: d.tags.map(String) } : {}) }];
  });
  for (const c of vendored) if (!declared.some((d) => d.name === c.name)) dependencies.push({ key: c.name, chart: c });
  return {
    name: String(meta.name ?? where.split('/').pop()),
    file: where,
    values: values ? parseValuesYaml(values.toString('utf8'), `${where}/values.yaml`).values : {},
    declares: declared.length > 0,
    ...(schema ? { schema: { text: schema.toString('utf8'), file: `${where}/values.schema.json` } } : {}),
    dependencies,
  };
}

function yamlMap(data: Buffer | undefined, file: string): ValueMap {
  if (!data) return {};
  try {
    const v = parse(data.toString('utf8'));
    return isMap(v) ? v : {};
  } catch (e) {
    throw new UserError(`not valid YAML: ${(e as Error).message.split('\n')[0]}`, { file, hint: 'Fix the chart\'s Chart.yaml (helm lint shows where).' });
  }
}
