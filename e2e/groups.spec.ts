import { chromium, type Locator, type Page } from '@playwright/test';
import { assertToolOk, runKafkaTool, Tools } from '../test-support/kafka/kafka-tools.js';
import { CHROMIUM_ARGS, expect, startBrowserMode, stopProcess, test } from './fixtures.js';
import { commitManyGroups } from './kafka-groups.js';

/** Numbers of one column of a table (rows as shown: the chart's table is newest first). */
async function column(table: Locator, header: string): Promise<number[]> {
  const headers = await table.getByRole('columnheader').allInnerTexts();
  const col = headers.findIndex((h) => h.trim() === header);
  const rows = await table.locator('tbody tr').all();
  const out: number[] = [];
  for (const r of rows) {
    const cells = await r.getByRole('cell').allInnerTexts();
    const v = Number((cells[col] ?? '').replace(/,/g, ''));
    if (cells.length > col && Number.isFinite(v) && cells[col]!.trim() !== '—') out.push(v);
  }
  return out;
}

/** kafka-consumer-groups --describe, as rows keyed by its header. */
async function describeWithTool(bootstrap: string, group: string): Promise<Record<string, string>[]> {
  const r = await runKafkaTool(
    Tools.consumerGroups,
    ['--bootstrap-server', bootstrap, '--describe', '--group', group],
    {
      timeoutMs: 60_000,
    },
  );
  assertToolOk(r, 'kafka-consumer-groups --describe');
  const lines = r.stdout
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean);
  const h = lines.findIndex((l) => l.startsWith('GROUP'));
  const cols = lines[h]!.split(/\s+/);
  return lines.slice(h + 1).map((l) => Object.fromEntries(l.split(/\s+/).map((c, i) => [cols[i], c])));
}

/** The Sandbox page, with the sandbox running (first run starts it; on a busy machine that may lag). */
async function sandboxAddress(page: Page): Promise<string> {
  // The sidebar's "Sandbox" opens the sandbox's cluster; its Start/Stop page is one link on.
  await page
    .getByRole('navigation', { name: 'Clusters' })
    .getByRole('link', { name: /^Sandbox\b/ })
    .click();
  const state = page.getByRole('status', { name: 'Sandbox state' });
  const settings = page.getByRole('link', { name: 'Sandbox settings and log' });
  await expect(state.or(settings)).toBeVisible({ timeout: 60_000 });
  if (await settings.isVisible()) await settings.click();
  await expect(state).toHaveText(/running|stopped|failed/i, { timeout: 60_000 });
  if (!/running/i.test(await state.innerText())) await page.getByRole('button', { name: 'Start' }).click();
  await expect(state).toHaveText(/running/i, { timeout: 60_000 });
  return (await page.getByRole('main').innerText()).match(/127\.0\.0\.1:\d+/)![0];
}

