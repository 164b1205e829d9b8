import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { didYouMean, formatPath, formatPosition, isMap, type Path, UserError, type ValueMap } from '../common';
import { RULES } from '../rules';
import { checkSchema, compileSchemaText, type CompiledSchema } from '../values';
import { nearestPosition, readValuesYaml, type YamlFile } from '../yaml';
import { CONFIG_FILE, DEFAULT_APPLICATIONS_DIR, DEFAULT_APPS_GLOB, DEFAULT_CLUSTER, DEFAULT_GITHUB_TIMEOUT_SECONDS, DEFAULT_KEY_RULES, DEFAULT_NAME_PATTERNS } from './defaults';
import { unknownPlaceholders } from './layout-patterns';
import type { ClusterConfig, EnvConfig, GitopsConfig, PromotionPath } from './types';

let configSchema: CompiledSchema | undefined;

/** The JSON Schema that gitops.yaml must satisfy (also published for editors). */
export function configSchemaPath(): string {
  return join(__dirname, 'gitops.schema.json');
}

function schema(): CompiledSchema {
  configSchema ??= compileSchemaText(readFileSync(configSchemaPath(), 'utf8'), 'gitops.schema.json');
  return configSchema;
}

/** Read, validate and complete `gitops.yaml` in `root`. */
export function loadConfig(root: string): { config: GitopsConfig; source: YamlFile } {
  const source = readValuesYaml(join(root, CONFIG_FILE), CONFIG_FILE);
  return { config: parseConfig(source), source };
}

/** Validate a parsed gitops.yaml and fill in defaults; every problem is named at its line. */
export function parseConfig(source: YamlFile): GitopsConfig {
  const raw = source.values;
  const problems: Problem[] = checkSchema(schema(), raw).map((v) => ({ path: v.path, message: v.message, atKey: v.atKey }));
  if (problems.length === 0) problems.push(...semanticProblems(raw));
  if (problems.length > 0) {
    const lines = problems.map((p) => `${formatPosition(nearestPosition(source, p.path, p))}: ${formatPath(p.path)} ${p.message}`);
    throw new UserError(`${CONFIG_FILE} is not valid:\n  ${lines.join('\n  ')}`, {
      hint: `Fix ${CONFIG_FILE} as shown; its schema is packages/core/src/config/gitops.schema.json.`,
    });
  }
  return complete(raw);
}

interface Problem {
  path: Path;
  message: string;
  atKey?: boolean;
}

