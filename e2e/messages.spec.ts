import { readFile } from 'node:fs/promises';
import { expect, test } from './fixtures.js';
import { kcatConsumeAll } from './kcat.js';
import { connect, createTopic, details, grid, openTopic, produce, rows } from './workbench.js';

const suffix = Date.now().toString(36);
const T0 = Date.UTC(2024, 4, 1, 12, 0, 0);
const STATUSES = ['NEW', 'PAID', 'FAILED', 'SHIPPED'];

/** 3 partitions × 40 records; record i of partition p has timestamp T0 + (3i + p) s. */
async function pagedTopic(bootstrap: string, topic: string) {
  await createTopic(bootstrap, topic, 3);
  await produce(
    bootstrap,
    topic,
    Array.from({ length: 120 }, (_, j) => {
      const p = j % 3;
      const i = Math.floor(j / 3);
      return {
        partition: p,
        key: `k${i}`,
        value: JSON.stringify({ n: i, p, status: STATUSES[i % 4] }),
        timestamp: String(T0 + (3 * i + p) * 1000),
      };
    }),
  );
}

test.describe('message workbench against Apache Kafka', () => {
  test('seek to an offset and a time, page Older and Newer, and a link reopens the exact page', async ({
    samsa: page,
    kafkaBootstrap,
  }) => {
    const topic = `e2e.paging.${suffix}`;
    await pagedTopic(kafkaBootstrap, topic);
    await connect(page, kafkaBootstrap);
    await openTopic(page, topic, 'messages');
    await expect(page.getByRole('status').filter({ hasText: '50 messages' })).toBeVisible();
    // Newest first: the newest record (partition 2, offset 39) is on top.
    await expect(rows(page).first()).toContainText('k39');

    await page.getByRole('combobox', { name: /^Show/ }).selectOption('20');
    await expect(rows(page)).toHaveCount(20);
    const seen = new Set<string>();
    const collect = async () => {
      for (const r of await rows(page).all()) {
        const [partition, offset] = (await r.getByRole('gridcell').allTextContents()).slice(1, 3);
        const ref = `${partition}:${offset}`;
        expect(seen.has(ref), `${ref} seen twice`).toBe(false);
        seen.add(ref);
      }
    };
    await collect();
    for (let i = 0; i < 5; i++) {
      await page.getByRole('button', { name: '← Older' }).click();
      await expect(page).toHaveURL(/from=older/);
      await expect(page.getByRole('status').filter({ hasText: 'messages, newest first ·' })).toBeVisible();
      await collect();
    }
    expect(seen.size).toBe(120); // every record once, no gap, no duplicate
    await expect(page.getByRole('button', { name: '← Older' })).toBeDisabled();

    // The address holds the page: a reload shows the same records.
    const before = await rows(page).first().textContent();
    await page.reload();
    await expect(rows(page).first()).toHaveText(before!);
    await page.getByRole('button', { name: 'Newer →' }).click();
    await expect(page).toHaveURL(/from=newer/);

    // An offset for every partition.
    await page.getByLabel('Start at').selectOption('offset');
    await page.getByLabel('Offset, or partition:offset pairs').fill('30');
    await page.getByRole('button', { name: 'Go' }).click();
    await expect(page).toHaveURL(/from=offset%3A30/);
    const offsets = await grid(page)
      .getByRole('row')
      .evaluateAll((els) => els.slice(1).map((e) => Number(e.querySelectorAll('[role=gridcell]')[2]?.textContent)));
    expect(Math.min(...offsets)).toBe(30);

    // A time: each partition starts at its first record at or after it (UTC in the address).
    await page.getByLabel('Times in').selectOption('utc');
    await page.goto(page.url().replace(/\?.*$/, `?from=time:${new Date(T0 + 90_000).toISOString()}&n=20`));
    await expect(rows(page).last()).toContainText(
      new Date(T0 + 90_000).toISOString().replace('T', ' ').replace('Z', ' Z'),
    );
  });

  test('a 5 MB value opens whole in a virtualized viewer; copy, save, formats and Escape', async ({
    samsa: page,
    kafkaBootstrap,
  }) => {
    const topic = `e2e.big.${suffix}`;
    await createTopic(kafkaBootstrap, topic, 1, { 'max.message.bytes': String(8 * 1024 * 1024) });
    const big = JSON.stringify({
      items: Array.from({ length: 60_000 }, (_, i) => ({ i, sku: `SKU-${i}`, note: 'x'.repeat(48) })),
    });
    expect(big.length).toBeGreaterThan(5_000_000);
    await produce(kafkaBootstrap, topic, [{ key: 'plain-key', value: big, headers: { trace: 'abc-123' } }]);
    await connect(page, kafkaBootstrap);
    await page.context().grantPermissions(['clipboard-read', 'clipboard-write']);
    await openTopic(page, topic, 'messages');

    // The row carries a preview and the real size, never the whole value.
    await expect(rows(page).first()).toContainText('MB');
    await rows(page).first().click();
    const pane = details(page);
    await expect(
      pane.getByRole('button', { name: 'Expand SKU' }).or(pane.getByRole('button', { name: 'Collapse items' })),
    ).toBeVisible();
    // Only what is on screen is in the page: a few dozen rows of a document of 60,000 items.
    expect(await pane.locator('.viewer-row').count()).toBeLessThan(200);
    await pane.getByRole('button', { name: 'Expand all' }).click();
    const viewer = pane.getByRole('region', { name: 'Value' });
    await viewer.evaluate((el) => (el.scrollTop = el.scrollHeight));
    await expect(viewer).toContainText('SKU-59999');

    // Save the whole value to a file.
    const download = page.waitForEvent('download');
    await pane.getByRole('button', { name: 'Save the value to a file' }).click();
    const file = await (await download).path();
    expect((await readFile(file)).toString()).toBe(big);

    // A key that is not JSON, shown as JSON, says so in words.
    await pane.getByLabel('Show key as').selectOption('json');
    await expect(pane.getByText('This key is not JSON, so it is shown as text.')).toBeVisible();
    await pane.getByRole('button', { name: 'Copy the key' }).click();
    expect(await page.evaluate('navigator.clipboard.readText()')).toBe('plain-key');
    await pane.getByRole('button', { name: 'Copy header trace' }).click();
    expect(await page.evaluate('navigator.clipboard.readText()')).toBe('abc-123');
    // The format is remembered for this topic.
    await page.reload();
    await rows(page).first().click();
    await expect(details(page).getByLabel('Show key as')).toHaveValue('json');

    await page.keyboard.press('Escape');
    await expect(details(page)).toHaveCount(0);
  });

  test('live tail streams new records; Pause holds the stream, Resume continues without a gap', async ({
    samsa: page,
    kafkaBootstrap,
  }) => {
    const topic = `e2e.tail.${suffix}`;
    await createTopic(kafkaBootstrap, topic, 3);
    await produce(kafkaBootstrap, topic, [{ value: 'before the tail' }]);
    await connect(page, kafkaBootstrap);
    await openTopic(page, topic, 'messages', 'mode=live');
    await expect(page.getByText('Waiting for new records…')).toBeVisible();
    await produce(
      kafkaBootstrap,
      topic,
      Array.from({ length: 300 }, (_, i) => ({ key: `a${i}`, value: `first ${i}` })),
    );
    const stats = page.getByRole('status').filter({ hasText: 'received' });
    await expect(stats).toContainText('300 received');
    await expect(rows(page).first()).toContainText('first');
    await expect(grid(page)).not.toContainText('before the tail');

    await page.getByRole('button', { name: 'Pause' }).click();
    await expect(stats).toContainText('Paused');
    await produce(
      kafkaBootstrap,
      topic,
      Array.from({ length: 200 }, (_, i) => ({ key: `b${i}`, value: `while paused ${i}` })),
    );
    await page.waitForTimeout(800);
    await expect(stats).toContainText('300 received');
    await page.getByRole('button', { name: 'Resume' }).click();
    await expect(stats).toContainText('500 received');
    await expect(stats).toContainText('0 dropped from view');

    // The window's rows stay in main; scrolling to the oldest fetches them (updates carry the newest 100).
    await rows(page).first().click();
    await page.keyboard.press('End');
    await expect(grid(page).locator('[aria-rowindex="501"]')).toContainText('first');
    await expect(grid(page).locator('[role="row"][aria-busy="true"]')).toHaveCount(0);
    // Rows not here yet are fetched to be ticked, so the box follows a moment later.
    const all = page.getByRole('checkbox', { name: 'Tick every listed message' });
    await all.click();
    await expect(page.getByText('500 ticked')).toBeVisible();
    await expect(all).toBeChecked();
  });

  test('search finds what matches with progress; Cancel stops a long scan', async ({ samsa: page, kafkaBootstrap }) => {
    const small = `e2e.search.${suffix}`;
    await pagedTopic(kafkaBootstrap, small);
    const large = `e2e.search-large.${suffix}`;
    await createTopic(kafkaBootstrap, large, 2);
    await produce(
      kafkaBootstrap,
      large,
      Array.from({ length: 150_000 }, (_, i) => ({ value: `${'v'.repeat(200)}-${i}` })),
    );
    await connect(page, kafkaBootstrap);

    await openTopic(page, small, 'messages', 'mode=search');
    const filter = page.getByLabel('Filter');
    await filter.fill('$.status == "FAILED" and');
    await expect(page.getByText(/Expected a field/)).toBeVisible();
    await expect(page.getByRole('button', { name: 'Search' })).toBeDisabled();
    await filter.fill('$.status == "FAILED" and $.n >= 20');
    await page.getByRole('button', { name: 'Search' }).click();
    await expect(page.getByRole('status').filter({ hasText: /^Done in/ })).toContainText('120 scanned');
    // n = 22, 26, …, 38 in each of 3 partitions.
    await expect(rows(page)).toHaveCount(15);
    await expect(page).toHaveURL(/q=%24\.status/);

    await openTopic(page, large, 'messages', 'mode=search');
    await page.getByLabel('Filter').fill('value contains "never there"');
    await page.getByRole('button', { name: 'Search' }).click();
    await expect(page.getByRole('progressbar', { name: 'Search progress' })).toBeVisible();
    await page.getByRole('button', { name: 'Cancel' }).click();
    await expect(page.getByRole('status').filter({ hasText: /^Cancelled/ })).toBeVisible();
    await expect(page.getByRole('button', { name: 'Search' })).toBeVisible();
  });

  test('export a page and every search result to files, as kcat reads them', async ({
    samsa: page,
    kafkaBootstrap,
  }) => {
    const topic = `e2e.export.${suffix}`;
    await pagedTopic(kafkaBootstrap, topic);
    await connect(page, kafkaBootstrap);
    await openTopic(page, topic, 'messages', 'n=20');
    await expect(rows(page)).toHaveCount(20);

    await page.getByRole('button', { name: 'Export…' }).click();
    const dialog = page.getByRole('dialog', { name: 'Export messages' });
    await dialog.getByLabel('This page (20 records)').check();
    let download = page.waitForEvent('download');
    await dialog.getByRole('button', { name: 'Export', exact: true }).click();
    const pageFile = await (await download).path();
    await expect(dialog.getByRole('status')).toContainText('Exported 20 records');
    const lines = (await readFile(pageFile, 'utf8'))
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as { key: string; value: string });
    expect(lines).toHaveLength(20);
    const kcat = await kcatConsumeAll(kafkaBootstrap, topic);
    for (const l of lines) expect(kcat).toContain(`${l.key}\t${l.value}`);
    await dialog.getByRole('button', { name: 'Close' }).click();

    await openTopic(page, topic, 'messages', `mode=search&q=${encodeURIComponent('$.status == "PAID"')}`);
    await page.getByRole('button', { name: 'Export…' }).click();
    await dialog.getByLabel(/Every record this search matches/).check();
    await dialog.getByLabel(/CSV/).check();
    download = page.waitForEvent('download');
    await dialog.getByRole('button', { name: 'Export', exact: true }).click();
    const csv = (await readFile(await (await download).path(), 'utf8')).trim().split('\r\n');
    expect(csv[0]).toBe('partition,offset,timestamp,key,value,headers,key_encoding,value_encoding');
    expect(csv).toHaveLength(1 + 30);
    expect(csv.slice(1).every((l) => l.includes('""PAID""'))).toBe(true);
  });
});
