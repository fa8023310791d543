/**
 * What watching lag costs, on the sandbox broker:
 *  1. sampling: 500 groups × 10 partitions every 5 s, CPU of the Samsa process (browser mode, the
 *     built app) over a minute, without and with the groups list open;
 *  2. history size: the store's bytes per day for those groups (simulated two hours, packed);
 *  3. a 30-day graph of one group, per partition: the query alone, and asked-to-drawn in Chromium.
 *   npm run bench:lag [-- --groups 500 --partitions 10 --seconds 60 --no-write]
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from '@playwright/test';
import kafkajs from 'kafkajs';
import { LagHistory, type SampleRow } from '../src-main/core/lag/lag-history.js';
import { repoRoot } from '../test-support/kafka/kafka-fixture.js';
import { topSelfTime } from './lib/cpu-profile.js';
import { writeLagSection } from './lib/lag-report.js';
import { machineDescription } from './lib/report.js';
import { cpuSeconds, cpuShare } from './lib/process-cpu.js';
import { sandboxLauncher, spawnSandbox } from './lib/sandbox-process.js';
import { writeGroupHistory } from './lib/synthetic-history.js';
import { connectApi } from './lib/ws-api.js';

const { Kafka, logLevel } = kafkajs;

const args = process.argv.slice(2);
const arg = (name: string, fallback: number) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? Number(args[i + 1]) : fallback;
};
const GROUPS = arg('groups', 500);
const PARTITIONS = arg('partitions', 10);
const SECONDS = arg('seconds', 60);
const GROUPS_PER_TOPIC = 10;
const WRITE = !args.includes('--no-write');
/** --profile: run the app under --cpu-prof while it samples, print where its time goes, and stop there. */
const PROFILE = args.includes('--profile');
const log = (m: string) => process.stderr.write(`[bench:lag] ${m}\n`);

async function startServe(dataDir: string, nodeFlags: string[] = []): Promise<{ url: string; proc: ChildProcess }> {
  const proc = spawn(
    process.execPath,
    [...nodeFlags, join(repoRoot, 'out/main/serve.js'), '--port', '0', '--data-dir', dataDir, '--skip-sandbox'],
    {
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let out = '';
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`browser mode did not start:\n${out}`)), 60_000);
    proc.stderr!.on('data', (d) => (out += d));
    proc.stdout!.on('data', (d) => {
      out += d;
      const m = /Samsa is running at (\S+)/.exec(out);
      if (m) {
        clearTimeout(timer);
        resolve(m[1]!);
      }
    });
  });
  return { url, proc };
}

async function stop(proc: ChildProcess) {
  if (proc.exitCode !== null) return;
  const exited = new Promise((r) => proc.once('exit', r));
  proc.kill('SIGTERM');
  await exited;
}

const pad = (n: number) => String(n).padStart(3, '0');

/** Topics of PARTITIONS partitions with records, and GROUPS groups with committed offsets behind the end. */
async function seed(bootstrap: string, api: Awaited<ReturnType<typeof connectApi>>, clusterId: string) {
  const kafka = new Kafka({ brokers: [bootstrap], logLevel: logLevel.NOTHING });
  const admin = kafka.admin();
  await admin.connect();
  const topics = Array.from({ length: Math.ceil(GROUPS / GROUPS_PER_TOPIC) }, (_, i) => `bench.lag.t${pad(i)}`);
  await admin.createTopics({
    topics: topics.map((topic) => ({ topic, numPartitions: PARTITIONS })),
    waitForLeaders: true,
  });
  await admin.disconnect();
  const producer = kafka.producer();
  await producer.connect();
  for (const topic of topics) {
    const messages = Array.from({ length: PARTITIONS }, (_, p) =>
      Array.from({ length: 100 }, (_v, i) => ({ partition: p, value: `r${i}` })),
    ).flat();
    await producer.send({ topic, messages });
  }
  for (let g = 0; g < GROUPS; g++) {
    const topic = topics[Math.floor(g / GROUPS_PER_TOPIC)]!;
    await api.call('groups.resetApply', {
      clusterId,
      groupId: `bench-g-${pad(g)}`,
      scope: { kind: 'topic', topic },
      mode: { kind: 'offset', offset: String(10 + (g % 80)) },
    });
  }
  return { kafka, producer, topics };
}

