import { chromium } from '@playwright/test';
import { CHROMIUM_ARGS, expect, startBrowserMode, stopProcess, test } from './fixtures.js';

// Saved connections are the user's own data: edits stick, a restart keeps them, removal asks first.
test('add, edit, survive a restart, and remove a connection', async ({
  samsa: page,
  samsaMode,
  dataDir,
  kafkaBootstrap,
}) => {
  const nav = page.getByRole('navigation', { name: 'Clusters' });

  // An empty required field is refused with a message, nothing is saved.
  await page.getByRole('button', { name: 'Add connection' }).first().click();
  await page.getByLabel('Bootstrap servers').fill(kafkaBootstrap);
  await page.getByRole('button', { name: 'Save' }).click();
  await expect(page.getByText('Name is required')).toBeVisible();
  await page.getByLabel('Name', { exact: true }).fill('Staging');
  await page.getByRole('button', { name: 'Save' }).click();
  await expect(nav.getByRole('link', { name: 'Staging' })).toBeVisible();

  await page.getByRole('button', { name: 'Edit connection' }).click();
  await page.getByLabel('Name', { exact: true }).fill('Staging EU');
  await page.getByRole('button', { name: 'Save' }).click();
  await expect(nav.getByRole('link', { name: 'Staging EU' })).toBeVisible();

  if (samsaMode === 'web') {
    // Restart browser mode on the same data folder: the edited connection is still there.
    const { url, proc } = await startBrowserMode(dataDir, ['--skip-sandbox']);
    const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS });
    try {
      const fresh = await browser.newPage();
      await fresh.goto(url);
      await expect(
        fresh.getByRole('navigation', { name: 'Clusters' }).getByRole('link', { name: 'Staging EU' }),
      ).toBeVisible();
    } finally {
      await browser.close();
      await stopProcess(proc);
    }
  }

  await nav.getByRole('link', { name: 'Staging EU' }).click();
  await page.getByRole('button', { name: 'Remove connection' }).click();
  await page.getByRole('alertdialog').getByRole('button', { name: 'Yes, remove' }).click();
  await expect(nav.getByRole('link', { name: 'Staging EU' })).toHaveCount(0);
});
