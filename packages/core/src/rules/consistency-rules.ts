import { everyTier, type RuleMeta } from './rule';

export const CONSISTENCY_RULES: RuleMeta[] = [
  {
    id: 'argocd-application-missing',
    title: 'Every env has an Argo CD Application',
    description: 'An app deploys to an env through the Application `<app>-<env>.yaml` under `argocd.applications`; without it the env never receives the values validated here.',
    fix: 'Run `npx nx g env --name=<env>` again (it only adds what is missing), or write the Application from templates/argocd/application.yaml.hbs.',
    defaults: everyTier('error'),
  },
  {
    id: 'argocd-value-files',
    title: "The Application's valueFiles follow the layers",
    description: "Argo CD merges exactly the files listed under `spec.source.helm.valueFiles`, in that order. They must be the app's layers for that env (base, parent envs' overlays, the env's overlay, the cluster's), or Argo CD deploys values that validate never saw. A listed file that does not exist makes Argo CD fail the sync.",
    fix: 'List the files in layer order, e.g. `valueFiles: [values.yaml, values-prod.yaml]` (`npx gitops values APP ENV --provenance` shows the layers).',
    defaults: everyTier('error'),
  },
  {
    id: 'argocd-source-path',
    title: "The Application points at the app's folder",
    description: '`spec.source.path` must be the app folder, or Argo CD renders another chart with these values.',
    fix: 'Set `spec.source.path` to the app folder relative to the repository root.',
    defaults: everyTier('error'),
  },
];
