import type { Finding } from '../../common';
import type { Discovery } from './discover-applications';
import type { HelmSourcePlan } from './helm-source-plan';
import { identify, isValidResourceName, type Identity, type IdentityContext } from './identity';

/** One app deployed to one env (and maybe one more cluster) by one Helm source of an Application. */
export interface AppDeployment {
  app: string;
  env?: string;
  cluster?: string;
  /** The Application's name, as users know it (`namespace/name` when two Argo CD namespaces share the name). */
  application: string;
  plan: HelmSourcePlan;
  via: Identity['via'];
}

/**
 * The deployments the Applications describe. The app of an Application with several Helm
 * sources is suffixed with each chart's folder name, so every deployment has its own identity.
 */
export function deploymentsOf(discovery: Discovery, ctx: IdentityContext): { deployments: AppDeployment[]; findings: Finding[] } {
  const findings: Finding[] = [];
  const deployments: AppDeployment[] = [];
  const names = new Map<string, number>();
  for (const a of discovery.applications) names.set(a.name, (names.get(a.name) ?? 0) + 1);
  const reportedName = new Set<string>();
  // An app-of-apps Application deploys Applications into Argo CD's own namespace, which is no env.
  const appOfApps = new Set(discovery.appOfApps);
  const helmSources = new Map<string, number>();
  for (const p of discovery.plans) helmSources.set(`${p.app.namespace}/${p.app.name}`, (helmSources.get(`${p.app.namespace}/${p.app.name}`) ?? 0) + 1);
  for (const plan of discovery.plans) {
    const app = plan.app;
    if (!isValidResourceName(app.name) && !reportedName.has(app.name)) {
      reportedName.add(app.name);
      findings.push({
        rule: 'argocd-application-unreadable',
        severity: 'error',
        message: `"${app.name}" is not a valid Kubernetes name, so Argo CD cannot create this Application`,
        ...app.at(['metadata', 'name']),
        hint: app.generatedBy ? 'Lowercase it in the template: `{{ .path.basenameNormalized }}` or `{{ normalize .x }}` (goTemplate), `{{path.basenameNormalized}}` (fasttemplate).' : 'Use lowercase letters, digits, "-" and ".".',
      });
    }
    const id = identify(app, ctx);
    const several = (helmSources.get(`${app.namespace}/${app.name}`) ?? 0) > 1;
    const chartName = plan.chart.kind === 'repository' ? plan.chart.name : (plan.chart.kind === 'local' ? plan.chart.dir : plan.chart.path).split('/').pop();
    const application = (names.get(app.name) ?? 0) > 1 && app.namespace ? `${app.namespace}/${app.name}` : app.name;
    if (id.via === 'none' && !appOfApps.has(app)) {
      findings.push({
        rule: 'argocd-env-unknown',
        severity: 'warning',
        message: `Application "${application}" deploys to no env of gitops.yaml (name, namespace "${app.destination.namespace ?? ''}", project "${app.project}" and cluster match none)`,
        ...app.at(['metadata', 'name']),
        app: id.app,
        hint: 'Declare its env (with its namespace) in gitops.yaml, or name it with argocd.names patterns; it is still shown by --application.',
      });
    }
    deployments.push({ app: several ? `${id.app}-${chartName}` : id.app, ...(id.env ? { env: id.env } : {}), ...(id.cluster ? { cluster: id.cluster } : {}), application, plan, via: id.via });
  }
  // Two Applications that claim the same app in the same env: Argo CD deploys both; say so.
  const seen = new Map<string, AppDeployment>();
  for (const d of deployments) {
    if (!d.env) continue;
    const key = `${d.app}\0${d.env}\0${d.cluster ?? ''}`;
    const other = seen.get(key);
    if (other) {
      findings.push({
        rule: 'argocd-application-unreadable',
        severity: 'warning',
        message: `Applications "${other.application}" and "${d.application}" both deploy ${d.app} to ${d.env}${d.cluster ? ` on ${d.cluster}` : ''}`,
        ...d.plan.app.at(['metadata', 'name']),
        app: d.app,
        env: d.env,
        hint: 'Use --application NAME to pick one; rename one, or adjust argocd.names so each maps to its own app and env.',
      });
    } else seen.set(key, d);
  }
  return { deployments, findings };
}

/** The deployment a user means by `--application NAME` (or `NAMESPACE/NAME`). */
export function findByApplication(deployments: AppDeployment[], name: string): AppDeployment[] {
  return deployments.filter((d) => d.application === name || d.plan.app.name === name || `${d.plan.app.namespace ?? ''}/${d.plan.app.name}` === name);
}
