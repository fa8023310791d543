import type { Page } from '@playwright/test';
import { cliDescribeConfigs, cliDescribeTopic, cliOffsets, cliTopics } from '../src-main/core/testing/kafka-cli.js';
import { expect, test } from './fixtures.js';
import { kcatProduce } from './kcat.js';

/**
 * Topic administration as a person does it, against Apache Kafka 4.1 and against the bundled
 * sandbox, each step checked with Kafka's own tools: create (a refused config first), edit a config,
 * purge, delete.
 */

async function addConnection(page: Page, bootstrap: string) {
  await page.getByRole('button', { name: 'Add connection' }).first().click();
  await page.getByLabel('Name', { exact: true }).fill('Kafka 4.1');
  await page.getByLabel('Bootstrap servers').fill(bootstrap);
  await page.getByRole('button', { name: 'Save' }).click();
  await page.getByRole('navigation', { name: 'Clusters' }).getByRole('link', { name: 'Kafka 4.1' }).click();
}

async function adminJourney(page: Page, bootstrap: string) {
  const topic = `e2e.admin-${Date.now().toString(36)}`;
  const sections = page.getByRole('navigation', { name: 'Cluster sections' });
  await sections.getByRole('link', { name: 'Topics' }).click();

  // Create: Samsa refuses a bad name as it is typed; the broker refuses a bad config before anything is created.
  await page.getByRole('button', { name: 'Create topic' }).click();
  const dialog = page.getByRole('dialog', { name: 'Create topic' });
  await dialog.getByLabel('Name', { exact: true }).fill('orders/v1');
  await expect(dialog.getByText(/Only letters .* are allowed \(not "\/"\)/)).toBeVisible();
  await dialog.getByLabel('Name', { exact: true }).fill(topic);
  await dialog.getByLabel('Partitions').fill('3');
  await dialog.getByLabel('cleanup.policy').selectOption('compact,delete');
  await dialog.getByLabel('retention.ms', { exact: true }).fill('2');
  await dialog.getByLabel('retention.ms unit').selectOption('d');
  await dialog.getByRole('button', { name: 'Add config' }).click();
  await dialog.getByLabel('Config 1 name').fill('min.cleanable.dirty.ratio');
  await dialog.getByLabel('Config 1 value').fill('1.5');
  await expect(dialog.getByRole('status').filter({ hasText: /would refuse/ })).toBeVisible({ timeout: 15_000 });
  expect(await cliTopics(bootstrap)).not.toContain(topic);
  await dialog.getByLabel('Config 1 value').fill('0.2');
  await expect(dialog.getByRole('status').filter({ hasText: /accepts this topic/ })).toBeVisible({ timeout: 15_000 });
  await dialog.getByRole('button', { name: 'Create topic' }).click();
  await expect(page.getByRole('heading', { name: topic })).toBeVisible();
  await expect(page.getByText('3 partitions · 0 messages')).toBeVisible();
  const created = await cliDescribeTopic(bootstrap, topic);
  expect(created.partitions).toBe(3);
  expect(created.configs).toMatchObject({
    'cleanup.policy': 'compact,delete',
    'retention.ms': '172800000',
    'min.cleanable.dirty.ratio': '0.2',
  });

  // Records to purge later, from kcat (an independent client).
  for (let i = 0; i < 6; i++) await kcatProduce(bootstrap, topic, { key: `k${i}`, value: `v${i}` });
  await page.getByRole('tab', { name: 'Configuration' }).click();

  // Edit a config: pending, diff, the broker's check, apply; kafka-configs sees it.
  const configs = page.getByRole('table', { name: 'Configs' });
  await page.getByRole('searchbox', { name: 'Search configs' }).fill('retention');
  await configs.getByRole('button', { name: 'Edit retention.ms' }).click();
  await configs.getByLabel('New value of retention.ms').fill('3600000');
  await configs.getByRole('button', { name: 'Keep' }).click();
  await page.getByRole('button', { name: 'Review and apply…' }).click();
  const diff = page.getByRole('dialog', { name: `Apply 1 change to topic ${topic}?` });
  await expect(diff).toContainText('172800000 (2 days)');
  await expect(diff).toContainText('3600000 (1 hour)');
  await expect(diff.getByText(/The broker accepts these changes/)).toBeVisible();
  await diff.getByRole('button', { name: 'Apply 1 change' }).click();
  await expect(page.getByText('✓ Applied 1 change.')).toBeVisible();
  expect((await cliDescribeConfigs(bootstrap, { type: 'topics', name: topic }))['retention.ms']).toBe('3600000');

  // Purge: the dialog says how many records go; GetOffsetShell sees the new start.
  await page.getByRole('tab', { name: 'Partitions' }).click();
  // kcat wrote behind Samsa's back: reload to read fresh watermarks.
  await page.reload();
  await expect(page.getByText('3 partitions · 6 messages')).toBeVisible();
  await page.getByRole('button', { name: 'Purge records' }).click();
  const purge = page.getByRole('alertdialog', { name: `Purge records of ${topic}` });
  await expect(purge.getByText('6 records will be deleted from')).toBeVisible();
  await purge.getByRole('button', { name: 'Delete 6 records' }).click();
  await expect(page.getByText('3 partitions · 0 messages')).toBeVisible();
  expect(await cliOffsets(bootstrap, topic, 'earliest')).toEqual(await cliOffsets(bootstrap, topic, 'latest'));

  // Delete: only with the name typed; kafka-topics no longer lists it.
  await page.getByRole('button', { name: 'Delete topic' }).click();
  const del = page.getByRole('alertdialog', { name: `Delete topic ${topic}?` });
  await expect(del.getByRole('button', { name: 'Delete topic' })).toBeDisabled();
  await del.getByLabel('Type the topic name to confirm').fill(topic);
  await del.getByRole('button', { name: 'Delete topic' }).click();
  await expect(page.getByRole('searchbox', { name: 'Search topics' })).toBeVisible();
  await expect.poll(async () => cliTopics(bootstrap), { timeout: 20_000 }).not.toContain(topic);
  await page.getByRole('searchbox', { name: 'Search topics' }).fill(topic);
  await expect(page.getByText(/No topics match/)).toBeVisible({ timeout: 35_000 });
}

test.describe('topic administration on Apache Kafka 4.1', () => {
  test('create with a refused config first, edit a config, purge, delete', async ({ samsa: page, kafkaBootstrap }) => {
    await addConnection(page, kafkaBootstrap);
    await adminJourney(page, kafkaBootstrap);
  });
});

test.describe('topic administration on the sandbox', () => {
  // First run: Samsa starts its own broker and lands on it.
  test.use({ samsaArgs: [] });
  test('create with a refused config first, edit a config, purge, delete', async ({ samsa: page }) => {
    await expect(page.getByRole('navigation', { name: 'Cluster sections' })).toBeVisible({ timeout: 30_000 });
    const bootstrap = (await page.getByRole('main').innerText()).match(/127\.0\.0\.1:\d+/)?.[0];
    expect(bootstrap, 'the cluster page shows the sandbox address').toBeTruthy();
    await adminJourney(page, bootstrap!);
  });
});
