import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, repoRoot, test } from './fixtures.js';

const version = JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8')).version as string;

test('About Samsa shows the version and the licence of every bundled package', async ({ samsa: page }) => {
  await page.getByRole('button', { name: 'About Samsa' }).click();
  const dialog = page.getByRole('dialog', { name: 'About Samsa' });
  await expect(dialog).toContainText(`Version${version}`);
  await expect(dialog).toContainText(/no telemetry/i);
  const packages = dialog.getByRole('list', { name: 'Bundled packages and their licences' });
  // Both kinds: a library the window bundles (react) and one the app loads at run time (kafkajs).
  for (const name of ['react', 'kafkajs', 'zod']) await expect(packages).toContainText(name);
  const kafkajs = packages.getByRole('listitem').filter({ hasText: /^kafkajs/ });
  await expect(kafkajs).toContainText('MIT');
  await kafkajs.getByText(/^kafkajs/).click();
  await expect(kafkajs.locator('pre')).toContainText('Permission is hereby granted');
  await page.screenshot({ path: 'test-results/screens/about-light.png' });
  await page.emulateMedia({ colorScheme: 'dark' });
  await page.screenshot({ path: 'test-results/screens/about-dark.png' });
  await page.keyboard.press('Escape');
  await expect(dialog).toHaveCount(0);
});
