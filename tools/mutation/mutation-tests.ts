/** The variable that narrows a mutation run's test files (tools/mutation/core.ts --own-tests). */
export const MUTATION_TESTS = 'MUTATION_TESTS';

/**
 * The tests a folder of the core is measured against where not the unit suites of all three
 * packages: the folder's own (a lower bound of its score), for folders whose code nearly every
 * test reaches, where each surviving mutant would re-run hundreds of tests. `npm run mutation`
 * re-measures each folder as it was measured.
 */
export const FOLDER_TESTS: Record<string, string[]> = {
  common: ['packages/core/src/common/**/*.test.ts'],
  yaml: ['packages/core/src/yaml/**/*.test.ts'],
  // and the two workspace tests that reach its umbrella-chart and provenance code through real charts
  values: ['packages/core/src/values/**/*.test.ts', 'packages/core/src/workspace/subcharts.test.ts', 'packages/core/src/workspace/resolve.test.ts'],
  // but fuzz.test.ts, which only checks that nothing throws (it kills next to nothing) and loads
  // the workspace twenty times for every surviving mutant
  checks: ['packages/core/src/checks/**/!(fuzz).test.ts'],
  render: ['packages/core/src/render/**/*.test.ts'],
  // every workspace load reaches workspace.ts, resolve.ts and the Argo CD reading, so the unit
  // suites of all three packages would re-run hundreds of tests for each surviving mutant
  workspace: ['packages/core/src/workspace/**/*.test.ts'],
};

/** The test files a mutant runs against: all unit suites of core, promote and nx, or only `only` (globs, comma-separated). */
export function mutationTests(only = process.env[MUTATION_TESTS]): string[] {
  return only ? only.split(',') : ['packages/core/src/**/*.test.ts', 'packages/promote/src/**/*.test.ts', 'packages/nx/src/**/*.test.ts'];
}
