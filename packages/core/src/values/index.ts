// Values merged as Helm merges them: layers, --set arguments, provenance of every value, JSON Schema.
export * from './merge';
export * from './chart-values';
export * from './strvals';
export * from './resolution';
export * from './merge-files';
export * from './provenance';
export * from './file-overrides';
export * from './schema';
export * from './helm-rules';
