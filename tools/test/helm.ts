// The real helm binaries the tests run against (tools/helm provides them before the run).
import { existsSync } from 'node:fs';
import { HELMS, helmCachePath, type HelmMajor } from '../helm/provision';

/** Every Helm major the tests cover: `describe.each(HELM_MAJORS)` runs a suite under each. */
export const HELM_MAJORS = Object.keys(HELMS).map(Number) as HelmMajor[];

/** The path of a real helm of that major; fails loudly rather than skipping a test. */
export function helmBinary(major: HelmMajor): string {
  const path = helmCachePath(major);
  if (!existsSync(path)) throw new Error(`helm ${HELMS[major].version} is missing at ${path}: run npm ci (or node -r @swc-node/register tools/helm/provision.ts)`);
  return path;
}

export { HELMS, type HelmMajor };
