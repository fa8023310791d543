import { chromium, type Page } from '@playwright/test';
import { execFile } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { CHROMIUM_ARGS, expect, startBrowserMode, stopProcess, test } from './fixtures.js';

const run = promisify(execFile);

/** Gone, or a zombie waiting to be collected: either way it holds no port and no folder. */
function processGone(pid: number): boolean {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return /^[ZXx]/.test(stat.slice(stat.lastIndexOf(')') + 2));
  } catch {
    return true;
  }
}

async function openSandboxPage(page: Page) {
  await page.getByRole('navigation', { name: 'Clusters' }).getByRole('link', { name: 'Sandbox', exact: true }).click();
  return page.getByRole('status', { name: 'Sandbox state' });
}

async function startOn(page: Page, port: number) {
  await page.getByRole('textbox', { name: 'Port' }).fill(String(port));
  await page.getByRole('button', { name: 'Start' }).click();
}

async function listen(port: number): Promise<Server> {
  const server = createServer();
  await new Promise<void>((resolve, reject) => server.once('error', reject).listen(port, '127.0.0.1', resolve));
  return server;
}

test.describe('the sandbox broker’s lifecycle', () => {
  test.skip(
    ({ samsaMode }) => samsaMode !== 'web',
    'Drives browser mode as a process; the desktop app has no binary here.',
  );

  test('kill -9 of browser mode leaves no broker behind, and the next start on the same port and folder works', async ({
    dataDir,
  }) => {
    // First run: browser mode starts the sandbox on its own.
    const first = await startBrowserMode(dataDir, []);
    const lockFile = join(dataDir, 'sandbox', '.lock');
    const lock = JSON.parse(readFileSync(lockFile, 'utf8')) as { pid: number; parent: { pid: number } };
    expect(lock.parent.pid, 'the lock names browser mode as the broker’s parent').toBe(first.proc.pid);
    const profile = JSON.parse(readFileSync(join(dataDir, 'connections.json'), 'utf8'));
    const bootstrap: string = (profile.connections ?? profile).find((c: { sandbox?: boolean }) => c.sandbox)
      .bootstrapServers[0];
    const port = Number(bootstrap.split(':')[1]);

    first.proc.kill('SIGKILL');
    await expect.poll(() => processGone(lock.pid), { timeout: 5_000 }).toBe(true);
    expect(existsSync(lockFile), 'the broker released its data folder on the way out').toBe(false);

    // Browser mode again, same data folder: Start on the same port from the Sandbox page.
    const second = await startBrowserMode(dataDir, []);
    const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS });
    try {
      const page = await browser.newPage();
      await page.goto(second.url);
      const state = await openSandboxPage(page);
      await expect(state).toHaveText(/stopped/i);
      await startOn(page, port);
      await expect(state).toHaveText(/running/i, { timeout: 20_000 });
      await expect(page.getByRole('main')).toContainText(`127.0.0.1:${port}`);
    } finally {
      await browser.close();
      await stopProcess(second.proc);
    }
  });
});

test.describe('the sandbox page', () => {
  test.use({ samsaArgs: [] }); // first run: the sandbox starts by itself

  test('Stop then Start on the same port works at once; a refused start is in the log with its reason', async ({
    samsa: page,
  }) => {
    await expect(page.getByRole('navigation', { name: 'Cluster sections' })).toBeVisible({ timeout: 30_000 });
    const state = await openSandboxPage(page);
    await expect(state).toHaveText(/running/i);
    const port = Number((await page.getByRole('main').innerText()).match(/127\.0\.0\.1:(\d+)/)![1]);

    for (let round = 0; round < 3; round++) {
      await page.getByRole('button', { name: 'Stop' }).click();
      await expect(state).toHaveText(/stopped/i, { timeout: 20_000 });
      await startOn(page, port);
      await expect(state).toHaveText(/running/i, { timeout: 20_000 });
    }
    const log = page.getByRole('log', { name: 'Sandbox log' });
    await expect(log).not.toContainText('Start failed');

    // Someone else takes the port while the sandbox is stopped.
    await page.getByRole('button', { name: 'Stop' }).click();
    await expect(state).toHaveText(/stopped/i, { timeout: 20_000 });
    const blocker = await listen(port);
    try {
      await startOn(page, port);
      await expect(state).toHaveText(/failed/i, { timeout: 20_000 });
      await expect(log).toContainText(`Start failed: Port ${port} is already in use.`);
    } finally {
      blocker.close();
    }
    await page.screenshot({ path: 'test-results/screens/sandbox-start-failed.png', fullPage: true });
  });

  test('log lines show their time and level once, and a long line can be read whole', async ({ samsa: page }) => {
    await expect(page.getByRole('navigation', { name: 'Cluster sections' })).toBeVisible({ timeout: 30_000 });
    const state = await openSandboxPage(page);
    await expect(state).toHaveText(/running/i);
    const address = (await page.getByRole('main').innerText()).match(/127\.0\.0\.1:\d+/)![0];
    const longTopic = `orders.${'x'.repeat(120)}.${'very-long-segment-'.repeat(6)}end`;
    // Asking for its metadata makes the broker create it, and log a line longer than the window is wide.
    await run('kcat', ['-b', address, '-L', '-t', longTopic], { timeout: 20_000 });

    const log = page.getByRole('log', { name: 'Sandbox log' });
    const line = log.locator('.log-line').filter({ hasText: `auto-created topic ${longTopic}` });
    await expect(line).toBeVisible({ timeout: 20_000 });
    // The broker's own "2026-…Z INFO" prefix is not repeated inside the text.
    await expect(log).not.toContainText(/\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z (INFO|WARN|ERROR)/);
    await expect(line.locator('.log-time')).toHaveText(/^\d\d:\d\d:\d\d$/);
    await expect(line.locator('.log-level')).toHaveText('info');
    // Wrapped, not cut: the whole text fits inside its box, over more than one row.
    const text = line.locator('.log-text');
    const fits = await text.evaluate((el) => el.scrollWidth <= el.clientWidth && el.clientHeight > 20);
    expect(fits).toBe(true);
    await page.screenshot({ path: 'test-results/screens/sandbox-log-long-line.png', fullPage: true });
    // Narrow and dark: still whole.
    await page.setViewportSize({ width: 1000, height: 700 });
    await page.emulateMedia({ colorScheme: 'dark' });
    expect(await text.evaluate((el) => el.scrollWidth <= el.clientWidth)).toBe(true);
    await page.screenshot({ path: 'test-results/screens/sandbox-log-long-line-1000-dark.png' });
  });
});
