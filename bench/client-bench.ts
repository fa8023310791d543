/**
 * The message workbench next to kcat on the same Apache Kafka topic, measured side by side in one run.
 *   npm run bench:client [-- --records 1000000] [--reps 3] [--skip-tail] [--no-write]
 * Samsa runs as in browser mode (out/main/serve.js, driven over its WebSocket API like the window);
 * the live tail runs in Chromium. Writes its table into BENCHMARKS.md between its own markers.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { Kafka, logLevel } from 'kafkajs';
import { startBenchKafka } from './lib/kafka-server.js';
import { timedShell } from './lib/kcat.js';
import { measureLiveTail, type TailResult } from './lib/live-tail.js';
import { machineDescription } from './lib/report.js';
import { startSamsa, type SamsaApp } from './lib/samsa-app.js';
import { writeClientSection, type ClientRow } from './lib/client-report.js';

interface Args {
  records: number;
  reps: number;
  tail: boolean;
  write: boolean;
}

function parseArgs(argv: string[]): Args {
  const a: Args = { records: 1_000_000, reps: 3, tail: true, write: true };
  for (let i = 0; i < argv.length; i++) {
    const f = argv[i];
    if (f === '--records') a.records = Number(argv[++i]);
    else if (f === '--reps') a.reps = Number(argv[++i]);
    else if (f === '--skip-tail') a.tail = false;
    else if (f === '--no-write') a.write = false;
    else throw new Error(`unknown argument ${f}`);
  }
  return a;
}

const log = (m: string) => process.stderr.write(`[bench:client] ${m}\n`);
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const best = (xs: number[]) => Math.min(...xs);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const STATUSES = ['NEW', 'PAID', 'FAILED', 'SHIPPED'];
const NEEDLE = 'cust-004242';
const WARM_UP_READS = 5;

function recordLine(i: number): string {
  const value = JSON.stringify({
    id: i,
    status: STATUSES[i % 4],
    amount: (i * 7919) % 500,
    customer: `cust-${String(i % 100_000).padStart(6, '0')}`,
    note: 'n'.repeat(96),
  });
  return `k${i}\t${value}\n`;
}

function writeLines(path: string, from: number, to: number): void {
  const chunks: string[] = [];
  for (let i = from; i < to; i++) chunks.push(recordLine(i));
  writeFileSync(path, chunks.join(''));
}

async function createTopic(bootstrap: string, topic: string, partitions: number): Promise<void> {
  const admin = new Kafka({ brokers: [bootstrap], logLevel: logLevel.NOTHING }).admin();
  await admin.connect();
  try {
    await admin.createTopics({ topics: [{ topic, numPartitions: partitions }] });
    // kafkajs's own waitForLeaders gives up on a busy machine; poll until every partition has a leader.
    for (let i = 0; ; i++) {
      const meta = await admin.fetchTopicMetadata({ topics: [topic] }).catch(() => null);
      const ps = meta?.topics[0]?.partitions ?? [];
      if (ps.length === partitions && ps.every((p) => p.leader >= 0)) break;
      if (i > 100) throw new Error(`topic ${topic} has no leaders after 20 s`);
      await sleep(200);
    }
  } finally {
    await admin.disconnect();
  }
}

async function timed<T>(fn: () => Promise<T>): Promise<{ ms: number; value: T }> {
  const t = performance.now();
  const value = await fn();
  return { ms: performance.now() - t, value };
}

/** A subscription to its end, timed, with the main process's peak RSS sampled meanwhile. */
async function timedStream(
  app: SamsaApp,
  name: string,
  params: unknown,
  onItems: (items: unknown[]) => void = () => undefined,
) {
  let peak = app.rssMb();
  const sampler = setInterval(() => (peak = Math.max(peak, app.rssMb())), 50);
  const t = performance.now();
  await app.stream(name, params, onItems).done;
  const ms = performance.now() - t;
  clearInterval(sampler);
  return { ms, peakRssMb: Math.max(peak, app.rssMb()) };
}