function semanticProblems(raw: ValueMap): Problem[] {
  const out: Problem[] = [];
  const envs = raw.environments as ValueMap[];
  const clusters = ((raw.clusters ?? []) as ValueMap[]).map((c) => String(c.name));
  const names = new Map<string, number>();
  envs.forEach((e, i) => {
    const name = String(e.name);
    if (names.has(name)) out.push({ path: ['environments', i, 'name'], message: `"${name}" is declared twice; env names must be unique` });
    names.set(name, i);
    if (e.cluster !== undefined && e.clusters !== undefined) out.push({ path: ['environments', i, 'clusters'], message: 'give either cluster or clusters, not both' });
  });
  envs.forEach((e, i) => {
    if (e.parent !== undefined) {
      const p = names.get(String(e.parent));
      if (p === undefined) out.push({ path: ['environments', i, 'parent'], message: `names env "${String(e.parent)}", which is not declared` });
      else if (p >= i) out.push({ path: ['environments', i, 'parent'], message: `"${String(e.parent)}" must be declared before "${String(e.name)}"` });
    }
    const declared = e.clusters ?? (e.cluster === undefined ? [] : [e.cluster]);
    (declared as string[]).forEach((c, k) => {
      if (c !== DEFAULT_CLUSTER.name && !clusters.includes(c)) {
        const path: Path = e.clusters ? ['environments', i, 'clusters', k] : ['environments', i, 'cluster'];
        out.push({ path, message: `names cluster "${c}", which is not declared under clusters` });
      }
    });
  });
  const attributes = new Set(envs.flatMap((e) => (isMap(e.attributes) ? Object.keys(e.attributes) : [])));
  ((raw.layouts ?? []) as ValueMap[]).forEach((l, i) => {
    (l.layers as string[]).forEach((layer, k) => {
      for (const name of unknownPlaceholders(String(layer), [...attributes])) {
        const guess = didYouMean(name, ['app', 'appDir', 'env', 'cluster', ...attributes]);
        out.push({ path: ['layouts', i, 'layers', k], message: `names {${name}}, which is neither app, appDir, env, cluster nor an attribute of any env${guess ? `; did you mean {${guess}}?` : ''}` });
      }
    });
  });
  // Everything the tool reads and writes stays in the repository: no absolute path, no way up.
  const outside = (p: string) => p.startsWith('/') || /^[A-Za-z]:/.test(p) || p.split(/[\\/]/).includes('..');
  const apps = Array.isArray(raw.apps) ? raw.apps : raw.apps === undefined ? [] : [raw.apps];
  apps.forEach((a, i) => {
    if (outside(String(a))) out.push({ path: Array.isArray(raw.apps) ? ['apps', i] : ['apps'], message: `"${String(a)}" leads out of the repository; app folders must be inside it` });
  });
  const argocd = isMap(raw.argocd) ? raw.argocd : {};
  const appGlobs = Array.isArray(argocd.applications) ? argocd.applications : [argocd.applications];
  appGlobs.forEach((g, i) => {
    if (typeof g === 'string' && outside(g)) out.push({ path: Array.isArray(argocd.applications) ? ['argocd', 'applications', i] : ['argocd', 'applications'], message: `"${g}" leads out of the repository; Applications must be inside it` });
  });
  const promotion = isMap(raw.promotion) ? raw.promotion : {};
  ((promotion.paths ?? []) as ValueMap[]).forEach((p, i) => {
    for (const [field, value] of [['from', p.from], ['to', p.to]] as const) {
      const list = Array.isArray(value) ? value : [value];
      list.forEach((n, k) => {
        if (!names.has(String(n))) {
          const path: Path = Array.isArray(value) ? ['promotion', 'paths', i, field, k] : ['promotion', 'paths', i, field];
          out.push({ path, message: `names env "${String(n)}", which is not declared under environments` });
        }
      });
    }
  });
  const tiers = isMap(raw.policy) && isMap(raw.policy.tiers) ? raw.policy.tiers : {};
  const known = RULES.map((r) => r.id);
  for (const [tier, settings] of Object.entries(tiers)) {
    const rules = isMap(settings) && isMap(settings.rules) ? settings.rules : {};
    for (const id of Object.keys(rules).filter((r) => !known.includes(r))) {
      const guess = didYouMean(id, known);
      out.push({ path: ['policy', 'tiers', tier, 'rules', id], atKey: true, message: `"${id}" is not a rule${guess ? `; did you mean "${guess}"?` : ' (docs/rules.md lists them)'}` });
    }
  }
  return out;
}

