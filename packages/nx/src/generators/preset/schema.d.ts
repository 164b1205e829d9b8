export interface PresetGeneratorSchema {
  /** The workspace's name, as create-nx-workspace passes it. */
  name?: string;
  /** The first app; default hello. */
  app?: string;
  /** The Git URL Argo CD pulls the repository from. */
  repoURL?: string;
}
