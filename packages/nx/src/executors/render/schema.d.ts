export interface RenderExecutorSchema {
  env?: string[];
  helm?: string;
  tool?: string;
}
