// `npm test` runs this first: no import cycle anywhere, and packages/core/src imports only
// downwards through its layers, each folder reached through its index.ts.
const CORE = '^packages/core/src';
// Left to right: a folder may import the folders before it. Folders in one group sit side by side.
// sops/ (the SOPS file format) needs only common and yaml; checks and scaffold read and write SOPS files.
const LAYERS = [['common'], ['yaml'], ['values', 'sops'], ['rules'], ['config'], ['workspace'], ['checks'], ['render', 'diff', 'scaffold', 'sealing'], ['status'], ['report']];

const upward = LAYERS.slice(0, -1).map((group, i) => ({
  name: `layer-${group.join('-')}`,
  comment: `${group.join(', ')} must not import the layers above it: ${LAYERS.slice(i + 1).flat().join(', ')}.`,
  severity: 'error',
  from: { path: `${CORE}/(${group.join('|')})/` },
  to: { path: `${CORE}/(${LAYERS.slice(i + 1).flat().join('|')})/` },
}));

module.exports = {
  forbidden: [
    {
      name: 'no-circular',
      comment: 'Import cycles make load order fragile and the layers meaningless.',
      severity: 'error',
      from: {},
      to: { circular: true },
    },
    ...upward,
    {
      name: 'through-index',
      comment: "Import another core folder through its index.ts, never its internals.",
      severity: 'error',
      from: { path: `${CORE}/([^/]+)/` },
      to: { path: `${CORE}/[^/]+/`, pathNot: [`${CORE}/$1/`, `${CORE}/[^/]+/index\\.ts$`, `${CORE}/test-support/`] },
    },
    {
      name: 'core-entry-through-index',
      comment: "packages/core/src/index.ts re-exports the folders' index.ts files only.",
      severity: 'error',
      from: { path: `${CORE}/index\\.ts$` },
      to: { path: `${CORE}/[^/]+/`, pathNot: `${CORE}/[^/]+/index\\.ts$` },
    },
    {
      name: 'test-support-in-tests-only',
      comment: 'Test helpers are for tests; shipped code never imports them.',
      severity: 'error',
      from: { pathNot: ['\\.test\\.ts$', '/test-support/'] },
      to: { path: '/test-support/' },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: ['(^|/)node_modules/', '(^|/)dist/', '/files/'] },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    // @helm-values-manager/* resolve to their TypeScript sources (package.json "types"), as the tests load them
    enhancedResolveOptions: { mainFields: ['types', 'main'], exportsFields: [] },
  },
};
