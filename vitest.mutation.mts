import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';
import base from './vitest.config.mts';
import { mutationTests } from './tools/mutation/mutation-tests';

// Mutation testing runs the unit tests of the mutated packages, not the end-to-end suites
// (real nx, generators, browser): those load the compiled dist/, which a mutant never reaches.
// Real helm's answers are kept by the hash of their input (test-support/helm-values.ts): the
// initial run asks helm, each mutant compares against the same answers without starting helm.
export default defineConfig({
  ...base,
  test: {
    ...base.test,
    include: mutationTests(),
    env: { ...base.test?.env, HELM_ORACLE_CACHE: fileURLToPath(new URL('./node_modules/.cache/helm-oracle', import.meta.url)) },
    exclude: ['**/node_modules/**', '**/dist/**', 'packages/nx/src/nx-e2e.test.ts', 'packages/nx/src/planted-secrets.test.ts', 'packages/nx/src/plugins/plugin.test.ts', 'packages/nx/src/install-e2e.test.ts', 'packages/nx/src/generators/nx-generate.test.ts', 'packages/nx/src/generators/atomic-generate.test.ts'],
  },
});
