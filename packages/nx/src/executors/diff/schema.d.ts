export interface DiffExecutorSchema {
  from: string;
  to: string;
  format?: 'text' | 'json';
  tool?: string;
}
