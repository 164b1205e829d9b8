import type { ApplicationSpec } from './application-spec';

/** What identity needs of gitops.yaml: envs with their namespace, project and clusters; clusters with their servers. */
export interface IdentityContext {
  envs: { name: string; namespace: string; project?: string; clusters: string[] }[];
  clusters: { name: string; server: string }[];
  /** Application name patterns, tried in order: `{app}`, `{env}`, `{cluster}` placeholders. */
  names: string[];
}

/** Which app an Application deploys, to which env (and additional cluster), and what told us. */
export interface Identity {
  app: string;
  env?: string;
  cluster?: string;
  via: 'name' | 'generator' | 'namespace' | 'project' | 'cluster' | 'none';
}

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const alternatives = (names: string[]) => [...names].sort((a, b) => b.length - a.length).map(escape).join('|');

/** A name pattern made a RegExp: the order of its placeholders, or undefined when it cannot name an app and env. */
interface NamePattern {
  re: RegExp;
  groups: string[];
}

/** Compiled once per pattern and declared names: every Application of a workspace is matched against the same few. */
const compiled = new Map<string, NamePattern | undefined>();

function namePattern(pattern: string, ctx: IdentityContext): NamePattern | undefined {
  const envs = ctx.envs.map((e) => e.name);
  const clusters = ctx.clusters.map((c) => c.name);
  const key = JSON.stringify([pattern, envs, clusters]);
  if (compiled.has(key)) return compiled.get(key);
  const groups: string[] = [];
  let re = '';
  for (const part of pattern.split(/(\{app\}|\{env\}|\{cluster\})/)) {
    if (part === '{app}') re += '(.+?)';
    else if (part === '{env}') re += `(${alternatives(envs)})`;
    else if (part === '{cluster}') re += `(${alternatives(clusters)})`;
    else {
      re += escape(part);
      continue;
    }
    groups.push(part);
  }
  const usable = groups.includes('{app}') && groups.includes('{env}') && !(groups.includes('{cluster}') && clusters.length === 0) && envs.length > 0;
  const made = usable ? { re: new RegExp(`^${re}$`), groups } : undefined;
  if (compiled.size >= 256) compiled.clear();
  compiled.set(key, made);
  return made;
}

/** Match an Application name against a pattern such as `{app}-{env}`; envs and clusters must be declared ones. */
function matchName(name: string, pattern: string, ctx: IdentityContext): { app: string; env: string; cluster?: string } | undefined {
  const compiledPattern = namePattern(pattern, ctx);
  if (!compiledPattern) return undefined;
  const { re, groups } = compiledPattern;
  const m = re.exec(name);
  if (!m) return undefined;
  const get = (g: string) => m[groups.indexOf(g) + 1];
  // A cluster that the env does not deploy to means the name splits another way.
  if (groups.includes('{cluster}') && !ctx.envs.find((e) => e.name === get('{env}'))?.clusters.includes(get('{cluster}'))) return undefined;
  return { app: get('{app}'), env: get('{env}'), ...(groups.includes('{cluster}') ? { cluster: get('{cluster}') } : {}) };
}

/** The one element of `items` for which `test` holds, else undefined. */
function only<T>(items: T[], test: (t: T) => boolean): T | undefined {
  const hits = items.filter(test);
  return hits.length === 1 ? hits[0] : undefined;
}

/**
 * The app and env an Application deploys: by its name (the patterns of gitops.yaml), else an env
 * named by its generator element, else its destination namespace, its project, or its cluster.
 * The app is then the Application's name without the env.
 */
export function identify(app: ApplicationSpec, ctx: IdentityContext): Identity {
  const destCluster = app.destination.name
    ? ctx.clusters.find((c) => c.name === app.destination.name)
    : ctx.clusters.find((c) => c.server === app.destination.server);
  const clusterOf = (env: string, named?: string) => {
    const c = named ?? destCluster?.name;
    const e = ctx.envs.find((x) => x.name === env);
    // The env's first cluster is its default destination: no cluster dimension.
    return c && e && e.clusters[0] !== c && e.clusters.includes(c) ? c : undefined;
  };
  for (const pattern of ctx.names) {
    const m = matchName(app.name, pattern, ctx);
    if (m) {
      const cluster = clusterOf(m.env, m.cluster);
      return { app: m.app, env: m.env, ...(cluster ? { cluster } : {}), via: 'name' };
    }
  }
  const strip = (env: string) => {
    for (const form of [`-${env}`, `_${env}`, `.${env}`]) if (app.name.endsWith(form) && app.name.length > form.length) return app.name.slice(0, -form.length);
    for (const form of [`${env}-`, `${env}_`, `${env}.`]) if (app.name.startsWith(form) && app.name.length > form.length) return app.name.slice(form.length);
    return app.name;
  };
  const done = (env: string, via: Identity['via']): Identity => {
    const cluster = clusterOf(env);
    return { app: strip(env), env, ...(cluster ? { cluster } : {}), via };
  };
  const params = app.generatedBy?.params ?? {};
  for (const key of ['env', 'environment', 'stage']) {
    const v = params[key];
    if (typeof v === 'string' && ctx.envs.some((e) => e.name === v)) return done(v, 'generator');
  }
  const byNs = only(ctx.envs, (e) => e.namespace === app.destination.namespace);
  if (byNs) return done(byNs.name, 'namespace');
  const byProject = app.project !== 'default' ? only(ctx.envs, (e) => e.project === app.project) : undefined;
  if (byProject) return done(byProject.name, 'project');
  const byCluster = destCluster ? only(ctx.envs, (e) => e.clusters.includes(destCluster.name)) : undefined;
  if (byCluster) return done(byCluster.name, 'cluster');
  return { app: app.name, via: 'none' };
}

/** A Kubernetes resource name (DNS-1123 subdomain): what Argo CD accepts as an Application name. */
export function isValidResourceName(name: string): boolean {
  return name.length > 0 && name.length <= 253 && /^[a-z0-9]([-a-z0-9.]*[a-z0-9])?$/.test(name);
}
