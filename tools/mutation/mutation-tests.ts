/** The test files a mutant runs against: MUTATION_TESTS narrows them to a folder's own (tools/mutation/core.ts --own-tests). */
export function mutationTests(only = process.env.MUTATION_TESTS): string[] {
  return only ? [only] : ['packages/core/src/**/*.test.ts', 'packages/promote/src/**/*.test.ts', 'packages/nx/src/**/*.test.ts'];
}
