export interface ValidateExecutorSchema {
  env?: string[];
  format?: 'text' | 'json';
  tool?: string;
}
