/**
 * `npm run bench:admin [-- --topics 10000 --partitions 5 --reps 5 --no-write]`: a big cluster in the UI.
 * Fills a sandbox broker with N topics, opens Samsa in browser mode in Chromium, and times what a
 * person waits for — the topic list, its messages column, searching, sorting, scrolling to the end,
 * opening a topic — from their click or keystroke to the painted answer, plus the main thread's long
 * tasks while the list refreshes in the background. kcat -L on the same broker is the reference.
 */
import { execFile, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { chromium, type Page } from '@playwright/test';
import kafkajs from 'kafkajs';
import { repoRoot } from '../test-support/kafka/kafka-fixture.js';
import { measure, median, watchLongTasks } from './lib/in-page.js';
import { memoryMb, sandboxLauncher, spawnSandbox } from './lib/sandbox-process.js';
import { writeAdminSection, type AdminResults } from './lib/admin-report.js';

const { Kafka, logLevel } = kafkajs;
const run = promisify(execFile);

function arg(name: string, fallback: number): number {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? Number(process.argv[i + 1]) : fallback;
}
const TOPICS = arg('topics', 10_000);
const PARTITIONS = arg('partitions', 5);
const REPS = arg('reps', 5);
const name = (i: number) => `bench.svc${String(i % 40).padStart(2, '0')}.t${String(i).padStart(5, '0')}`;
const fmt = (n: number) => n.toLocaleString('en-US');

async function fillBroker(bootstrap: string): Promise<{ createMs: number }> {
  const kafka = new Kafka({ brokers: [bootstrap], logLevel: logLevel.NOTHING, requestTimeout: 300_000 });
  const admin = kafka.admin();
  await admin.connect();
  const t0 = performance.now();
  for (let i = 0; i < TOPICS; i += 500) {
    const topics = [];
    for (let j = i; j < Math.min(TOPICS, i + 500); j++) topics.push({ topic: name(j), numPartitions: PARTITIONS });
    await admin.createTopics({ topics, waitForLeaders: false, timeout: 300_000 });
    process.stdout.write(`\r  created ${fmt(Math.min(TOPICS, i + 500))} topics`);
  }
  const createMs = performance.now() - t0;
  process.stdout.write('\n');
  await admin.disconnect();
  // Records in every 10th topic, so the messages column has figures to sort by.
  const producer = kafka.producer({ allowAutoTopicCreation: false });
  await producer.connect();
  for (let i = 0; i < TOPICS; i += 1000) {
    const topicMessages = [];
    for (let j = i; j < Math.min(TOPICS, i + 1000); j += 10)
      topicMessages.push({
        topic: name(j),
        messages: Array.from({ length: 1 + (j % 17) }, (_, k) => ({ key: `k${k}`, value: 'x' })),
      });
    await producer.sendBatch({ topicMessages });
  }
  await producer.disconnect();
  return { createMs };
}

async function kcatList(bootstrap: string): Promise<number> {
  const times = [];
  for (let i = 0; i < 3; i++) {
    const t0 = performance.now();
    const { stdout } = await run('kcat', ['-b', bootstrap, '-L', '-J'], { maxBuffer: 512 * 1024 * 1024 });
    times.push(performance.now() - t0);
    if (!stdout.includes(name(TOPICS - 1))) throw new Error('kcat -L did not list every topic');
  }
  return median(times);
}

async function startBrowserMode(dataDir: string) {
  const proc = spawn(
    process.execPath,
    [join(repoRoot, 'out/main/serve.js'), '--port', '0', '--data-dir', dataDir, '--skip-sandbox'],
    {
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let log = '';
  const url = await new Promise<string>((resolve, reject) => {
    const t = setTimeout(() => reject(new Error(`browser mode did not start:\n${log}`)), 60_000);
    proc.stderr!.on('data', (d) => (log += d));
    proc.stdout!.on('data', (d) => {
      log += d;
      const m = /Samsa is running at (\S+)/.exec(log);
      if (m) {
        clearTimeout(t);
        resolve(m[1]!);
      }
    });
  });
  return { url, proc };
}

const status = '.topic-list [role="status"]';
const total = `${fmt(TOPICS)} topics`;

async function openTopics(page: Page): Promise<number> {
  return measure(page, 'click', { selector: status, matches: `^${total}$` }, () =>
    page.getByRole('navigation', { name: 'Cluster sections' }).getByRole('link', { name: 'Topics' }).click(),
  );
}

async function search(page: Page, q: string): Promise<number> {
  const box = page.getByRole('searchbox', { name: 'Search topics' });
  await box.fill('');
  await page
    .locator(status)
    .filter({ hasText: new RegExp(`^${total}$`) })
    .waitFor();
  let expected = 0;
  for (let i = 0; i < TOPICS; i++) if (name(i).includes(q)) expected++;
  return measure(page, 'input', { selector: status, matches: `^${fmt(expected)} of ${total}$` }, () => box.fill(q));
}

async function main() {
  const launcher = sandboxLauncher(false);
  const sandbox = await spawnSandbox(launcher);
  const dataDir = mkdtempSync(join(tmpdir(), 'samsa-bench-admin-'));
  console.log(`sandbox on ${sandbox.bootstrap}; ${fmt(TOPICS)} topics × ${PARTITIONS} partitions`);
  const { createMs } = await fillBroker(sandbox.bootstrap);
  const kcatMs = await kcatList(sandbox.bootstrap);
  console.log(`kcat -L: ${kcatMs.toFixed(0)} ms`);
  const { url, proc } = await startBrowserMode(dataDir);
  const browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu'],
  });
  const page = await browser.newPage({ viewport: { width: 1360, height: 860 } });
  const r: AdminResults = {
    topics: TOPICS,
    partitions: TOPICS * PARTITIONS,
    createMs,
    kcatListMs: kcatMs,
    sandboxRssMb: memoryMb(sandbox.pid).rss,
    timings: {},
    longTasks: {},
  };
  const add = (k: string, ms: number) => (r.timings[k] ??= []).push(ms);
  try {
    await page.goto(url);
    await page.getByRole('button', { name: 'Add connection' }).first().click();
    await page.getByLabel('Name', { exact: true }).fill('Big sandbox');
    await page.getByLabel('Bootstrap servers').fill(sandbox.bootstrap);
    await page.getByRole('button', { name: 'Save' }).click();
    await page.getByRole('navigation', { name: 'Clusters' }).getByRole('link', { name: 'Big sandbox' }).click();
    await page.getByRole('navigation', { name: 'Cluster sections' }).waitFor();

    // Cold: nothing cached. Each rep reloads the page so the list is fetched and rendered from scratch.
    for (let i = 0; i < REPS; i++) {
      await page.reload();
      await page.getByRole('navigation', { name: 'Cluster sections' }).getByRole('link', { name: 'Overview' }).click();
      // Wait for the overview's own metadata request to finish: the list must not ride on it.
      await page
        .getByRole('term')
        .filter({ hasText: /^Topics$/ })
        .locator('..')
        .filter({ hasText: String(TOPICS) })
        .waitFor({ timeout: 120_000 });
      add('list-cold', await openTopics(page));
      const t0 = Date.now();
      await page.locator('.topic-table .skeleton').first().waitFor({ state: 'detached', timeout: 120_000 });
      add('stats', Date.now() - t0);
    }
    // Warm: back to a list already in memory (a background refresh follows).
    for (let i = 0; i < REPS; i++) {
      await page.getByRole('navigation', { name: 'Cluster sections' }).getByRole('link', { name: 'Overview' }).click();
      add('list-warm', await openTopics(page));
    }
    const typing = await watchLongTasks(page);
    for (let i = 0; i < REPS; i++) {
      for (const q of ['t0', 'svc07', 't09999', 'no-such-topic']) add(`search:${q}`, await search(page, q));
    }
    r.longTasks.search = await typing();
    await page.getByRole('searchbox', { name: 'Search topics' }).fill('');
    for (let i = 0; i < REPS; i++) {
      add(
        'sort',
        await measure(
          page,
          'click',
          { selector: '[role="columnheader"][aria-sort="descending"]', matches: 'Messages' },
          () => page.getByRole('button', { name: /Messages/ }).click(),
        ),
      );
      await page.getByRole('button', { name: /^Name/ }).click();
    }
    for (let i = 0; i < REPS; i++) {
      add(
        'scroll-end',
        await measure(page, 'scroll', { selector: `[role="row"][aria-rowindex="${TOPICS + 1}"]`, matches: '.' }, () =>
          page.locator('.topic-table .vtable-scroll').evaluate((el) => el.scrollTo(0, el.scrollHeight)),
        ),
      );
      await page.locator('.topic-table .vtable-scroll').evaluate((el) => el.scrollTo(0, 0));
    }
    const refresh = await watchLongTasks(page);
    for (let i = 0; i < REPS; i++) {
      await page.getByRole('button', { name: 'Refresh' }).click();
      await page.getByText('Refreshing…').waitFor({ state: 'detached', timeout: 120_000 });
    }
    r.longTasks.refresh = await refresh();
    for (let i = 0; i < REPS; i++) {
      const target = name(TOPICS - 1 - i * 7);
      await page.getByRole('searchbox', { name: 'Search topics' }).fill(target);
      add(
        'open-topic',
        await measure(page, 'click', { selector: '[role="tabpanel"] table tbody', matches: '.' }, () =>
          page.getByRole('link', { name: target }).click(),
        ),
      );
      await page.getByRole('link', { name: '← All topics' }).click();
    }
  } finally {
    await browser.close();
    // Wait for browser mode to go, so no server outlives the benchmark.
    const gone = new Promise((r) => proc.once('exit', r));
    proc.kill('SIGTERM');
    const killer = setTimeout(() => proc.kill('SIGKILL'), 10_000);
    await gone;
    clearTimeout(killer);
    await sandbox.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
  for (const [k, v] of Object.entries(r.timings))
    console.log(`${k.padEnd(24)} median ${median(v).toFixed(0)} ms, max ${Math.max(...v).toFixed(0)} ms`);
  for (const [k, v] of Object.entries(r.longTasks))
    console.log(`long tasks during ${k}: ${v.length}, longest ${v.length ? Math.max(...v).toFixed(0) : 0} ms`);
  if (!process.argv.includes('--no-write')) console.log(`wrote ${await writeAdminSection(r, launcher.describe)}`);
}

await main();
