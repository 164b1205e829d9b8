import { everyTier, type RuleMeta } from './rule';

export const VALUES_FILE_UNUSED: RuleMeta = {
  id: 'values-file-unused',
  title: 'Every values file is a layer',
  description: 'A values file in the folder of an app that Argo CD Applications deploy, which none of them layers in any env: edits to it change nothing that is deployed.',
  fix: 'Add it to the valueFiles of the Applications that should use it, or delete it.',
  defaults: everyTier('warning'),
};

/** What reading the repository as Argo CD does can report (docs/layouts.md). */
export const ARGOCD_RULES: RuleMeta[] = [
  {
    id: 'argocd-applications-none',
    title: 'argocd.applications finds Applications',
    description: 'Every glob under `argocd.applications` in gitops.yaml must name at least one file; one that matches nothing usually means a moved folder, and the apps it described would silently go unchecked.',
    fix: 'Fix or remove the glob (a folder is read recursively; `**` spans folders).',
    defaults: everyTier('error'),
  },
  {
    id: 'argocd-application-unreadable',
    title: 'Argo CD can read every Application',
    description: 'An Application or ApplicationSet that Argo CD would refuse or fail to render: no source, a path outside the repository, a name Kubernetes refuses, a template that fails, an app-of-apps chart that cannot be rendered here. It is one finding; the other Applications are still checked.',
    fix: 'Fix the manifest at the line given.',
    defaults: everyTier('error'),
  },
  {
    id: 'argocd-value-file-missing',
    title: 'Every value file an Application lists exists',
    description: 'Argo CD fails the sync when a `helm.valueFiles` entry (or a fileParameters path) does not exist, unless `ignoreMissingValueFiles: true`.',
    fix: 'Create the file, fix the path (relative to the chart folder; `$ref/...` for another source), or set ignoreMissingValueFiles.',
    defaults: everyTier('error'),
  },
  {
    id: 'argocd-values-unknown',
    title: 'Every values layer can be read here',
    description: 'A layer this repository does not hold: a chart from a Helm repository with no vendored copy (its defaults), a value file in another Git repository or behind a URL. Schema, policy and lint then see only the values this repository sets.',
    fix: 'Vendor the chart (charts/<name>-<version>/ or argocd.chartCache), or list the other URLs of this repository under argocd.repoURLs.',
    defaults: everyTier('warning'),
  },
  {
    id: 'argocd-generator-unsupported',
    title: 'Every ApplicationSet can be expanded here',
    description: 'A generator that needs a live service (scmProvider, pullRequest, clusterDecisionResource, plugin), a git generator of another repository, a clusters selector without cluster labels in gitops.yaml, or a template function this tool does not evaluate: the Applications it generates are not known, so they are not checked.',
    fix: 'Use list, clusters, git, matrix or merge generators and the template functions of docs/layouts.md, or describe those deployments under layouts.',
    defaults: everyTier('warning'),
  },
  {
    id: 'argocd-env-unknown',
    title: 'Every Application deploys to a declared env',
    description: "An Application whose name, generator element, destination namespace, project and cluster match no env of gitops.yaml: its values are shown by `--application` but are in no env's checks or promotions.",
    fix: 'Declare the env (with its namespace), or add a name pattern under argocd.names.',
    defaults: everyTier('warning'),
  },
  {
    id: 'argocd-values-ignored',
    title: 'No inline values are ignored',
    description: 'Argo CD uses `helm.valuesObject` when both it and `helm.values` are set: the `values` string is ignored.',
    fix: 'Keep one of the two.',
    defaults: everyTier('warning'),
  },
  VALUES_FILE_UNUSED,
];