/** Exports a whole topic through the download path the window uses, counting lines as they arrive. */
async function exportAll(app: SamsaApp, clusterId: string, topic: string, expected: number) {
  const token = new URL(app.url).searchParams.get('token')!;
  let peak = app.rssMb();
  const sampler = setInterval(() => (peak = Math.max(peak, app.rssMb())), 50);
  const t = performance.now();
  let lines = 0;
  const tenth = Math.max(1, Math.floor(expected / 10));
  const atTenths: number[] = [];
  let download: Promise<void> | null = null;
  const stream = app.stream(
    'messages.export',
    { clusterId, topic, format: 'jsonl', source: { kind: 'search', scan: { filter: '' } } },
    (items) => {
      for (const it of items as { kind: string; path?: string }[]) {
        if (it.kind !== 'download') continue;
        download = (async () => {
          const res = await fetch(`${new URL(app.url).origin}${it.path}?token=${token}`);
          for await (const chunk of res.body as AsyncIterable<Uint8Array>) {
            for (const b of chunk) if (b === 10) lines++;
            // Memory must not grow with the count: RSS at each tenth of the way.
            if (lines >= (atTenths.length + 1) * tenth) atTenths.push(app.rssMb());
          }
        })();
      }
    },
  );
  await stream.done;
  await download;
  const ms = performance.now() - t;
  clearInterval(sampler);
  return { ms, lines, peakRssMb: Math.max(peak, app.rssMb()), atTenths };
}