test('demo traffic: the lag chart rises, its table agrees with kafka-consumer-groups, a reset from the UI, history after a restart', async ({
  dataDir,
  samsaMode,
}) => {
  test.skip(samsaMode !== 'web', 'Restarts browser mode as a process; the desktop app shares its core and renderer.');
  test.setTimeout(300_000);
  // Browser mode is started here (not by the fixture) because the test restarts it.
  let app = await startBrowserMode(dataDir, []);
  const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS });
  try {
    let page = await browser.newPage({ viewport: { width: 1360, height: 900 } });
    await page.goto(app.url);
    const bootstrap = await sandboxAddress(page);

    const demo = page.getByRole('switch', { name: 'Demo traffic' });
    await demo.click();
    await expect(demo).toHaveAttribute('aria-checked', 'true', { timeout: 30_000 });

    await page.getByRole('link', { name: 'Watch its lag' }).click();
    await expect(page.getByRole('heading', { name: 'demo-slow-consumer' })).toBeVisible();
    const groupUrl = page.url();
    await page.getByLabel('Show as table').check();
    const chartTable = page.getByRole('region', { name: /^Lag of demo-slow-consumer.*\(table\)$/ }).getByRole('table');
    // The consumer pauses after a few seconds while the producer goes on: the points rise.
    await expect
      .poll(
        async () => {
          const lag = await column(chartTable, 'Total lag'); // newest first
          return lag.length >= 3 && lag[0]! > lag[lag.length - 1]! + 50;
        },
        { timeout: 90_000, message: 'the lag points rise' },
      )
      .toBe(true);

    // Stop the traffic: the group empties and its figures settle.
    await sandboxAddress(page);
    await page.getByRole('switch', { name: 'Demo traffic' }).click();
    await expect(page.getByRole('switch', { name: 'Demo traffic' })).toHaveAttribute('aria-checked', 'false');
    await page.goto(groupUrl);
    await expect(page.getByText(/^Empty · /)).toBeVisible({ timeout: 30_000 });

    // Per partition, the page shows what Kafka's own tool says.
    const offsets = page.getByRole('table', { name: /demo\.orders\.lag/ });
    const tool = (await describeWithTool(bootstrap, 'demo-slow-consumer'))
      .filter((r) => r.TOPIC === 'demo.orders.lag')
      .sort((a, b) => Number(a.PARTITION) - Number(b.PARTITION));
    expect(tool).toHaveLength(3);
    await expect
      .poll(async () => ({
        committed: await column(offsets, 'Committed offset'),
        end: await column(offsets, 'Log-end offset'),
        lag: await column(offsets, 'Lag'),
      }))
      .toEqual({
        committed: tool.map((r) => Number(r['CURRENT-OFFSET'])),
        end: tool.map((r) => Number(r['LOG-END-OFFSET'])),
        lag: tool.map((r) => Number(r.LAG)),
      });
    // And the chart's table ends at the same total.
    const total = tool.reduce((s, r) => s + Number(r.LAG), 0);
    expect(total).toBeGreaterThan(0);
    await page.getByLabel('Show as table').check();
    await expect.poll(async () => (await column(chartTable, 'Total lag'))[0]).toBe(total);
    const before = await chartTable.locator('tbody tr').first().getByRole('cell').first().innerText();

    // Reset to latest from the UI: preview first, then apply.
    await page.getByRole('button', { name: 'Reset offsets…' }).click();
    const dialog = page.getByRole('dialog', { name: 'Reset offsets of demo-slow-consumer' });
    await dialog.getByLabel('Reset', { exact: true }).selectOption('latest');
    await dialog.getByRole('button', { name: 'Preview' }).click();
    const plan = dialog.getByRole('table', { name: /Preview: 3 partitions, lag [\d,]+ → 0/ });
    await expect(plan).toBeVisible();
    expect(await column(plan, 'New')).toEqual(tool.map((r) => Number(r['LOG-END-OFFSET'])));
    await dialog.getByRole('button', { name: 'Apply reset' }).click();
    await expect(dialog.getByRole('status')).toHaveText('Reset applied to 3 partitions. Lag is now 0.');
    await dialog.getByRole('button', { name: 'Close' }).click();
    const after = await describeWithTool(bootstrap, 'demo-slow-consumer');
    expect(after.filter((r) => r.TOPIC === 'demo.orders.lag').map((r) => r.LAG)).toEqual(['0', '0', '0']);
    await expect(
      page.getByText(/Offsets of all topics reset to the latest offset by Samsa \(3 partitions\)/).first(),
    ).toBeAttached({
      timeout: 30_000,
    });

    // Restart browser mode: the points recorded before are still there.
    await page.close();
    await stopProcess(app.proc);
    app = await startBrowserMode(dataDir, []);
    page = await browser.newPage({ viewport: { width: 1360, height: 900 } });
    await page.goto(`${app.url}${new URL(groupUrl).hash}`);
    await expect(page.getByText(/The sandbox is not running/)).toBeVisible({ timeout: 30_000 });
    await page.getByLabel('Show as table').check();
    const table = page.getByRole('region', { name: /^Lag of demo-slow-consumer.*\(table\)$/ }).getByRole('table');
    const times = await table.locator('tbody tr td:first-child').allInnerTexts();
    expect(times).toContain(before);
    // The points that rose before the restart are there, and so is the drop to 0 after the reset.
    const lag = await column(table, 'Total lag');
    expect(Math.max(...lag)).toBeGreaterThan(50);
    expect(lag[0]).toBe(0);
  } finally {
    await browser.close();
    await stopProcess(app.proc);
  }
});

test.describe('many groups', () => {
  test.use({ samsaArgs: [] });

  test('2,000 groups: listed at once, virtualized, searchable and sortable', async ({ samsa: page }) => {
    test.setTimeout(240_000);
    const bootstrap = await sandboxAddress(page);
    await commitManyGroups(bootstrap, 'e2e.many', 2000);
    await page
      .getByRole('navigation', { name: 'Clusters' })
      .getByRole('link', { name: /^Sandbox\b/ })
      .click();
    await page
      .getByRole('navigation', { name: 'Cluster sections' })
      .getByRole('link', { name: 'Consumer groups' })
      .click();
    const table = page.getByRole('table', { name: 'Consumer groups' });
    await expect(table).toHaveAttribute('aria-rowcount', '2001', { timeout: 60_000 });
    await expect(page.getByRole('status').filter({ hasText: /^2,000 groups/ })).toBeVisible();
    // Only what fits on screen is in the page.
    expect(await table.getByRole('row').count()).toBeLessThan(80);
    await page.getByRole('searchbox', { name: 'Search groups' }).fill('e2e.many-g1999');
    await expect(table.getByRole('row')).toHaveCount(2);
    await expect(table.getByRole('link', { name: 'e2e.many-g1999' })).toBeVisible();
    await page.getByRole('searchbox', { name: 'Search groups' }).fill('');
    await table.getByRole('button', { name: 'Lag' }).click();
    await expect(table.getByRole('columnheader', { name: 'Lag' })).toHaveAttribute('aria-sort', 'descending');
    // Lag grows with the group number in the seed: the biggest comes first.
    await expect(table.getByRole('row').nth(1)).toContainText('e2e.many-g1999');
  });
});
