export interface AppGeneratorSchema {
  /** The app's name (a DNS-1123 label); also its folder name. */
  name: string;
  /** Container image repository; default the app name. */
  image?: string;
  /** Port the container listens on; default 8080. */
  port?: number;
  /** Folder of the app; default the first `apps` glob of gitops.yaml with the name in place of `*`. */
  directory?: string;
}
