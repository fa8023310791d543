import type { Locator, Page } from '@playwright/test';
import { Kafka, logLevel } from 'kafkajs';
import { expect, test } from './fixtures.js';

const topic = `e2e.polish.${Date.now().toString(36)}`;

test.beforeAll(async () => {
  const admin = new Kafka({ brokers: [process.env.SAMSA_KAFKA_BOOTSTRAP!], logLevel: logLevel.NOTHING }).admin();
  await admin.connect();
  await admin.createTopics({ topics: [{ topic, numPartitions: 1 }], waitForLeaders: true });
  await admin.disconnect();
});

async function addKafka(page: Page, bootstrap: string) {
  await page.getByRole('button', { name: 'Add connection' }).click();
  await page.getByLabel('Name', { exact: true }).fill('Kafka');
  await page.getByLabel('Bootstrap servers').fill(bootstrap);
  await page.getByRole('button', { name: 'Save' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Kafka');
}

const boxes = (items: Locator) =>
  items.evaluateAll((els) => els.map((e) => e.getBoundingClientRect()).map((r) => [r.x, r.width]));

// Small things a newcomer notices: no favicon 404, labels that stay put, cards that do not widen,
// and keyboard focus that lands on what was just opened.
test('no 404 on load; tabs and cards keep their size; focus moves to the opened heading', async ({
  samsa: page,
  kafkaBootstrap,
}) => {
  // The favicon is declared and served, so nothing asks for a missing /favicon.ico.
  const missing: string[] = [];
  page.on('response', (r) => r.status() === 404 && missing.push(r.url()));
  await page.reload();
  const href = await page.locator('link[rel="icon"]').getAttribute('href');
  const icon = new URL(href!, page.url()).toString();
  const answer = await page.request.get(icon);
  expect(answer.status()).toBe(200);
  expect(answer.headers()['content-type']).toBe('image/svg+xml');
  expect(missing).toEqual([]);

  await addKafka(page, kafkaBootstrap);

  // Overview cards: the skeleton and the numbers take the same room. The overview's answer is held
  // back at the WebSocket, so the skeleton can be measured, then let through.
  const held: string[] = [];
  let holding = true;
  let release = () => {};
  await page.routeWebSocket(/\/api/, (ws) => {
    const server = ws.connectToServer();
    const overviewCalls = new Set<number>();
    ws.onMessage((m) => {
      const frame = JSON.parse(String(m)) as { type: string; id: number; method?: string };
      if (frame.type === 'call' && frame.method === 'cluster.overview') overviewCalls.add(frame.id);
      server.send(m);
    });
    server.onMessage((m) => {
      const frame = JSON.parse(String(m)) as { type: string; id: number };
      if (frame.type === 'result' && overviewCalls.has(frame.id) && holding) held.push(String(m));
      else ws.send(m);
    });
    release = () => {
      holding = false;
      held.splice(0).forEach((m) => ws.send(m));
    };
  });
  await page.reload();
  const cards = page.locator('.stats > .stat');
  await expect(page.getByRole('term').filter({ hasText: /^Brokers$/ })).toBeVisible();
  await expect.poll(() => held.length).toBe(1);
  const skeleton = await boxes(cards);
  expect(skeleton).toHaveLength(5);
  release();
  await expect(
    page
      .getByRole('term')
      .filter({ hasText: /^Brokers$/ })
      .locator('..'),
  ).toContainText('1');
  expect(await boxes(cards)).toEqual(skeleton);

  // Keyboard: opening a section moves focus to its heading.
  const sections = page.getByRole('navigation', { name: 'Cluster sections' });
  const sectionLinks = sections.getByRole('link');
  const before = await boxes(sectionLinks);
  await sections.getByRole('link', { name: 'Topics' }).focus();
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { name: 'Topics', level: 2 })).toBeFocused();
  // …and the bold "Topics" did not push its neighbours sideways.
  expect(await boxes(sectionLinks)).toEqual(before);

  // Opening a topic moves focus to the topic's name.
  await page.getByRole('searchbox', { name: 'Search topics' }).fill(topic);
  await page.getByRole('link', { name: topic }).focus();
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { name: topic })).toBeFocused();

  // Tabs: moving between them keeps focus on the tabs (they are not a new page), and no label shifts.
  const tabs = page.getByRole('tab');
  const tabBoxes = await boxes(tabs);
  await page.getByRole('tab', { name: 'Partitions' }).focus();
  await page.keyboard.press('ArrowRight');
  await expect(page.getByRole('tab', { name: 'Messages', selected: true })).toBeFocused();
  expect(await boxes(tabs)).toEqual(tabBoxes);
  await page.keyboard.press('End');
  await expect(page.getByRole('tab', { name: 'Configuration', selected: true })).toBeFocused();
  expect(await boxes(tabs)).toEqual(tabBoxes);

  // The start page, from the brand link: focus lands on its heading.
  await page.getByRole('link', { name: 'Samsa' }).focus();
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { level: 1, name: 'Clusters' })).toBeFocused();
});
