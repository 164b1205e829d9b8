import type { Tier } from '../../rules';

/** The values file names that carry an env, most common first; `{env}` is the env's name. */
export const OVERLAY_PATTERNS = ['values-{env}.yaml', 'values_{env}.yaml', 'values.{env}.yaml', '{env}/values.yaml', '{env}-values.yaml'] as const;
export type OverlayPattern = (typeof OVERLAY_PATTERNS)[number];

// Dots allowed: values-<env>.<cluster>.yaml is a per-cluster overlay of <env>.
const ENV_NAME = '([a-z0-9][a-z0-9.-]*)';

function patternRegex(pattern: OverlayPattern): RegExp {
  const escaped = pattern.replace(/\.yaml$/, '.ya?ml').replace(/\./g, '\\.').replace('{env}', ENV_NAME);
  return new RegExp(`(?:^|/)${escaped}$`);
}

/** The env and naming pattern a values file's path shows, relative to its app folder; undefined for the base values.yaml or an unrelated file. */
export function envOfValuesFile(pathInApp: string): { env: string; pattern: OverlayPattern } | undefined {
  for (const pattern of OVERLAY_PATTERNS) {
    const m = patternRegex(pattern).exec(pathInApp);
    if (m) return { env: m[1].split('.')[0], pattern };
  }
  return undefined;
}

// Usual env names in promotion order; anything else sorts between dev-like and prod-like names.
const ORDER = ['local', 'dev', 'develop', 'development', 'int', 'integration', 'test', 'testing', 'qa', 'uat', 'stage', 'stg', 'staging', 'preprod', 'pre-prod', 'perf', 'prod', 'prd', 'production', 'live'];
const MIDDLE = ORDER.indexOf('qa');

function rank(env: string): number {
  const i = ORDER.indexOf(env);
  if (i >= 0) return i;
  const prefix = ORDER.findIndex((o) => env.startsWith(`${o}-`));
  return prefix >= 0 ? prefix + 0.5 : MIDDLE + 0.5;
}

/** Envs in a likely promotion order: dev-like first, prod-like last, the rest by name in between. */
export function promotionOrder(envs: Iterable<string>): string[] {
  return [...new Set(envs)].sort((a, b) => rank(a) - rank(b) || a.localeCompare(b));
}

/** The policy tier an env's name suggests; production (strictest) when the name says nothing. */
export function tierOfEnv(env: string): Tier {
  if (/^(local|dev|develop|development|int|integration|test|testing|sandbox)(-|$)/.test(env)) return 'development';
  if (/^(qa|uat|stage|stg|staging|preprod|pre-prod|perf)(-|$)/.test(env)) return 'staging';
  return 'production';
}
