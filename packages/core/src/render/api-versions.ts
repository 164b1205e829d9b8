import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const ASKS = /\.Capabilities\.APIVersions/;

/**
 * The templates of a chart folder (its own and its vendored subcharts') that ask which APIs the
 * cluster serves: Argo CD answers with the cluster's, which no file of the repository records.
 */
export function templatesAskingApiVersions(chartDir: string, rel = ''): string[] {
  let entries;
  try {
    entries = readdirSync(join(chartDir, rel), { withFileTypes: true });
  } catch {
    return [];
  }
  return entries.flatMap((e) => {
    const path = rel === '' ? e.name : `${rel}/${e.name}`;
    if (e.isDirectory()) return e.name === 'node_modules' || e.name.startsWith('.') ? [] : templatesAskingApiVersions(chartDir, path);
    if (!/(^|\/)templates\//.test(path) || !/\.(ya?ml|tpl|txt)$/.test(e.name)) return [];
    try {
      return ASKS.test(readFileSync(join(chartDir, path), 'utf8')) ? [path] : [];
    } catch {
      return [];
    }
  });
}
