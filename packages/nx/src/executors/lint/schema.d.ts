export interface LintExecutorSchema {
  format?: 'text' | 'json';
  tool?: string;
}
