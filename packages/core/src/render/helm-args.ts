import type { SetArg } from '../values';
import { applicationName, ARGOCD_VARIABLE, argoSetArg, buildVariablesIn, getApp, getEnv, layers, readApplication, type Workspace } from '../workspace';

/** What helm needs to install an app in an env: the same layers, release and namespace as Argo CD. */
export interface HelmInvocation {
  release: string;
  /** The chart folder (the app folder), relative to the workspace root. */
  chart: string;
  namespace: string;
  /** The values files that exist, in layer order, relative to the workspace root. */
  valueFiles: string[];
  /** The Application's `helm.parameters` as Argo CD passes them, then the caller's own. */
  sets: SetArg[];
  /** Where the release name and parameters come from, when an Application deploys the app. */
  application?: string;
}

/**
 * The helm invocation for an app in an env (and cluster): the layers validate and render merge,
 * the release Argo CD installs (`helm.releaseName`, else the Application's name), the env's
 * namespace, then the Application's parameters and `extraSets`.
 */
export function helmInvocation(ws: Workspace, app: string, env: string, opts: { cluster?: string; extraSets?: SetArg[] } = {}): HelmInvocation {
  const a = getApp(ws, app);
  const e = getEnv(ws, env);
  const ref = readApplication(ws, a.name, e.name, opts.cluster);
  return {
    release: ref?.releaseName ?? applicationName(a.name, e.name, opts.cluster),
    chart: a.dir,
    namespace: e.namespace,
    valueFiles: layers(ws, a, e.name, opts.cluster)
      .filter((l) => l.exists)
      .map((l) => l.file),
    sets: [...(ref?.parameters.map(argoSetArg) ?? []), ...(opts.extraSets ?? [])],
    ...(ref ? { application: ref.file } : {}),
  };
}

/**
 * The argv (without the program name) of `helm upgrade --install` or `helm template` for an
 * invocation. Paths are made relative by `path` (e.g. to the current directory), written `./x`
 * as in the spec's deployment commands.
 */
export function helmArgv(inv: HelmInvocation, command: 'upgrade' | 'template', path: (workspacePath: string) => string = (p) => p): string[] {
  const local = (p: string) => {
    const r = path(p);
    return r.startsWith('/') || r.startsWith('.') ? r : `./${r}`;
  };
  return [
    ...(command === 'upgrade' ? ['upgrade', '--install'] : ['template']),
    inv.release,
    local(inv.chart),
    '-n',
    inv.namespace,
    ...inv.valueFiles.flatMap((f) => ['-f', local(f)]),
    ...inv.sets.flatMap((s) => [`--${s.kind}`, s.expression]),
  ];
}

/** The Argo CD build variables an argv refers to: a shell must define them to run it as Argo CD does. */
export function argoVariablesIn(argv: string[]): string[] {
  return [...new Set(argv.flatMap(buildVariablesIn))];
}

/**
 * One argument for a POSIX shell: bare when safe, double-quoted when it refers to Argo CD's
 * build variables (so the shell expands them as Argo CD would), single-quoted otherwise.
 */
export function shellQuote(arg: string): string {
  if (/^[A-Za-z0-9_@%+=:,./-]+$/.test(arg)) return arg;
  const parts = arg.split(ARGOCD_VARIABLE);
  if (parts.length > 1) return `"${parts.map((p, i) => (i % 2 === 1 ? p : p.replace(/["\\`$]/g, '\\$&'))).join('')}"`;
  return `'${arg.replace(/'/g, `'\\''`)}'`;
}

/** Flags of helmArgv that take a value. */
const VALUE_FLAGS = new Set(['-n', '-f', '--set', '--set-string', '--set-json', '--set-file', '--set-literal']);

/** A helmArgv as a shell command, one option per line as in the spec's deployment commands. */
export function formatHelmCommand(argv: string[]): string {
  const head = argv.findIndex((a) => VALUE_FLAGS.has(a));
  const lines = [['helm', ...argv.slice(0, head < 0 ? argv.length : head).map(shellQuote)].join(' ')];
  for (let i = head < 0 ? argv.length : head; i < argv.length; i += 2) lines.push(`${argv[i]} ${shellQuote(argv[i + 1])}`);
  return lines.join(' \\\n  ');
}
