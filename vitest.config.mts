import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

// Tests import each package's TypeScript; Nx and the CLI load the compiled dist/ (npm run build).
const source = (path: string) => fileURLToPath(new URL(path, import.meta.url));

export default defineConfig({
  resolve: {
    alias: {
      '@helm-values-manager/core': source('./packages/core/src/index.ts'),
      '@helm-values-manager/promote': source('./packages/promote/src/index.ts'),
      '@helm-values-manager/nx': source('./packages/nx/src/index.ts'),
      '@helm-values-manager/cli': source('./packages/cli/src/index.ts'),
    },
  },
  test: {
    include: ['packages/*/src/**/*.test.ts', 'tools/**/*.test.ts'],
    globalSetup: ['tools/test/global-setup.ts'],
    exclude: ['**/node_modules/**', '**/dist/**'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    // the real-nx and git tests fork processes; two cores are the limit here
    maxWorkers: 2,
  },
});
