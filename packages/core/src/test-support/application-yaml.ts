/**
 * An Argo CD Application's text for tests: its name, the namespace it deploys to, and its
 * `  source:` or `  sources:` block as written (two spaces in, a final newline optional).
 */
export function applicationYaml(name: string, namespace: string, source: string): string {
  return `apiVersion: argoproj.io/v1alpha1
kind: Application
metadata:
  name: ${name}
  namespace: argocd
spec:
  project: default
${source.endsWith('\n') ? source : `${source}\n`}  destination:
    server: https://kubernetes.default.svc
    namespace: ${namespace}
`;
}
