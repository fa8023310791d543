import { defineConfig } from 'vitest/config';

// Two projects: fast unit tests beside the code, and integration tests (*.int.test.ts)
// that start real brokers (the bundled sandbox and Apache Kafka from Maven Central jars).
export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'unit',
          include: ['src-main/**/*.test.ts', 'src-renderer/src/**/*.test.{ts,tsx}', 'scripts/**/*.test.ts'],
          exclude: ['**/*.int.test.ts', '**/node_modules/**'],
          environment: 'node',
        },
      },
      {
        test: {
          name: 'integration',
          include: ['src-main/**/*.int.test.ts', 'test-support/**/*.int.test.ts'],
          testTimeout: 120_000,
          hookTimeout: 180_000,
          fileParallelism: false,
          // Real brokers on a 2-core machine: one retry in CI absorbs scheduling noise; a test that
          // fails twice fails the run, and the first failure is still printed.
          retry: process.env.CI ? 1 : 0,
          // One real Apache Kafka for the whole run (test files read it with kafkaSingleton()).
          globalSetup: ['test-support/kafka/global-setup.ts'],
        },
      },
    ],
  },
});
