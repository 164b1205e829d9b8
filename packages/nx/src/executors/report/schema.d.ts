export interface ReportExecutorSchema {
  output?: string;
  env?: string[];
  tool?: string;
}
