import { posix } from 'node:path';
import { discoverListedApplications, type ApplicationSpec, type ChartRenderer } from '../../workspace';

/** One app deployed to one place, as an Argo CD Application (or one element of an ApplicationSet) says. */
export interface ArgoDeployment {
  /** The manifest file it was read from. */
  file: string;
  kind: 'Application' | 'ApplicationSet';
  name: string;
  /** Namespace of the Application resource: where Argo CD runs. */
  argoNamespace?: string;
  repoURL?: string;
  targetRevision?: string;
  /** Chart folder in the repository (`spec.source.path`). */
  path?: string;
  valueFiles: string[];
  project?: string;
  namespace?: string;
  server?: string;
  clusterName?: string;
  /** It deploys a chart whose templates create Applications (app-of-apps): no app, and its destination no env. */
  appOfApps?: true;
  /** An app-of-apps chart rendered it: `file` names that chart, not a file. */
  rendered?: true;
}

/** The Helm source of an Application: its one source, or the first of several with a path (multi-source). */
function helmSource(app: ApplicationSpec) {
  return app.sources.find((s) => s.path !== undefined) ?? app.sources[0];
}

/** A source path as a folder of the repository: `./charts/web/` and `charts/./web` are charts/web. */
function pathOf(path: string | undefined): string | undefined {
  return path ? posix.normalize(path).replace(/\/$/, '') : undefined;
}

function fromSpec(app: ApplicationSpec): ArgoDeployment {
  const source = helmSource(app);
  const str = (v: string | undefined) => (v === '' ? undefined : v);
  return {
    file: app.file,
    kind: app.generatedBy ? 'ApplicationSet' : 'Application',
    name: app.name,
    argoNamespace: str(app.namespace),
    repoURL: str(source?.repoURL),
    targetRevision: str(source?.targetRevision),
    path: pathOf(source?.path),
    valueFiles: source?.helm?.valueFiles ?? [],
    project: str(app.project),
    namespace: str(app.destination.namespace),
    server: str(app.destination.server),
    clusterName: str(app.destination.name),
    ...(app.renderedBy ? { rendered: true as const } : {}),
  };
}

/**
 * The Argo CD deployments a repository's files declare, read as the workspace reads them
 * (Applications, ApplicationSets and their generators). What cannot be expanded here (a git
 * generator over another repository, a generator that needs a live service) is added to
 * `unexpanded`, one line each.
 */
export function argoDeployments(files: string[], read: (path: string) => string | undefined, unexpanded: string[], repoURL?: string, renderChart?: ChartRenderer): ArgoDeployment[] {
  const discovery = discoverListedApplications(files, read, repoURL, renderChart);
  for (const f of discovery.findings) if (f.rule === 'argocd-generator-unsupported' || f.rule === 'argocd-application-unreadable') unexpanded.push(`${f.file}:${f.line}: ${f.message}`);
  const parents = new Set(discovery.appOfApps);
  return discovery.applications.map((a) => (parents.has(a) ? { ...fromSpec(a), appOfApps: true as const } : fromSpec(a)));
}
