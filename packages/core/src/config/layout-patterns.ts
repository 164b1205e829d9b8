import { posix } from 'node:path';

/** What a layer pattern can name: the app, its folder, the env, its cluster and the env's attributes. */
export interface LayoutVars {
  app: string;
  appDir: string;
  env: string;
  cluster?: string;
  attributes: Record<string, string>;
}

/** The layers of the current convention: values.yaml, each ancestor's overlay, the env's, the cluster's. */
export const CONVENTIONAL_LAYERS = ['{appDir}/values.yaml', '{appDir}/values-{env}.yaml', '{appDir}/values-{env}.{cluster}.yaml'];

const PLACEHOLDER = /\{([A-Za-z_][A-Za-z0-9_-]*)\}/g;

/** Placeholders a pattern uses that no env can fill (a typo in gitops.yaml). */
export function unknownPlaceholders(pattern: string, attributeNames: string[]): string[] {
  const known = new Set(['app', 'appDir', 'env', 'cluster', ...attributeNames]);
  return [...pattern.matchAll(PLACEHOLDER)].map((m) => m[1]).filter((n) => !known.has(n));
}

/**
 * Expand one layer pattern; undefined when it names something this env does not have (a
 * `{cluster}` layer without a cluster, an attribute the env does not set): that layer is skipped.
 */
export function expandLayer(pattern: string, vars: LayoutVars): string | undefined {
  let missing = false;
  const out = pattern.replace(PLACEHOLDER, (_m, name: string) => {
    const v = name === 'app' ? vars.app : name === 'appDir' ? vars.appDir : name === 'env' ? vars.env : name === 'cluster' ? vars.cluster : vars.attributes[name];
    if (v === undefined || v === '') missing = true;
    return v ?? '';
  });
  return missing ? undefined : posix.normalize(out);
}

/** Does `file` (relative to the root) have the shape of a layer pattern for some env? For "a values file that is no layer" checks. */
export function layerPatternRegExp(pattern: string, vars: Omit<LayoutVars, 'env' | 'cluster' | 'attributes'>): RegExp {
  const body = pattern
    .split(PLACEHOLDER)
    .map((part, i) => (i % 2 === 1 ? (part === 'app' ? escape(vars.app) : part === 'appDir' ? escape(vars.appDir) : '[^/]+') : escape(part)))
    .join('');
  return new RegExp(`^${body}$`);
}

function escape(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
