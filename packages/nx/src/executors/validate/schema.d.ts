export interface ValidateExecutorSchema {
  env?: string[];
  format?: 'text' | 'json';
  helm?: string;
  tool?: string;
  /** Set by the plugin on the workspace project: the findings of no one app. */
  workspace?: boolean;
}