function printProfile(dir: string, share: number) {
  const file = readdirSync(dir).find((f) => f.endsWith('.cpuprofile'));
  if (!file) throw new Error(`no .cpuprofile in ${dir}`);
  const { hotSpots, busyMs, totalMs } = topSelfTime(join(dir, file), 30);
  console.log(
    `Samsa under --cpu-prof, sampling ${GROUPS} groups × ${PARTITIONS} partitions: ${(share * 100).toFixed(1)} % CPU`,
  );
  console.log(
    `Profile (start-up and seeding included): ${(busyMs / 1000).toFixed(2)} s busy of ${(totalMs / 1000).toFixed(2)} s (${join(dir, file)})\n`,
  );
  console.log('| Self % of busy | Self ms | Function |\n|---:|---:|---|');
  for (const h of hotSpots) console.log(`| ${h.percent.toFixed(1)}% | ${h.selfMs.toFixed(0)} | \`${h.where}\` |`);
}

async function main() {
  const loadBefore = loadavg()[0]!;
  const launcher = sandboxLauncher(false); // builds out/ (the app too)
  const sandbox = await spawnSandbox(launcher);
  const dataDir = mkdtempSync(join(tmpdir(), 'samsa-bench-lag-'));
  const profileDir = PROFILE ? mkdtempSync(join(tmpdir(), 'samsa-lag-cpuprof-')) : null;
  let serve = await startServe(dataDir, profileDir ? ['--cpu-prof', `--cpu-prof-dir=${profileDir}`] : []);
  let api = await connectApi(serve.url);
  const { id: clusterId } = await api.call<{ id: string }>('connections.create', {
    name: 'bench sandbox',
    bootstrapServers: [sandbox.bootstrap],
    tls: false,
    sasl: null,
  });
  log(`seeding ${GROUPS} groups × ${PARTITIONS} partitions`);
  const { producer, topics } = await seed(sandbox.bootstrap, api, clusterId);

  // Traffic while measuring: every topic grows, so lag and status change every sample.
  let stopTraffic = false;
  const traffic = (async () => {
    let i = 0;
    while (!stopTraffic) {
      const topic = topics[i++ % topics.length]!;
      await producer.send({
        topic,
        messages: Array.from({ length: 20 }, (_, k) => ({ partition: k % PARTITIONS, value: 'x' })),
      });
      await new Promise((r) => setTimeout(r, 20));
    }
  })();

  await api.call('cluster.overview', { clusterId }); // opening the connection starts its sampler
  log('warming up (30 s)');
  await new Promise((r) => setTimeout(r, 30_000));
  const info0 = await api.call<{ settings: { sampleIntervalSeconds: number } }>('lag.storeInfo', {});
  log(`measuring sampling for ${SECONDS} s (interval ${info0.settings.sampleIntervalSeconds} s)`);
  const samplingOnly = await cpuShare(serve.proc.pid!, SECONDS * 1000);
  if (profileDir) {
    stopTraffic = true;
    await traffic;
    await producer.disconnect();
    api.close();
    await stop(serve.proc); // the profile is written on exit
    await sandbox.stop();
    printProfile(profileDir, samplingOnly);
    return;
  }
  const sandboxCpu0 = cpuSeconds(sandbox.pid);
  let listItems = 0;
  const unsubscribe = api.subscribe('groups.list', { clusterId }, (items) => (listItems += items.length));
  await new Promise((r) => setTimeout(r, 5000));
  log(`measuring with the groups list open for ${SECONDS} s`);
  const withList = await cpuShare(serve.proc.pid!, SECONDS * 1000);
  const sandboxShare = (cpuSeconds(sandbox.pid) - sandboxCpu0) / (SECONDS + 5);
  unsubscribe();
  const listed = await new Promise<number>((resolve) => {
    const off = api.subscribe('groups.list', { clusterId }, (items) => {
      const first = items[0] as { groups: unknown[] };
      off();
      resolve(first.groups.length);
    });
  });
  stopTraffic = true;
  await traffic;
  await producer.disconnect();

  // 3. A 30-day graph: write the history of one group (as if watched for 30 days), then ask for it.
  api.close();
  await stop(serve.proc);
  const groupId = `bench-g-${pad(0)}`;
  log('writing 30 days of history for one group');
  const synth = writeGroupHistory({
    path: join(dataDir, 'lag-history.sqlite'),
    clusterId,
    groupId,
    topic: topics[0]!,
    partitions: PARTITIONS,
    days: 30,
    now: Date.now(),
  });
  serve = await startServe(dataDir);
  api = await connectApi(serve.url);
  const queryMs: number[] = [];
  let points = 0;
  for (let i = 0; i < 5; i++) {
    const t0 = performance.now();
    const h = await api.call<{ t: number[]; series: unknown[] }>('lag.history', {
      clusterId,
      groupId,
      from: Date.now() - 30 * 86_400_000,
      level: 'partition',
      maxPoints: 1000, // what the chart asks for
    });
    queryMs.push(performance.now() - t0);
    points = h.t.length * h.series.length;
  }
  const browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu'],
  });
  const page = await browser.newPage({ viewport: { width: 1360, height: 860 } });
  const drawMs: number[] = [];
  await page.goto(`${serve.url}#/clusters/${encodeURIComponent(clusterId)}/groups/${groupId}`);
  await page.getByRole('region', { name: 'Lag over time' }).waitFor({ timeout: 30_000 });
  // The panel carries data-render-ms once the chart for the current choice is drawn.
  const drawn = page.locator('section[data-render-ms]');
  await page.getByRole('radio', { name: 'Per partition' }).check();
  await drawn.waitFor({ timeout: 30_000 });
  // Switch between 7 and 30 days, as a person would; each switch asks main and draws anew.
  for (let i = 0; i < 10; i++) {
    await page.getByRole('radio', { name: i % 2 === 0 ? '30 d' : '7 d' }).check();
    await drawn.waitFor({ timeout: 30_000 });
    if (i % 2 === 0) drawMs.push(Number(await drawn.getAttribute('data-render-ms')));
  }
  await browser.close();
  api.close();
  await stop(serve.proc);
  await sandbox.stop();

  // 2. Store size per day for the benchmark's groups: two hours simulated through the store, packed.
  log('simulating two hours of history for the store size');
  const sizeDir = mkdtempSync(join(tmpdir(), 'samsa-bench-size-'));
  const sizes = storeSizePerDay(join(sizeDir, 'h.sqlite'));
  rmSync(sizeDir, { recursive: true, force: true });
  rmSync(dataDir, { recursive: true, force: true });

  const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
  const pct = (x: number) => `${(x * 100).toFixed(1)} %`;
  const mb = (b: number) => `${(b / 1024 / 1024).toFixed(1)} MB`;
  const rows: [string, string, string][] = [
    [
      `Samsa process CPU, sampling ${GROUPS} groups × ${PARTITIONS} partitions every 5 s`,
      pct(samplingOnly),
      `≤ 5 % of one core ${samplingOnly <= 0.05 ? '✅' : '❌'}`,
    ],
    ['… with the groups list open (pushed updates)', pct(withList), ''],
    ['Sandbox broker CPU meanwhile (serving the sampler and the benchmark’s producer)', pct(sandboxShare), ''],
    ['Groups in the list', listed.toLocaleString('en-US'), ''],
    [`History per day, ${GROUPS} groups (topic totals, all resolutions)`, mb(sizes.perDayAll), ''],
    [`History per day, one opened group (${PARTITIONS} partitions + total)`, mb(sizes.perDayOpened), ''],
    [
      'Days of history for the 500 groups under the default 200 MB cap (every sample for a day, then minutes)',
      sizes.daysUnderCap.toFixed(0),
      '',
    ],
    [
      `30-day graph of one group per partition: query (median of 5, ${points.toLocaleString('en-US')} points)`,
      `${median(queryMs).toFixed(0)} ms`,
      '',
    ],
    [
      '30-day graph per partition: asked → drawn in Chromium (median of 5 switches from 7 d)',
      `${median(drawMs).toFixed(0)} ms`,
      `< 100 ms ${median(drawMs) < 100 ? '✅' : '❌'}`,
    ],
  ];
  const body = `## Lag sampling and history

- Date: ${new Date().toISOString()}
- Machine: ${machineDescription()}
- 1-minute load average: ${loadBefore.toFixed(2)} at the start, ${loadavg()[0]!.toFixed(2)} at the end (the machine is shared; CPU time is the process's own, from /proc)
- Command: \`npm run bench:lag\`
- Setup: the sandbox broker (${launcher.describe}) with ${topics.length} topics × ${PARTITIONS} partitions and ${GROUPS} groups
  (committed offsets behind the log end, a producer adding ~1,000 records/s); Samsa in browser mode (\`out/main/serve.js\`,
  the built app) connected to it, sampling every 5 s (default). CPU measured over ${SECONDS} s after a 30 s warm-up.
- History: ${synth.ticks.toLocaleString('en-US')} synthetic ticks (${synth.rows.toLocaleString('en-US')} rows) written through the store for the 30-day graph.

| Metric | Value | Goal |
|---|---:|---|
${rows.map((r) => `| ${r.join(' | ')} |`).join('\n')}
`;
  process.stdout.write(body);
  if (WRITE) log(`wrote ${writeLagSection(body)}`);
  process.exit(0);
}

