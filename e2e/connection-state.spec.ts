import { expect, test } from './fixtures.js';

// First run: the sandbox starts on its own, so there is a cluster to stop and start again.
test.use({ samsaArgs: [] });

// Stale data must never look live: when the cluster goes away, every page of it says so, says how old
// its data is, and offers what fixes it; the sidebar and the home page show each cluster's state.
test('a stopped sandbox shows as disconnected everywhere, with Start right there', async ({
  samsa: page,
  kafkaBootstrap,
}) => {
  const clusters = page.getByRole('navigation', { name: 'Clusters' });
  const sections = page.getByRole('navigation', { name: 'Cluster sections' });
  await expect(sections).toBeVisible({ timeout: 30_000 });
  // One name for one thing: the sandbox is "Sandbox" in the sidebar and on its page.
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Sandbox');
  await expect(clusters.getByRole('link')).toHaveCount(1);
  await expect(clusters.getByRole('link', { name: /^Sandbox\W+Connected$/ })).toBeVisible({ timeout: 15_000 });
  await expect(
    page
      .getByRole('term')
      .filter({ hasText: /^Brokers$/ })
      .locator('..'),
  ).toContainText('1');

  // Stop it from its settings page, then come back to its overview: the numbers are there, but flagged.
  await page.getByRole('link', { name: 'Sandbox settings and log' }).click();
  await page.getByRole('button', { name: 'Stop' }).click();
  await expect(page.getByRole('status', { name: 'Sandbox state' })).toHaveText(/stopped/i, { timeout: 20_000 });
  await expect(clusters.getByRole('link', { name: /^Sandbox\W+Stopped$/ })).toBeVisible();
  await page.goBack();
  await expect(sections).toBeVisible();
  const banner = page.getByRole('status').filter({ hasText: 'Disconnected' });
  await expect(banner).toContainText(/Disconnected — last updated \d\d:\d\d\. The sandbox is stopped\./);
  await expect(
    page
      .getByRole('term')
      .filter({ hasText: /^Brokers$/ })
      .locator('..'),
  ).toContainText('1');
  // The same on the Topics section: the banner belongs to the cluster, not to one page.
  await sections.getByRole('link', { name: 'Topics' }).click();
  await expect(banner).toBeVisible();

  // The action that fixes it is on the page: Start. Then the page is live again, without a reload.
  await page.getByRole('button', { name: 'Start the sandbox' }).click();
  await expect(banner).toHaveCount(0, { timeout: 30_000 });
  await expect(clusters.getByRole('link', { name: /^Sandbox\W+Connected$/ })).toBeVisible({ timeout: 15_000 });
  await expect(page.getByRole('searchbox', { name: 'Search topics' })).toBeVisible();
  await expect(page.getByRole('alert')).toHaveCount(0);

  // A saved connection nobody answers on gets a red dot at once, not after the user opens it.
  await page.getByRole('button', { name: 'Add connection' }).click();
  await page.getByLabel('Name', { exact: true }).fill('Nowhere');
  await page.getByLabel('Bootstrap servers').fill('127.0.0.1:1');
  await page.getByRole('button', { name: 'Save' }).click();
  await expect(clusters.getByRole('link', { name: /^Nowhere\W+Unreachable$/ })).toBeVisible({ timeout: 20_000 });
  await expect(page.getByRole('status').filter({ hasText: 'Disconnected' })).toContainText('connection refused');
  await expect(page.getByRole('button', { name: 'Check again' })).toBeVisible();

  // The home page: a card per cluster with its state and broker count, and the way to add one.
  await page.getByRole('button', { name: 'Add connection' }).click();
  await page.getByLabel('Name', { exact: true }).fill('Kafka 4.1');
  await page.getByLabel('Bootstrap servers').fill(kafkaBootstrap);
  await page.getByRole('button', { name: 'Save' }).click();
  await page.getByRole('link', { name: 'Samsa' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Clusters' })).toBeVisible();
  const card = (name: string) => page.getByRole('article', { name });
  await expect(card('Sandbox')).toContainText(/Connected\s*· 1 broker/, { timeout: 15_000 });
  await expect(card('Kafka 4.1')).toContainText(/Connected\s*· 1 broker/, { timeout: 15_000 });
  await expect(card('Kafka 4.1')).toContainText(kafkaBootstrap);
  await expect(card('Nowhere')).toContainText('Unreachable');
  await expect(card('Nowhere').getByRole('button', { name: 'Check again' })).toBeVisible();
  await page.getByRole('button', { name: /Add a connection/ }).click();
  await expect(page.getByRole('dialog', { name: 'Add connection' })).toBeVisible();
  await page.keyboard.press('Escape');

  // A card opens its cluster.
  await card('Kafka 4.1').getByRole('link', { name: 'Kafka 4.1' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Kafka 4.1');
  await expect(page.getByRole('status').filter({ hasText: 'Disconnected' })).toHaveCount(0);
});
