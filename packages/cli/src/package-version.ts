import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/** The version of this package, from its package.json (one folder above src/ and dist/ alike). */
export function packageVersion(): string {
  return (JSON.parse(readFileSync(join(__dirname, '../package.json'), 'utf8')) as { version: string }).version;
}
