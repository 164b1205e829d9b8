// A synthetic workspace of N apps x M envs, shaped like the spec's alpha-members and the same
// bytes for the same seed:
//   node -r @swc-node/register tools/bench/synth.ts --apps 500 --envs 4 --out /tmp/ws [--seed 1]
import { mkdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { argoApplication, applicationPath, loadWorkspace } from '@helm-values-manager/core';
import { seededRandom } from '../test/seeded-random';

const REPO_ROOT = resolve(__dirname, '../..');
const ENV_ORDER = ['dev', 'qa', 'staging', 'prod', 'perf', 'sandbox', 'uat', 'canary'];
const TIER: Record<string, string> = { dev: 'development', qa: 'development', sandbox: 'development', staging: 'staging', uat: 'staging', perf: 'staging', prod: 'production', canary: 'production' };

export interface SynthOptions {
  root: string;
  apps?: number;
  envs?: number;
  seed?: number;
  /** Link node_modules and write nx.json and .env, so `npx nx` runs in it. Default true. */
  nx?: boolean;
}


/** The env names for M envs, in promotion order (prod last among the first four). */
export function envNames(m: number): string[] {
  const chosen = ENV_ORDER.slice(0, Math.max(3, m));
  const names = m === 3 ? ['dev', 'staging', 'prod'] : chosen;
  return names.sort((a, b) => ENV_ORDER.indexOf(a) - ENV_ORDER.indexOf(b));
}

export function synthesize(opts: SynthOptions): { apps: string[]; envs: string[] } {
  const { root, apps: n = 500, envs: m = 4, seed = 1, nx = true } = opts;
  const rnd = seededRandom(seed);
  const pick = <T>(xs: T[]) => xs[Math.floor(rnd() * xs.length)];
  const envs = envNames(m);
  const names = Array.from({ length: n }, (_, i) => `${pick(['billing', 'members', 'orders', 'search', 'catalog', 'payments', 'auth', 'notify'])}-${String(i).padStart(4, '0')}`);
  const write = (rel: string, text: string) => {
    mkdirSync(dirname(join(root, rel)), { recursive: true });
    writeFileSync(join(root, rel), text);
  };

  write('gitops.yaml', gitopsYaml(envs));
  const schema = readFileSync(join(REPO_ROOT, 'examples/alpha-members/deployment/helm/alpha-members/values.schema.json'), 'utf8');
  for (const app of names) {
    const dir = `deployment/helm/${app}`;
    const version = `${1 + Math.floor(rnd() * 3)}.${Math.floor(rnd() * 20)}.${Math.floor(rnd() * 10)}`;
    write(`${dir}/values.yaml`, baseValues(app, pick(['info', 'warn'])));
    write(`${dir}/values.schema.json`, schema);
    envs.forEach((env, i) => write(`${dir}/values-${env}.yaml`, overlay(app, env, version, i === envs.length - 1 ? 0 : Math.floor(rnd() * 3), rnd)));
  }
  const ws = loadWorkspace(root);
  for (const app of names) for (const env of envs) write(applicationPath(ws, app, env), argoApplication(ws, app, env));
  if (nx) {
    // As the example workspace: the plugin registered, plugins in Nx's own process, the plugin a dev dependency so `nx g env` finds its generators.
    // No tsconfig.base.json, as in a user's GitOps repository: the packages are compiled, and with one
    // Nx loads TypeScript to read it on every command (0.3 to 0.45 CPU s of a cached run at 500 apps).
    for (const f of ['nx.json', '.env', 'package.json']) write(f, readFileSync(join(REPO_ROOT, 'examples/alpha-members', f), 'utf8'));
    write('.gitignore', 'node_modules\ndist\n.nx\n');
    symlinkSync(join(REPO_ROOT, 'node_modules'), join(root, 'node_modules'));
  }
  return { apps: names, envs };
}

function gitopsYaml(envs: string[]): string {
  const lines = ['# A synthetic workspace for benchmarks.', 'apps: deployment/helm/*', '', 'argocd:', '  applications: argocd/applications', '  namespace: argocd', '  repoURL: https://github.com/org/synthetic.git', '  targetRevision: main', '', 'environments:'];
  for (const env of envs) {
    const tier = TIER[env];
    lines.push(`  - name: ${env}`, `    namespace: ${env}`, `    tier: ${tier}`);
    if (tier === 'development') lines.push('    secrets: sops');
    else lines.push('    secrets: external-secrets', '    secretStore:', `      name: vault-${env}`, '      kind: ClusterSecretStore');
    lines.push(`    project: ${tier}`);
  }
  lines.push('', 'clusters:', '  - name: in-cluster', '    server: https://kubernetes.default.svc', '', 'promotion:', '  paths:');
  for (let i = 1; i < envs.length; i++) lines.push(`    - from: ${envs[i - 1]}`, `      to: ${envs[i]}`);
  lines.push('  promotable:', '    - image.tag', '    - config.featureFlags.*', '  never:', '    - replicaCount', '    - resources.**', '    - ingress.**', '');
  return lines.join('\n');
}

function baseValues(app: string, logLevel: string): string {
  return `# Replicas when autoscaling is off.
replicaCount: 1
# The container image; the tag is set per env.
image:
  repository: org/${app}
  pullPolicy: IfNotPresent
# CPU and memory for one pod.
resources:
  requests:
    cpu: 100m
    memory: 128Mi
  limits:
    cpu: 500m
    memory: 512Mi
# Application settings.
config:
  logLevel: ${logLevel}
  featureFlags:
    newCheckout: false
`;
}

function overlay(app: string, env: string, version: string, behind: number, rnd: () => number): string {
  const tier = TIER[env];
  const [major, minor, patch] = version.split('.').map(Number);
  const tag = tier === 'development' ? `${version}-dev.${Math.floor(rnd() * 1000)}` : `${major}.${minor}.${Math.max(0, patch - behind)}`;
  const host = `${app}${tier === 'production' ? '' : `-${env}`}.example.com`;
  if (tier === 'development') {
    return `# ${env}: small and verbose
replicaCount: 1
image:
  tag: "${tag}"
  pullPolicy: Always
config:
  logLevel: debug
  nodeEnv: development
  featureFlags:
    newCheckout: true
resources:
  requests:
    cpu: 50m
    memory: 64Mi
  limits:
    cpu: 200m
    memory: 256Mi
`;
  }
  const prod = tier === 'production';
  return `# ${env}: ${prod ? 'hardened and scaled' : 'production-like'}
replicaCount: ${prod ? 3 : 2}
image:
  tag: "${tag}"
config:
  nodeEnv: ${prod ? 'production' : 'staging'}
  featureFlags:
    newCheckout: ${prod ? 'false' : 'true'}
resources:
  requests:
    cpu: ${prod ? '250m' : '150m'}
    memory: 256Mi
  limits:
    cpu: 1000m
    memory: 1Gi
autoscaling:
  enabled: true
  minReplicas: ${prod ? 3 : 2}
  maxReplicas: ${prod ? 20 : 4}
  targetCPUUtilizationPercentage: 70
podDisruptionBudget:
  enabled: true
  minAvailable: 1
podSecurityContext:
  runAsNonRoot: true
  runAsUser: 1000
  seccompProfile:
    type: RuntimeDefault
securityContext:
  allowPrivilegeEscalation: false
  readOnlyRootFilesystem: true
  capabilities:
    drop:
      - ALL
ingress:
  enabled: true
  className: nginx
  hosts:
    - host: ${host}
      paths:
        - path: /
          pathType: Prefix
  tls:
    - secretName: ${app}-${env}-tls
      hosts:
        - ${host}
externalSecrets:
  enabled: true
  secretStoreRef:
    name: vault-${env}
    kind: ClusterSecretStore
  refreshInterval: 1h
  data:
    - secretKey: database-url
      remoteRef:
        key: ${app}/${env}/database
        property: url
`;
}

if (require.main === module) {
  const { values } = parseArgs({ options: { apps: { type: 'string', default: '500' }, envs: { type: 'string', default: '4' }, seed: { type: 'string', default: '1' }, out: { type: 'string' } } });
  if (!values.out) {
    process.stderr.write('usage: synth.ts --out DIR [--apps 500] [--envs 4] [--seed 1]\n');
    process.exit(2);
  }
  const r = synthesize({ root: resolve(values.out), apps: Number(values.apps), envs: Number(values.envs), seed: Number(values.seed) });
  process.stdout.write(`${r.apps.length} apps x ${r.envs.length} envs (${r.envs.join(', ')}) in ${values.out}\n`);
}
