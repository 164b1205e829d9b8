/**
 * Argo CD's build environment (https://argo-cd.readthedocs.io/en/stable/user-guide/build-environment/):
 * the variables it substitutes into an Application's helm parameters when it renders, at sync
 * time. The revision variables name the commit it syncs, which no file of the repository says.
 */
export const ARGOCD_BUILD_VARIABLES: Readonly<Record<string, string>> = {
  ARGOCD_APP_NAME: "the Application's name",
  ARGOCD_APP_NAMESPACE: "the Application's destination namespace",
  ARGOCD_APP_PROJECT_NAME: "the Application's project",
  ARGOCD_APP_REVISION: 'the commit Argo CD syncs',
  ARGOCD_APP_REVISION_SHORT: 'the commit Argo CD syncs, 7 characters',
  ARGOCD_APP_REVISION_SHORT_8: 'the commit Argo CD syncs, 8 characters',
  ARGOCD_APP_SOURCE_PATH: "the source's path in its repository",
  ARGOCD_APP_SOURCE_REPO_URL: "the source's repository URL",
  ARGOCD_APP_SOURCE_TARGET_REVISION: "the source's targetRevision",
  KUBE_VERSION: "the destination cluster's Kubernetes version",
  KUBE_API_VERSIONS: "the destination cluster's Kubernetes API versions",
};

/**
 * `$NAME` or `${NAME}` of a build variable, captured whole (for `split`); any `ARGOCD_APP_*`, as
 * later Argo CD versions add more. `$$` is Argo CD's escape for a literal `$`.
 */
export const ARGOCD_VARIABLE = /((?<!\$)\$\{?(?:ARGOCD_APP_[A-Z_0-9]+|KUBE_VERSION|KUBE_API_VERSIONS)\b\}?)/;

/** The build variables a value refers to, by name, each once. */
export function buildVariablesIn(text: string): string[] {
  if (!text.includes('$')) return [];
  return [...new Set(text.split(ARGOCD_VARIABLE).filter((_, i) => i % 2 === 1).map((v) => v.replace(/[${}]/g, '')))];
}

/** A value that is the synced commit itself (`$ARGOCD_APP_REVISION`, short or not): pinned, since a commit is. */
export function isSyncedRevision(text: string): boolean {
  return /^\$(ARGOCD_APP_REVISION(_SHORT(_8)?)?|\{ARGOCD_APP_REVISION(_SHORT(_8)?)?\})$/.test(text);
}

/** A value with each build variable written `<NAME>`: a placeholder Argo CD fills in, not something to read as written. */
export function markArgoVariables(text: string): string {
  return text.split(ARGOCD_VARIABLE).map((part, i) => (i % 2 === 1 ? `<${part.replace(/[${}]/g, '')}>` : part)).join('');
}

/** What the build variables of a value stand for, for a tooltip or a note. */
export function describeArgoVariables(names: string[]): string {
  return names.map((n) => `${n}: ${ARGOCD_BUILD_VARIABLES[n] ?? 'a variable of its build environment'}`).join('; ');
}
