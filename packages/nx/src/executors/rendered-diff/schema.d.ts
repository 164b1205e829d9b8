export interface RenderedDiffExecutorSchema {
  against?: string;
  from?: string;
  to?: string;
  format?: 'text' | 'markdown';
  helm?: string;
  tool?: string;
}
