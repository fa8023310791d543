import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { expect, test } from './fixtures.js';

const run = promisify(execFile);

// First run with no saved connection: Samsa starts its bundled broker and connects to it.
test.use({ samsaArgs: [] });

test('the sandbox starts on first run, loads sample data, and real clients see it', async ({ samsa: page }) => {
  // A newcomer lands on a working cluster: the sandbox's overview, not an empty page.
  await expect(page.getByRole('navigation', { name: 'Cluster sections' })).toBeVisible({ timeout: 30_000 });
  await expect(page.getByRole('main')).toContainText('127.0.0.1');
  // The empty sandbox offers sample data right there; the dialog says what it adds before it does.
  await page.getByRole('button', { name: 'Load sample data' }).click();
  await page.getByRole('dialog', { name: 'Load sample data' }).getByRole('button', { name: 'Add 480 records' }).click();
  await expect(page.getByRole('dialog').getByRole('status')).toContainText('Added 480 records to 4 topics', {
    timeout: 30_000,
  });
  await page.getByRole('dialog').getByRole('button', { name: 'Close' }).click();
  await expect(
    page
      .getByRole('term')
      .filter({ hasText: /^Topics$/ })
      .locator('..'),
    // The four sample topics, and Kafka's internal offsets topic, created (as on Kafka) when the
    // sample data commits a consumer group's offsets.
  ).toContainText('5 (1 internal)');

  await page.getByRole('link', { name: 'Sandbox settings and log' }).click();
  await expect(page.getByRole('status', { name: 'Sandbox state' })).toHaveText(/running/i, { timeout: 30_000 });
  const address = (await page.getByRole('main').innerText()).match(/127\.0\.0\.1:\d+/)?.[0];
  expect(address, 'the Sandbox page shows the broker address').toBeTruthy();

  // kcat (librdkafka), an unmodified Kafka client, sees the sample topics on the sandbox.
  await expect
    .poll(async () => (await run('kcat', ['-b', address!, '-L', '-J'], { timeout: 20_000 })).stdout, {
      timeout: 20_000,
    })
    .toContain('commerce.payment.prod.notification');

  // Browse it like any cluster.
  await page
    .getByRole('navigation', { name: 'Clusters' })
    .getByRole('link', { name: /^Sandbox\b/ })
    .click();
  await page.getByRole('navigation', { name: 'Cluster sections' }).getByRole('link', { name: 'Topics' }).click();
  await page.getByRole('link', { name: 'commerce.payment.prod.notification' }).click();
  await page.getByRole('tab', { name: 'Messages' }).click();
  const grid = page.getByRole('grid', { name: 'Messages' });
  await expect(grid.getByRole('row').filter({ hasText: 'order-' }).first()).toBeVisible();
  // The grid is virtualized: it announces all rows (header + the newest 50) but renders what fits.
  await expect(grid).toHaveAttribute('aria-rowcount', '51');
  await expect(page.getByText(/50 messages, newest first/)).toBeVisible();

  // Stop it from the Sandbox page.
  await page.getByRole('link', { name: 'Sandbox settings and log' }).click();
  await page.getByRole('button', { name: 'Stop' }).click();
  await expect(page.getByRole('status', { name: 'Sandbox state' })).toHaveText(/stopped/i, { timeout: 20_000 });
});