function complete(raw: ValueMap): GitopsConfig {
  const clusters: ClusterConfig[] = ((raw.clusters ?? []) as ValueMap[]).map((c) => ({
    name: String(c.name),
    server: String(c.server),
    ...(c.description === undefined ? {} : { description: String(c.description) }),
    ...(c.kubernetesVersion === undefined ? {} : { kubernetesVersion: String(c.kubernetesVersion) }),
    ...(Array.isArray(c.apiVersions) ? { apiVersions: c.apiVersions.map(String) } : {}),
    ...(c.externalSecretsVersion === undefined ? {} : { externalSecretsVersion: String(c.externalSecretsVersion) }),
    ...(c.sealedSecretsCertificate === undefined ? {} : { sealedSecretsCertificate: String(c.sealedSecretsCertificate) }),
    ...(isMap(c.labels) ? { labels: Object.fromEntries(Object.entries(c.labels).map(([k, v]) => [k, String(v)])) } : {}),
  }));
  if (!clusters.some((c) => c.name === DEFAULT_CLUSTER.name)) clusters.push({ ...DEFAULT_CLUSTER });

  const environments: EnvConfig[] = (raw.environments as ValueMap[]).map((e) => ({
    name: String(e.name),
    namespace: String(e.namespace ?? e.name),
    clusters: (e.clusters as string[] | undefined) ?? [String(e.cluster ?? DEFAULT_CLUSTER.name)],
    tier: (e.tier as EnvConfig['tier']) ?? 'production',
    secrets: (e.secrets as EnvConfig['secrets']) ?? 'external-secrets',
    ...(isMap(e.secretStore)
      ? { secretStore: { name: String(e.secretStore.name), kind: (e.secretStore.kind as 'SecretStore') ?? 'ClusterSecretStore' } }
      : {}),
    ...(e.parent === undefined ? {} : { parent: String(e.parent) }),
    project: String(e.project ?? 'default'),
    attributes: isMap(e.attributes) ? Object.fromEntries(Object.entries(e.attributes).map(([k, v]) => [k, String(v)])) : {},
  }));

  const argo = isMap(raw.argocd) ? raw.argocd : {};
  const promotion = isMap(raw.promotion) ? raw.promotion : {};
  const pr = isMap(promotion.pullRequest) ? promotion.pullRequest : {};
  const paths: PromotionPath[] = promotion.paths
    ? (promotion.paths as ValueMap[]).map((p) => ({ from: String(p.from), to: Array.isArray(p.to) ? p.to.map(String) : [String(p.to)] }))
    : environments.slice(1).map((e, i) => ({ from: environments[i].name, to: [e.name] }));
  const list = (v: unknown): string[] | undefined => (v === undefined ? undefined : Array.isArray(v) ? v.map(String) : [String(v)]);
  const apps = list(raw.apps) ?? [DEFAULT_APPS_GLOB];
  const applications = list(argo.applications) ?? [DEFAULT_APPLICATIONS_DIR];

  return {
    apps,
    argocd: {
      applications,
      applicationsDeclared: argo.applications !== undefined,
      applicationsDir: applications.find((a) => !/[*?]/.test(a)) ?? DEFAULT_APPLICATIONS_DIR,
      repoURLs: list(argo.repoURLs) ?? [],
      chartCache: list(argo.chartCache) ?? [],
      names: list(argo.names) ?? DEFAULT_NAME_PATTERNS,
      namespace: String(argo.namespace ?? 'argocd'),
      ...(argo.repoURL === undefined ? {} : { repoURL: String(argo.repoURL) }),
      targetRevision: String(argo.targetRevision ?? 'main'),
    },
    layouts: ((raw.layouts ?? []) as ValueMap[]).map((l) => ({ apps: list(l.apps) ?? [], chart: String(l.chart ?? '{appDir}'), layers: (l.layers as string[]).map(String) })),
    environments,
    clusters,
    promotion: {
      paths,
      promotable: (promotion.promotable as string[] | undefined) ?? DEFAULT_KEY_RULES.promotable,
      never: (promotion.never as string[] | undefined) ?? DEFAULT_KEY_RULES.never,
      apps: (promotion.apps as GitopsConfig['promotion']['apps'] | undefined) ?? {},
      pullRequest: {
        ...(pr.base === undefined ? {} : { base: String(pr.base) }),
        labels: (pr.labels as string[] | undefined) ?? ['promotion'],
        reviewers: (pr.reviewers as string[] | undefined) ?? [],
        teamReviewers: (pr.teamReviewers as string[] | undefined) ?? [],
        draft: pr.draft === true,
        timeoutSeconds: typeof pr.timeoutSeconds === 'number' ? pr.timeoutSeconds : DEFAULT_GITHUB_TIMEOUT_SECONDS,
      },
    },
    policy: { tiers: policyTiers(raw), apps: policyApps(raw) },
    helm: isMap(raw.helm) && raw.helm.binary !== undefined ? { binary: String(raw.helm.binary) } : {},
    ...(typeof raw.helmVersion === 'string' ? { helmVersion: raw.helmVersion } : {}),
  };
}

function policyApps(raw: ValueMap): GitopsConfig['policy']['apps'] {
  const apps = isMap(raw.policy) && isMap(raw.policy.apps) ? raw.policy.apps : {};
  return Object.fromEntries(Object.entries(apps).map(([app, a]) => [app, { keys: isMap(a) && isMap(a.keys) ? (a.keys as Record<string, string>) : {} }]));
}

/** Rule settings per tier; an unquoted `off` reads as false in YAML 1.1 and means off. */
function policyTiers(raw: ValueMap): GitopsConfig['policy']['tiers'] {
  const tiers = isMap(raw.policy) && isMap(raw.policy.tiers) ? raw.policy.tiers : {};
  return Object.fromEntries(
    Object.entries(tiers).map(([tier, t]) => {
      const rules = isMap(t) && isMap(t.rules) ? t.rules : {};
      return [tier, { rules: Object.fromEntries(Object.entries(rules).map(([id, v]) => [id, v === false ? 'off' : v])) }];
    }),
  ) as GitopsConfig['policy']['tiers'];
}
