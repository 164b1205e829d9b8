import { defineConfig } from 'vitest/config';
import base from './vitest.config.mts';
import { mutationTests } from './tools/mutation/mutation-tests';

// Mutation testing runs the unit tests of the mutated packages, not the end-to-end suites
// (real nx, generators, browser): those load the compiled dist/, which a mutant never reaches.
export default defineConfig({
  ...base,
  test: {
    ...base.test,
    include: mutationTests(),
    exclude: ['**/node_modules/**', '**/dist/**', 'packages/nx/src/nx-e2e.test.ts', 'packages/nx/src/planted-secrets.test.ts', 'packages/nx/src/plugins/plugin.test.ts', 'packages/nx/src/install-e2e.test.ts', 'packages/nx/src/generators/nx-generate.test.ts', 'packages/nx/src/generators/atomic-generate.test.ts'],
  },
});
