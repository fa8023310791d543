import { defineConfig } from '@playwright/test';
import type { SamsaOptions } from './fixtures.js';

/**
 * One suite, two projects (as RedisInsight does): `web` drives browser mode in Debian's
 * Chromium; `electron` drives the desktop app via _electron and skips, with the reason,
 * where no Electron binary exists.
 */
export default defineConfig<SamsaOptions>({
  testDir: '.',
  testMatch: '**/*.spec.ts',
  timeout: 90_000,
  expect: { timeout: 15_000 },
  fullyParallel: false,
  workers: 1,
  retries: process.env.CI ? 1 : 0,
  reporter: [['list'], ['json', { outputFile: '../test-results/e2e-results.json' }]],
  globalSetup: './global-setup.ts',
  outputDir: '../test-results/e2e',
  use: {
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
  },
  projects: [
    { name: 'web', use: { samsaMode: 'web' } },
    { name: 'electron', use: { samsaMode: 'electron' } },
  ],
});
