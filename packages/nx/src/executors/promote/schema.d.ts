export interface PromoteExecutorSchema {
  from: string;
  to?: string[];
  dryRun?: boolean;
  format?: 'text' | 'json' | 'markdown';
  push?: boolean;
  pr?: boolean;
  draft?: boolean;
  force?: boolean;
  githubTimeout?: number;
  tool?: string;
}
