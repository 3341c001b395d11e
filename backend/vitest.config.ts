import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    exclude: ['test/fixtures/**', 'node_modules/**'],
    environment: 'node',
    pool: 'forks',
    // Each integration/HTTP file makes its own database; two cores, so keep the fan-out modest.
    maxWorkers: 3,
    testTimeout: 20_000,
    hookTimeout: 60_000,
    reporters: process.env.CI ? ['default', 'junit'] : ['default'],
    outputFile: { junit: 'test-results/junit.xml' },
    // `make test` runs with --coverage; the thresholds fail the run (ARCHITECTURE.md,
    // "Formatting, lint, hooks"). Servers spawned as child processes are not measured.
    coverage: {
      provider: 'v8',
      include: ['src/**/*.ts'],
      exclude: ['src/http/generated/**'],
      reporter: ['text-summary', 'json-summary', 'html'],
      reportsDirectory: 'coverage',
      thresholds: {
        lines: 85,
        'src/domain/**': { lines: 100 },
        'src/application/**': { lines: 90 },
      },
    },
  },
});
