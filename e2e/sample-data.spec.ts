import { Kafka, logLevel } from 'kafkajs';
import { expect, test } from './fixtures.js';

test.use({ samsaArgs: [] });

const SAMPLE_TOPICS = [
  'commerce.order.prod.created',
  'commerce.payment.prod.notification',
  'identity.user.prod.signup',
  'iot.sensor.dev.temperature',
];

async function recordsIn(bootstrap: string, topics: string[]): Promise<number> {
  const admin = new Kafka({ brokers: [bootstrap], logLevel: logLevel.NOTHING }).admin();
  await admin.connect();
  try {
    let n = 0;
    for (const t of topics) for (const o of await admin.fetchTopicOffsets(t)) n += Number(o.high) - Number(o.low);
    return n;
  } finally {
    await admin.disconnect();
  }
}

// "Load sample data" asks first, says what it added with links to it, and a second click does not
// silently add another 480 records.
test('sample data is confirmed, linked, and never loaded twice', async ({ samsa: page }) => {
  await expect(page.getByRole('navigation', { name: 'Cluster sections' })).toBeVisible({ timeout: 30_000 });
  const topicsStat = page
    .getByRole('term')
    .filter({ hasText: /^Topics$/ })
    .locator('..');
  await expect(topicsStat).toContainText('0');

  // Cancel adds nothing.
  await page.getByRole('button', { name: 'Load sample data' }).click();
  const dialog = page.getByRole('dialog', { name: 'Load sample data' });
  await expect(dialog).toContainText('Adds 480 records of keyed JSON to 4 topics');
  await expect(dialog).toContainText('commerce.order.prod.created 6 partitions · 120 records');
  await expect(dialog).toContainText('identity.user.prod.signup 1 partition · 120 records');
  await dialog.getByRole('button', { name: 'Cancel' }).click();
  await expect(dialog).toHaveCount(0);
  await expect(page.getByRole('button', { name: 'Load sample data' })).toBeFocused();
  await expect(topicsStat).toContainText('0');

  // Confirm: the dialog says what was added and links to it; focus goes to Close.
  await page.getByRole('button', { name: 'Load sample data' }).click();
  await dialog.getByRole('button', { name: 'Add 480 records' }).click();
  await expect(dialog.getByRole('status')).toHaveText(
    'Added 480 records to 4 topics and committed offsets for 2 consumer groups. Browse the sample topics',
    { timeout: 30_000 },
  );
  await expect(dialog.getByRole('button', { name: 'Close' })).toBeFocused();
  const sampleTopics = dialog.getByRole('list', { name: 'Sample topics' }).getByRole('link');
  await expect(sampleTopics).toHaveText(SAMPLE_TOPICS);
  // The four sample topics, and Kafka's internal offsets topic (created, as on Kafka, when the
  // sample consumer groups commit).
  await expect(topicsStat).toContainText('5 (1 internal)');

  // The link opens that topic's messages.
  await sampleTopics.filter({ hasText: 'commerce.payment.prod.notification' }).click();
  await expect(dialog).toHaveCount(0);
  await expect(page.getByRole('heading', { name: 'commerce.payment.prod.notification' })).toBeVisible();
  await expect(page.getByRole('tab', { name: 'Messages', selected: true })).toBeVisible();

  // A second try, from the Sandbox page this time: it says the data is there, and offers no way to double it.
  await page.getByRole('link', { name: 'Sandbox settings and log' }).click();
  const address = (await page.getByRole('main').innerText()).match(/127\.0\.0\.1:\d+/)![0];
  await page.getByRole('button', { name: 'Load sample data' }).click();
  await expect(dialog.getByRole('status')).toContainText('Sample data is already loaded');
  await expect(dialog.getByRole('button', { name: /^Add/ })).toHaveCount(0);
  await page.keyboard.press('Escape');
  await expect(dialog).toHaveCount(0);

  // Every sample topic still holds 120 records, read by a client that is not Samsa.
  expect(await recordsIn(address, SAMPLE_TOPICS)).toBe(480);
});
