import { Kafka, logLevel } from 'kafkajs';
import { expect, test } from './fixtures.js';
import { kcatConsumeAll, kcatProduce } from './kcat.js';

const suffix = Date.now().toString(36);
const topic = `e2e.orders.test.created-${suffix}`;

test.describe('first slice against real Apache Kafka', () => {
  test.beforeAll(async () => {
    const kafka = new Kafka({ brokers: [process.env.SAMSA_KAFKA_BOOTSTRAP!], logLevel: logLevel.NOTHING });
    const admin = kafka.admin();
    await admin.connect();
    await admin.createTopics({ topics: [{ topic, numPartitions: 3 }], waitForLeaders: true });
    await admin.disconnect();
    await kcatProduce(process.env.SAMSA_KAFKA_BOOTSTRAP!, topic, {
      key: 'order-42',
      value: '{"orderId":42,"status":"NEW"}',
      headers: { 'trace-id': 'abc-123' },
    });
  });

  test('connect, browse a topic, read a kcat message, produce one that kcat reads back', async ({
    samsa: page,
    kafkaBootstrap,
  }) => {
    // A wrong address gets a clear message, quickly.
    await page.getByRole('button', { name: 'Add connection' }).first().click();
    await page.getByLabel('Name', { exact: true }).fill('Local Kafka');
    await page.getByLabel('Bootstrap servers').fill('127.0.0.1:1');
    await page.getByRole('button', { name: 'Test connection' }).click();
    await expect(page.getByRole('alert').filter({ hasText: /reach|refused|connect/i })).toBeVisible({
      timeout: 15_000,
    });

    // The right address works and is saved.
    await page.getByLabel('Bootstrap servers').fill(kafkaBootstrap);
    await page.getByRole('button', { name: 'Test connection' }).click();
    await expect(page.getByRole('status').filter({ hasText: /broker/i })).toBeVisible();
    await page.getByRole('button', { name: 'Save' }).click();
    await page.getByRole('navigation', { name: 'Clusters' }).getByRole('link', { name: 'Local Kafka' }).click();

    // Overview shows the broker.
    await expect(page.getByRole('main')).toContainText(kafkaBootstrap.split(':')[1]);

    // Topics: find ours by search, open it.
    await page.getByRole('navigation', { name: 'Cluster sections' }).getByRole('link', { name: 'Topics' }).click();
    await page.getByRole('searchbox', { name: 'Search topics' }).fill(suffix);
    await page.getByRole('link', { name: topic }).click();
    await expect(page.getByRole('tab', { name: 'Partitions' })).toBeVisible();
    await expect(page.getByRole('tabpanel').getByRole('row')).toHaveCount(4); // header + 3 partitions

    // Messages: the kcat record with its key and header.
    await page.getByRole('tab', { name: 'Messages' }).click();
    const row = page.getByRole('row').filter({ hasText: 'order-42' });
    await expect(row).toBeVisible();
    await row.click();
    const details = page.getByRole('region', { name: 'Message details' });
    await expect(details).toContainText('trace-id');
    await expect(details).toContainText('abc-123');
    await expect(details).toContainText('"status": "NEW"');

    // Produce from the UI; invalid JSON is refused first, nothing is sent.
    await page.getByRole('tab', { name: 'Produce' }).click();
    await page.getByLabel('Key', { exact: true }).fill('from-samsa');
    await page.getByLabel('JSON', { exact: true }).check();
    await page.getByLabel('Value', { exact: true }).fill('{"greeting": "hello"');
    await page.getByRole('button', { name: 'Send' }).click();
    await expect(page.getByText(/not valid JSON/i).first()).toBeVisible();
    await page.getByLabel('Value', { exact: true }).fill('{"greeting": "hello from Samsa"}');
    await page.getByRole('button', { name: 'Send' }).click();
    await expect(page.getByText(/Delivered to partition \d+ at offset \d+/)).toBeVisible();

    // kcat, an independent client, sees it with its key.
    await expect
      .poll(async () => (await kcatConsumeAll(kafkaBootstrap, topic)).join('\n'), { timeout: 20_000 })
      .toContain('from-samsa\t{"greeting": "hello from Samsa"}');
  });
});
