/** The variable that narrows a mutation run's test files (tools/mutation/core.ts --own-tests). */
export const MUTATION_TESTS = 'MUTATION_TESTS';

/** The test files a mutant runs against: all unit suites of core, promote and nx, or only `only`. */
export function mutationTests(only = process.env[MUTATION_TESTS]): string[] {
  return only ? [only] : ['packages/core/src/**/*.test.ts', 'packages/promote/src/**/*.test.ts', 'packages/nx/src/**/*.test.ts'];
}
