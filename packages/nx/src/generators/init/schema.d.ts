export interface InitGeneratorSchema {
  /** Only register the plugin; write no gitops.yaml. */
  skipGitopsYaml?: boolean;
}
