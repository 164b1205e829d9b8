export interface RenderExecutorSchema {
  env?: string[];
  tool?: string;
}