/** Two hours of 5 s samples for GROUPS topic totals plus one opened group's partitions, packed as Samsa does. */
function storeSizePerDay(path: string) {
  const h = new LagHistory(path);
  const start = Date.UTC(2026, 0, 1);
  const hours = 2;
  const perGroup = new Array<number>(GROUPS).fill(0);
  for (let i = 0; i < (hours * 3600) / 5; i++) {
    const t = start + i * 5000;
    const rows: SampleRow[] = [];
    for (let g = 0; g < GROUPS; g++) {
      perGroup[g]! += 40 + ((i * 7 + g) % 23);
      const end = perGroup[g]! + 500 + ((i * 13 + g * 3) % 300);
      rows.push({ key: { clusterId: 'c', groupId: `g${g}`, topic: 't', partition: -1 }, committed: perGroup[g]!, end });
    }
    for (let p = 0; p < PARTITIONS; p++) {
      rows.push({
        key: { clusterId: 'c', groupId: 'opened', topic: 't', partition: p },
        committed: i * 4 + p,
        end: i * 4 + p + (i % 17),
      });
    }
    h.appendTick('c', t, rows, 5000);
    if (i % 180 === 179) h.compact(t - 15 * 60_000);
  }
  h.compact(start + hours * 3_600_000);
  const bytes = (where: string, ...params: (string | number)[]) =>
    (
      h.db
        .prepare(
          `SELECT COALESCE(SUM(length(data)) + COUNT(*) * 40, 0) AS b FROM chunks JOIN series ON series.id = chunks.series_id WHERE ${where}`,
        )
        .get(...params) as { b: number }
    ).b;
  const perTier = [0, 1, 2].map((tier) => bytes('tier = ? AND group_id != ?', tier, 'opened') * (24 / hours));
  const perDayAll = perTier.reduce((a, b) => a + b, 0);
  const perDayOpened = bytes('group_id = ?', 'opened') * (24 / hours);
  // Steady state under the cap: a day of every sample, then minutes (and ten minutes) for the rest.
  const cap = 200 * 1024 * 1024;
  const daysUnderCap = Math.min(365, 1 + (cap - perTier[0]!) / (perTier[1]! + perTier[2]!));
  h.close();
  return { perDayAll, perDayOpened, daysUnderCap };
}

void main().catch((e) => {
  process.stderr.write(`${(e as Error).stack}\n`);
  process.exit(1);
});
