import { chromium } from '@playwright/test';
import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CHROMIUM_ARGS, expect, startBrowserMode, stopProcess, test } from './fixtures.js';

// A damaged connections file is never silently lost: it is kept aside and the user is told.
test('an unreadable connections file is kept aside and reported', async ({ samsaMode }) => {
  test.skip(samsaMode !== 'web', 'Covered through browser mode; the Electron shell shares the same core.');
  const dataDir = await mkdtemp(join(tmpdir(), 'samsa-e2e-corrupt-'));
  await writeFile(join(dataDir, 'connections.json'), '{"version":1,"connections":[{"id":');
  const { url, proc } = await startBrowserMode(dataDir, ['--skip-sandbox']);
  const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS });
  try {
    const page = await browser.newPage();
    await page.goto(url);
    const alert = page.getByRole('alert').filter({ hasText: 'Saved connections' });
    await expect(alert).toContainText('connections.json.corrupt-');
    expect((await readdir(dataDir)).some((f) => f.startsWith('connections.json.corrupt-'))).toBe(true);
    await alert.getByRole('button', { name: 'Dismiss' }).click();
    await expect(alert).toHaveCount(0);
  } finally {
    await browser.close();
    await stopProcess(proc);
    await rm(dataDir, { recursive: true, force: true });
  }
});
