import { expect, test } from './fixtures.js';

// First run: Samsa starts its sandbox and lands on it.
test.use({ samsaArgs: [] });

test('brokers and partition health: a topic whose min.insync.replicas cannot be met shows everywhere', async ({
  samsa: page,
}) => {
  const sections = page.getByRole('navigation', { name: 'Cluster sections' });
  await expect(sections).toBeVisible({ timeout: 30_000 });
  await page.getByRole('button', { name: 'Load sample data' }).click();
  const dialog = page.getByRole('dialog', { name: 'Load sample data' });
  await dialog.getByRole('button', { name: 'Add 480 records' }).click();
  await expect(dialog.getByRole('status')).toContainText('Added 480 records to 4 topics', { timeout: 30_000 });
  await dialog.getByRole('button', { name: 'Close' }).click();

  // Brokers: the one sandbox broker, its log directory with a size, every partition healthy.
  await sections.getByRole('link', { name: 'Brokers' }).click();
  const brokers = page.getByRole('table', { name: 'Brokers' });
  await expect(brokers.getByRole('row').filter({ hasText: 'Controller' })).toContainText(
    /\d+(\.\d)? KiB · .* free of /,
  );
  // 13 sample partitions, and the 50 of Kafka's internal offsets topic the sample groups created.
  await expect(page.getByText(/All 63 partitions of 5 topics are healthy/)).toBeVisible();

  // min.insync.replicas 2 on a one-replica topic: acks=all writes would fail.
  const topic = 'identity.user.prod.signup';
  await sections.getByRole('link', { name: 'Topics' }).click();
  await page.getByRole('link', { name: topic }).click();
  await page.getByRole('tab', { name: 'Configuration' }).click();
  await page.getByRole('button', { name: 'Edit min.insync.replicas' }).click();
  await page.getByLabel('New value of min.insync.replicas').fill('2');
  await page.getByRole('button', { name: 'Keep' }).click();
  await page.getByRole('button', { name: 'Review and apply…' }).click();
  await page.getByRole('dialog').getByRole('button', { name: 'Apply 1 change' }).click();
  await expect(page.getByText('✓ Applied 1 change.')).toBeVisible();

  await sections.getByRole('link', { name: 'Brokers' }).click();
  await expect(
    page
      .getByRole('term')
      .filter({ hasText: /^Under min ISR$/ })
      .locator('..'),
  ).toContainText('1');
  const problems = page.getByRole('table', { name: 'Partitions with problems' });
  const row = problems.getByRole('row').filter({ hasText: topic });
  await expect(row).toBeVisible();
  await expect(row).toContainText('under min ISR');
  await expect(row.getByRole('img', { name: 'broker 1 leader' })).toBeVisible();

  // The topic list says it too, and filters by it.
  await sections.getByRole('link', { name: 'Topics' }).click();
  const topics = page.getByRole('table', { name: 'Topics' });
  await expect(topics.getByRole('row').filter({ hasText: topic })).toContainText('1 under min ISR');
  await page.getByLabel('Show topics').selectOption('Under min ISR');
  await expect(page.getByRole('status').filter({ hasText: /^1 of 4 topics$/ })).toBeVisible();
  await page.getByRole('button', { name: /Messages/ }).click();
  await expect(page.getByRole('columnheader', { name: /Messages/ })).toHaveAttribute('aria-sort', 'descending');
});