async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2));
  const load = [loadavg()[0]!];
  const work = mkdtempSync(join(tmpdir(), 'samsa-client-bench-'));
  log('starting Apache Kafka');
  const kafka = await startBenchKafka('server');
  const B = kafka.bootstrap;
  let app: SamsaApp | null = null;
  try {
    const topic = 'bench-1m';
    await createTopic(B, topic, 12);
    const half = Math.floor(args.records / 2);
    log(`loading ${args.records.toLocaleString('en-US')} records of ~200 B with kcat`);
    writeLines(join(work, 'a.txt'), 0, half);
    writeLines(join(work, 'b.txt'), half, args.records);
    await timedShell(`kcat -b ${B} -P -t ${topic} -K '\t' -l ${join(work, 'a.txt')}`);
    await sleep(1500);
    const middle = Date.now(); // every record of the second half is stamped after this
    await sleep(50);
    await timedShell(`kcat -b ${B} -P -t ${topic} -K '\t' -l ${join(work, 'b.txt')}`);

    app = await startSamsa(join(work, 'data'));
    const { id: clusterId } = await app.call<{ id: string }>('connections.create', {
      name: 'bench',
      bootstrapServers: [B],
      tls: false,
      sasl: null,
    });
    const page = (from: unknown) =>
      app!.call<{ messages: unknown[] }>('messages.page', { clusterId, topic, partitions: null, from, limit: 100 });

    log('newest 100');
    const cold = await timed(() => page({ kind: 'newest' }));
    if (cold.value.messages.length !== 100) throw new Error('newest 100 did not return 100 records');
    // Warm means warmed: a few untimed reads each (Samsa's JIT and Kafka's fetch path both speed up
    // over the first reads), then Samsa and kcat interleaved, so both meet the same broker state.
    const kcatNewestRead = () => timedShell(`kcat -b ${B} -C -t ${topic} -o -9 -c 100 -e -q -J > /dev/null`);
    for (let i = 0; i < WARM_UP_READS; i++) {
      await page({ kind: 'newest' });
      await kcatNewestRead();
    }
    const warm: number[] = [];
    const kcatNewest: number[] = [];
    for (let i = 0; i < 7; i++) {
      warm.push((await timed(() => page({ kind: 'newest' }))).ms);
      kcatNewest.push((await kcatNewestRead()).ms);
    }

    log('seek to a date-time and read a page');
    const seek: number[] = [];
    const kcatSeek: number[] = [];
    for (let i = 0; i < 5; i++) {
      seek.push((await timed(() => page({ kind: 'timestamp', timestamp: middle }))).ms);
      kcatSeek.push((await timedShell(`kcat -b ${B} -C -t ${topic} -o s@${middle} -c 100 -e -q -J > /dev/null`)).ms);
    }

    log('search');
    const search: number[] = [];
    const kcatGrep: number[] = [];
    let searchRss = 0;
    let matches = 0;
    for (let i = 0; i < args.reps; i++) {
      matches = 0;
      const r = await timedStream(
        app,
        'messages.search',
        { clusterId, topic, filter: `value contains "${NEEDLE}"`, maxResults: 10_000 },
        (items) => {
          for (const it of items as { kind: string; messages?: unknown[] }[])
            if (it.kind === 'matches') matches += it.messages!.length;
        },
      );
      search.push(r.ms);
      searchRss = Math.max(searchRss, r.peakRssMb);
      const k = await timedShell(`kcat -b ${B} -C -t ${topic} -o beginning -e -q | grep -c ${NEEDLE}`);
      kcatGrep.push(k.ms);
      if (Number(k.stdout.trim()) !== matches)
        throw new Error(`search found ${matches}, kcat | grep ${k.stdout.trim()}`);
    }
    const json = await timedStream(app, 'messages.search', {
      clusterId,
      topic,
      filter: '$.status == "FAILED" and $.amount > 498',
      maxResults: 10_000,
    });
    searchRss = Math.max(searchRss, json.peakRssMb);

    log('export every record to JSONL (a browser-mode download)');
    const exported = await exportAll(app, clusterId, topic, args.records);
    if (exported.lines !== args.records) throw new Error(`exported ${exported.lines} lines of ${args.records}`);
    const kcatExport = await timedShell(
      `kcat -b ${B} -C -t ${topic} -o beginning -e -q -J > ${join(work, 'kcat.jsonl')}`,
    );

    log('bulk produce 100,000 keyed records');
    const bulkN = 100_000;
    writeLines(join(work, 'bulk.txt'), 0, bulkN);
    const bulk: number[] = [];
    const kcatBulk: number[] = [];
    for (let i = 0; i < args.reps; i++) {
      const ours = `bulk-samsa-${i}`;
      const theirs = `bulk-kcat-${i}`;
      await createTopic(B, ours, 12);
      await createTopic(B, theirs, 12);
      const value = `{"id": {{seq}}, "status": "{{pick("NEW", "PAID", "FAILED")}}", "amount": {{random.int(1, 500)}}, "customer": "cust-{{random.int(100000, 999999)}}", "note": "${'n'.repeat(96)}"}`;
      bulk.push(
        (
          await timedStream(app, 'produce.bulk', {
            clusterId,
            topic: ours,
            count: bulkN,
            key: 'k{{seq}}',
            value,
            valueFormat: 'json',
          })
        ).ms,
      );
      kcatBulk.push((await timedShell(`kcat -b ${B} -P -t ${theirs} -K '\t' -l ${join(work, 'bulk.txt')}`)).ms);
    }

    let tail: TailResult | null = null;
    if (args.tail) {
      log('live tail of 50,000 records/s for 20 s in Chromium');
      await createTopic(B, 'bench-tail', 12);
      tail = await measureLiveTail({
        appUrl: app.url,
        clusterId,
        topic: 'bench-tail',
        bootstrap: B,
        rate: 50_000,
        seconds: 20,
        recordSize: 200,
      });
    }
    load.push(loadavg()[0]!);

    const perSecond = (n: number, ms: number) => (n * 1000) / ms;
    const rows: ClientRow[] = [
      {
        metric: 'Newest 100 of 1M records, 12 partitions, warm (5 reads each first; median of 7, interleaved), ms',
        kcat: median(kcatNewest),
        samsa: median(warm),
        goal: { text: '≤ 0.5× kcat', met: (s, k) => s <= 0.5 * k! },
      },
      { metric: 'Newest 100, first read on a new connection, ms', kcat: median(kcatNewest), samsa: cold.ms },
      {
        metric: 'Seek to a date-time and read 100, ms (median)',
        kcat: median(kcatSeek),
        samsa: median(seek),
        goal: { text: '≤ kcat', met: (s, k) => s <= k! },
      },
      {
        metric: `Search 1M records of ~200 B (value contains), records/s (best; kcat -C -e \\| grep)`,
        kcat: perSecond(args.records, best(kcatGrep)),
        samsa: perSecond(args.records, best(search)),
        higherIsBetter: true,
        goal: { text: '≥ 0.5× kcat', met: (s, k) => s >= 0.5 * k! },
      },
      {
        metric: 'Search with a JSON filter ($.status == "FAILED" and $.amount > 498), records/s',
        kcat: null,
        samsa: perSecond(args.records, json.ms),
        higherIsBetter: true,
      },
      {
        metric: 'Main process peak RSS during the searches, MB',
        kcat: null,
        samsa: searchRss,
        goal: { text: '< 300 MB', met: (s) => s < 300 },
      },
      {
        metric: 'Export 1M records to JSONL, records/s (a download in browser mode; kcat -J > file)',
        kcat: perSecond(args.records, kcatExport.ms),
        samsa: perSecond(args.records, exported.ms),
        higherIsBetter: true,
      },
      {
        metric: 'Main process peak RSS during the export, MB',
        kcat: null,
        samsa: exported.peakRssMb,
        goal: { text: '< 300 MB', met: (s) => s < 300 },
      },
      {
        // The second half: the first tenths include the stream's ramp-up (socket and file buffers,
        // the young generation), which depends on what the process held before, not on the count.
        metric: 'Main process RSS at 50 % of the export → at 100 %, MB (the growth)',
        kcat: null,
        samsa: (exported.atTenths.at(-1) ?? 0) - (exported.atTenths[4] ?? 0),
        goal: { text: 'does not grow with the count (< 30 MB)', met: (s) => s < 30 },
        note: `${exported.atTenths.map((x) => x.toFixed(0)).join(' → ')} at each tenth of the records`,
      },
      {
        metric: 'Bulk produce 100,000 keyed records, records/s (best; kcat -P)',
        kcat: perSecond(bulkN, best(kcatBulk)),
        samsa: perSecond(bulkN, best(bulk)),
        higherIsBetter: true,
        goal: { text: '≥ 0.5× kcat', met: (s, k) => s >= 0.5 * k! },
      },
    ];
    if (tail) {
      rows.push(
        {
          metric: 'Live tail at 50,000 records/s for 20 s: longest frame (rAF gap), ms',
          kcat: null,
          samsa: tail.longestFrameMs,
          goal: { text: '≤ 100 ms', met: (s) => s <= 100 },
        },
        {
          metric: 'Live tail: frames over 100 ms',
          kcat: null,
          samsa: tail.framesOver100Ms,
          note: `of ${tail.frames.toLocaleString('en-US')}; 99th percentile ${tail.p99FrameMs.toFixed(0)} ms; longest task ${tail.longestTaskMs.toFixed(0)} ms; slow frames at ${tail.slowFrames.map(([at, gap]) => `${(at / 1000).toFixed(1)} s (${gap} ms)`).join(', ') || 'none'}`,
        },
        {
          metric: "Live tail: the renderer's longest main-thread task in the performance trace, ms on the CPU",
          kcat: null,
          samsa: tail.tasks.longestCpuMs,
          goal: { text: '≤ 100 ms', met: (s) => s <= 100 },
          note: `the longest by wall clock: ${tail.tasks.longestWallMs.toFixed(0)} ms, of which ${tail.tasks.longestWallCpuMs.toFixed(0)} ms on the CPU (the rest waiting for a core); tasks over 100 ms: ${tail.tasks.over100WallMs} by wall clock, ${tail.tasks.over100CpuMs} on the CPU`,
        },
        {
          metric: "Live tail: the renderer main thread's time waiting for a core while records were written, s",
          kcat: null,
          samsa: (tail.sched?.waitMs ?? NaN) / 1000,
          note: tail.sched
            ? `and ${(tail.sched.cpuMs / 1000).toFixed(1)} s on the CPU in ${tail.seconds.toFixed(1)} s; preempted ${tail.sched.preempted.toLocaleString('en-US')} times (Linux schedstat)`
            : 'no scheduler statistics on this system',
        },
        {
          metric: 'Live tail: renderer JS heap peak, MB',
          kcat: null,
          samsa: tail.heapPeakMb,
          goal: { text: '< 300 MB', met: (s) => s < 300 },
        },
        {
          metric: 'Live tail: records that reached the window / written',
          kcat: null,
          samsa: tail.received,
          note: `of ${tail.produced.toLocaleString('en-US')} written in ${tail.seconds.toFixed(1)} s`,
          goal: { text: 'all', met: (s) => s === tail!.produced },
        },
      );
    }
    const header = [
      '## Message workbench vs kcat',
      '',
      `- Date: ${new Date().toISOString()}`,
      `- Machine: ${machineDescription()}`,
      `- 1-minute load average: ${load[0]!.toFixed(2)} at the start, ${load[1]!.toFixed(2)} at the end (other processes were busy: treat ratios as rough)`,
      '- Command: `npm run bench:client`',
      `- Apache Kafka 4.1.1 (${kafka.jvm}), one topic of ${args.records.toLocaleString('en-US')} records of ~200 B (JSON values, keys k0…), 12 partitions, loaded by kcat`,
      '- Samsa: `node out/main/serve.js` (browser mode, the same main process as the desktop app), driven over its WebSocket API; times include the WebSocket. kcat: `kcat -b … -C/-P` spawned per run, as a person runs it.',
      `- Reads: Fetch decoded with the project's codec (src-main/kafka-protocol); bulk produce writes record batches with it too. Best or median of ${args.reps} interleaved runs.`,
    ].join('\n');
    const table = writeClientSection(header, rows, args.write);
    process.stdout.write(`${table}\n`);
  } finally {
    await app?.stop();
    await kafka.stop();
    rmSync(work, { recursive: true, force: true });
  }
}

main().catch((e: unknown) => {
  process.stderr.write(`${(e as Error).stack ?? String(e)}\n`);
  process.exit(1);
});
