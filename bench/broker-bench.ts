/**
 * Sandbox broker vs Apache Kafka 4.1.1 on this machine, with Kafka's own load tools.
 *   npm run bench:broker [-- --records 300000] [--reps 2] [--tsx] [--kafka-jvm server|fixture] [--no-write] [--profile]
 * --profile [produce|consume]: only the sandbox under `node --cpu-prof` for one acks=1 produce run (or one
 * ConsumerPerformance run); prints the top self-time functions.
 */
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { Kafka, logLevel } from 'kafkajs';
import { topSelfTime } from './lib/cpu-profile.js';
import { startBenchKafka } from './lib/kafka-server.js';
import { machineDescription, markdownTable, writeBenchmarksMd, type Row } from './lib/report.js';
import { cpuSeconds } from './lib/process-cpu.js';
import { consumerPerf, producerPerf, type ConsumeResult, type ProduceResult } from './lib/perf-tools.js';
import { memoryMb, sandboxLauncher, spawnSandbox, type SandboxLauncher } from './lib/sandbox-process.js';

interface Args {
  records: number;
  warmup: number;
  starts: number;
  /** Runs per workload and broker, interleaved; the best is reported (this 2-core VM is noisy). */
  reps: number;
  tsx: boolean;
  kafkaJvm: 'server' | 'fixture';
  write: boolean;
  /** null = no profiling; otherwise which workload runs under --cpu-prof. */
  profile: 'produce' | 'consume' | null;
}

function parseArgs(argv: string[]): Args {
  const a: Args = {
    records: 300_000,
    warmup: 50_000,
    starts: 5,
    reps: 2,
    tsx: false,
    kafkaJvm: 'server',
    write: true,
    profile: null,
  };
  for (let i = 0; i < argv.length; i++) {
    const f = argv[i];
    if (f === '--records') a.records = Number(argv[++i]);
    else if (f === '--warmup') a.warmup = Number(argv[++i]);
    else if (f === '--starts') a.starts = Number(argv[++i]);
    else if (f === '--reps') a.reps = Number(argv[++i]);
    else if (f === '--tsx') a.tsx = true;
    else if (f === '--kafka-jvm') a.kafkaJvm = argv[++i] === 'fixture' ? 'fixture' : 'server';
    else if (f === '--no-write') a.write = false;
    else if (f === '--profile')
      a.profile =
        argv[i + 1] === 'consume' || argv[i + 1] === 'produce' ? (argv[++i] as 'produce' | 'consume') : 'produce';
    else throw new Error(`unknown argument ${f}`);
  }
  return a;
}

/** ProducerPerformance's transactional mode commits on this period (its --transaction-duration-ms). */
const TXN_COMMIT_MS = 200;
/** Consume rounds per broker: one ConsumerPerformance run reads the topic in 1–2 s, so single runs spread widely. */
const CONSUME_ROUNDS = 5;

const log = (msg: string) => process.stderr.write(`[bench] ${msg}\n`);
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

async function createTopic(bootstrap: string, topic: string): Promise<void> {
  const admin = new Kafka({ brokers: [bootstrap], logLevel: logLevel.NOTHING }).admin();
  await admin.connect();
  try {
    await admin.createTopics({ topics: [{ topic, numPartitions: 3, replicationFactor: 1 }], waitForLeaders: true });
  } finally {
    await admin.disconnect();
  }
}

/** Median time to TCP accept and to the ready line over fresh data dirs. */
async function measureStarts(l: SandboxLauncher, n: number) {
  const tcp: number[] = [];
  const ready: number[] = [];
  for (let i = 0; i < n; i++) {
    const s = await spawnSandbox(l);
    tcp.push(s.startMs.tcp);
    ready.push(s.startMs.ready);
    await s.stop();
  }
  log(
    `sandbox starts: tcp ${tcp.map((t) => t.toFixed(0)).join(', ')} ms; ready ${ready.map((t) => t.toFixed(0)).join(', ')} ms`,
  );
  return { tcp: median(tcp), ready: median(ready) };
}

/** Runs one workload against a sandbox under `node --cpu-prof`; for consume, the data is produced by an unprofiled run first. */
async function profileRun(a: Args, l: SandboxLauncher, what: 'produce' | 'consume'): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'samsa-cpuprof-'));
  const dataDir = mkdtempSync(join(tmpdir(), 'samsa-cpuprof-data-'));
  const topic = `prof-${Date.now()}`;
  let summary: string;
  if (what === 'produce') {
    const s = await spawnSandbox(l, { dataDir, nodeFlags: ['--cpu-prof', `--cpu-prof-dir=${dir}`] });
    await createTopic(s.bootstrap, topic);
    const r = await producerPerf(s.bootstrap, topic, a.records, '1');
    await s.stop(); // the profile is written on exit
    summary = `acks=1 produce, ${a.records} × 1 KB: ${r.recordsPerSec.toFixed(0)} records/s, ${r.mbPerSec.toFixed(1)} MB/s`;
  } else {
    const filler = await spawnSandbox(l, { dataDir });
    await createTopic(filler.bootstrap, topic);
    await producerPerf(filler.bootstrap, topic, a.records, '1');
    await filler.stop();
    const s = await spawnSandbox(l, { dataDir, nodeFlags: ['--cpu-prof', `--cpu-prof-dir=${dir}`] });
    const r = await consumerPerf(s.bootstrap, topic, a.records, `prof-${Date.now()}`);
    await s.stop();
    summary = `ConsumerPerformance, ${a.records} × 1 KB: ${r.recordsPerSec.toFixed(0)} records/s, ${r.mbPerSec.toFixed(1)} MB/s`;
  }
  rmSync(dataDir, { recursive: true, force: true });
  const file = readdirSync(dir).find((f) => f.endsWith('.cpuprofile'));
  if (!file) throw new Error(`no .cpuprofile in ${dir}`);
  const { hotSpots, busyMs, totalMs } = topSelfTime(join(dir, file), 25);
  console.log(`Sandbox under --cpu-prof, ${summary}`);
  console.log(
    `Profile: ${(busyMs / 1000).toFixed(2)} s busy of ${(totalMs / 1000).toFixed(2)} s (${join(dir, file)})\n`,
  );
  console.log('| Self % of busy | Self ms | Function |\n|---:|---:|---|');
  for (const h of hotSpots) console.log(`| ${h.percent.toFixed(1)}% | ${h.selfMs.toFixed(0)} | \`${h.where}\` |`);
}

async function main(): Promise<void> {
  const a = parseArgs(process.argv.slice(2));
  const launcher = sandboxLauncher(a.tsx);
  log(`sandbox runs as: ${launcher.describe}`);
  if (a.profile) return profileRun(a, launcher, a.profile);

  // Other processes on a 2-core box skew every figure, so the report states the load around the run.
  const loadBefore = loadavg()[0];
  const starts = await measureStarts(launcher, a.starts);

  log(`starting Apache Kafka (${a.kafkaJvm} JVM flags)…`);
  const kafka = await startBenchKafka(a.kafkaJvm);
  const sandbox = await spawnSandbox(launcher);
  const brokers = [
    { name: 'kafka', bootstrap: kafka.bootstrap },
    { name: 'sandbox', bootstrap: sandbox.bootstrap },
  ] as const;
  try {
    await new Promise((r) => setTimeout(r, 1000));
    const idle = memoryMb(sandbox.pid);
    const kafkaIdle = memoryMb(kafka.pid);
    log(`idle RSS: sandbox ${idle.rss.toFixed(1)} MB, kafka ${kafkaIdle.rss.toFixed(1)} MB`);

    // Warm-up: Kafka's JIT and the sandbox's V8 tiers, plus the tool JVM's page cache.
    for (const b of brokers) {
      const t = `warmup-${Date.now()}`;
      await createTopic(b.bootstrap, t);
      const w = await producerPerf(b.bootstrap, t, a.warmup, '1');
      log(`warm-up ${b.name}: ${w.recordsPerSec.toFixed(0)} records/s`);
    }

    const best = <T extends { mbPerSec: number }>(xs: T[]) => xs.reduce((a, b) => (b.mbPerSec > a.mbPerSec ? b : a));
    const runs: Record<string, Record<string, ProduceResult[]>> = {
      '1': { kafka: [], sandbox: [] },
      all: { kafka: [], sandbox: [] },
      txn: { kafka: [], sandbox: [] },
    };
    const topics: Record<string, string> = {};
    for (let rep = 0; rep < a.reps; rep++) {
      for (const acks of ['1', 'all', 'txn']) {
        for (const b of brokers) {
          const t = `bench-acks${acks}-${rep}-${Date.now()}`;
          await createTopic(b.bootstrap, t);
          if (acks === '1') topics[b.name] = t;
          // Transactional: acks=all (required), one commit every TXN_COMMIT_MS.
          const txn = acks === 'txn' ? { transactionalId: t, commitEveryMs: TXN_COMMIT_MS } : undefined;
          const r = await producerPerf(b.bootstrap, t, a.records, txn ? 'all' : acks, txn);
          runs[acks][b.name].push(r);
          log(
            `produce acks=${acks} ${b.name} #${rep + 1}: ${r.recordsPerSec.toFixed(0)} records/s, ${r.mbPerSec.toFixed(1)} MB/s`,
          );
        }
      }
    }
    const produce = Object.fromEntries(
      Object.entries(runs).map(([acks, byBroker]) => [
        acks,
        { kafka: best(byBroker.kafka), sandbox: best(byBroker.sandbox) },
      ]),
    );
    const afterProduce = memoryMb(sandbox.pid);
    const kafkaAfter = memoryMb(kafka.pid);

    const consumeRuns: Record<string, ConsumeResult[]> = { kafka: [], sandbox: [] };
    // The broker's own CPU time per run: steadier than throughput, which the consuming JVM bounds.
    const consumeCpu: Record<string, number[]> = { kafka: [], sandbox: [] };
    // A consume run is short (one JVM reading the topic in 1–2 s), so its spread is wide: more rounds, and
    // the order alternates so neither broker always reads first (Kafka's JIT keeps warming across rounds).
    for (let rep = 0; rep < CONSUME_ROUNDS; rep++) {
      for (const b of rep % 2 ? [...brokers].reverse() : brokers) {
        const pid = b.name === 'kafka' ? kafka.pid : sandbox.pid;
        const cpuBefore = cpuSeconds(pid);
        const r = await consumerPerf(b.bootstrap, topics[b.name], a.records, `bench-consumer-${Date.now()}`);
        consumeRuns[b.name].push(r);
        consumeCpu[b.name].push((cpuSeconds(pid) - cpuBefore) * 1000);
        log(`consume ${b.name} #${rep + 1}: ${r.mbPerSec.toFixed(1)} MB/s (group join ${r.rebalanceMs} ms)`);
      }
    }
    const consume = { kafka: best(consumeRuns.kafka), sandbox: best(consumeRuns.sandbox) };
    const pairsAhead = consumeRuns.sandbox.filter((s, i) => s.mbPerSec >= consumeRuns.kafka[i]!.mbPerSec).length;
    const afterConsume = memoryMb(sandbox.pid);

    const consumeGoal = { text: '≥ 1.0× Kafka', met: (s: number, k: number | null) => k !== null && s >= k };
    const ratioGoal = { text: '≥ 0.5× Kafka', met: (s: number, k: number | null) => k !== null && s >= 0.5 * k };
    const rows: Row[] = [
      {
        metric: 'Produce acks=1, records/s',
        kafka: produce['1'].kafka.recordsPerSec,
        sandbox: produce['1'].sandbox.recordsPerSec,
        better: 'higher',
        goal: ratioGoal,
        digits: 0,
      },
      {
        metric: 'Produce acks=1, MB/s',
        kafka: produce['1'].kafka.mbPerSec,
        sandbox: produce['1'].sandbox.mbPerSec,
        better: 'higher',
        goal: ratioGoal,
      },
      {
        metric: 'Produce acks=1, avg / p99 latency ms',
        kafka: produce['1'].kafka.avgLatencyMs,
        sandbox: produce['1'].sandbox.avgLatencyMs,
        better: 'lower',
      },
      {
        metric: 'Produce acks=all, records/s',
        kafka: produce.all.kafka.recordsPerSec,
        sandbox: produce.all.sandbox.recordsPerSec,
        better: 'higher',
        goal: ratioGoal,
        digits: 0,
      },
      {
        metric: 'Produce acks=all, MB/s',
        kafka: produce.all.kafka.mbPerSec,
        sandbox: produce.all.sandbox.mbPerSec,
        better: 'higher',
        goal: ratioGoal,
      },
      {
        metric: `Produce transactional (acks=all, commit every ${TXN_COMMIT_MS} ms), records/s`,
        kafka: produce.txn.kafka.recordsPerSec,
        sandbox: produce.txn.sandbox.recordsPerSec,
        better: 'higher',
        goal: ratioGoal,
        digits: 0,
      },
      {
        metric: 'Produce transactional, MB/s',
        kafka: produce.txn.kafka.mbPerSec,
        sandbox: produce.txn.sandbox.mbPerSec,
        better: 'higher',
        goal: ratioGoal,
      },
      {
        metric: `Consume (ConsumerPerformance fetch), MB/s (best of ${CONSUME_ROUNDS})`,
        kafka: consume.kafka.mbPerSec,
        sandbox: consume.sandbox.mbPerSec,
        better: 'higher',
        goal: consumeGoal,
      },
      {
        metric: `Consume, MB/s (median of ${CONSUME_ROUNDS}; sandbox ahead in ${pairsAhead} of ${CONSUME_ROUNDS} rounds)`,
        kafka: median(consumeRuns.kafka.map((r) => r.mbPerSec)),
        sandbox: median(consumeRuns.sandbox.map((r) => r.mbPerSec)),
        better: 'higher',
      },
      {
        metric: 'Broker CPU time per consume run, ms (median; the broker process, from /proc)',
        kafka: median(consumeCpu.kafka),
        sandbox: median(consumeCpu.sandbox),
        better: 'lower',
        digits: 0,
      },
      {
        metric: 'Consume, records/s',
        kafka: consume.kafka.recordsPerSec,
        sandbox: consume.sandbox.recordsPerSec,
        better: 'higher',
        digits: 0,
      },
      {
        metric: `Start → TCP accept, ms (sandbox: median of ${a.starts})`,
        kafka: kafka.startMs?.tcp ?? null,
        sandbox: starts.tcp,
        better: 'lower',
        digits: 0,
      },
      {
        metric: 'Start → ready, ms (sandbox: ready line; Kafka: DescribeCluster answered)',
        kafka: kafka.startMs?.ready ?? null,
        sandbox: starts.ready,
        better: 'lower',
        goal: { text: '< 300 ms', met: (s) => s < 300 },
        digits: 0,
      },
      {
        metric: 'RSS idle after start, MB',
        kafka: kafkaIdle.rss,
        sandbox: idle.rss,
        better: 'lower',
        goal: { text: '< 150 MB', met: (s) => s < 150 },
      },
      { metric: 'RSS after the produce runs, MB', kafka: kafkaAfter.rss, sandbox: afterProduce.rss, better: 'lower' },
      {
        metric: 'Peak RSS (VmHWM) after consume, MB',
        kafka: memoryMb(kafka.pid).peak,
        sandbox: afterConsume.peak,
        better: 'lower',
      },
    ];
    // The latency row shows "avg (p99)" in text, so render it separately.
    const table = markdownTable(rows).replace(
      /\| Produce acks=1, avg \/ p99 latency ms \|.*\|/,
      `| Produce acks=1, avg / p99 latency ms | ${produce['1'].kafka.avgLatencyMs.toFixed(1)} / ${produce['1'].kafka.p99LatencyMs} | ${produce['1'].sandbox.avgLatencyMs.toFixed(1)} / ${produce['1'].sandbox.p99LatencyMs} | – | |`,
    );

    const command = `npm run bench:broker${process.argv.length > 2 ? ' -- ' + process.argv.slice(2).join(' ') : ''}`;
    const body = `# Sandbox broker benchmarks

Samsa's sandbox broker next to Apache Kafka 4.1.1 (single node, KRaft combined mode), measured with Kafka's own
tools (ProducerPerformance, ConsumerPerformance from kafka-tools 4.1.1, full-JIT client JVM) on the same machine.

- Date: ${new Date().toISOString()}
- Machine: ${machineDescription()}
- 1-minute load average: ${loadBefore.toFixed(2)} at the start, ${loadavg()[0].toFixed(2)} at the end${loadavg()[0] > 1 || loadBefore > 1 ? ' (other processes were busy: treat the throughput ratios as rough)' : ''}
- Command: \`${command}\`
- Sandbox: ${launcher.describe}, its own process (RSS from /proc/<pid>/status)
- Kafka JVM: ${kafka.jvm}
- Workload: ${a.records.toLocaleString('en-US')} records × 1024 B per run, \`--throughput -1\`, default producer props plus \`acks\`
  (the transactional run: \`--transactional-id\`, \`--transaction-duration-ms ${TXN_COMMIT_MS}\`, acks=all),
  a fresh 3-partition topic per run, best of ${a.reps} interleaved runs per broker, after a ${a.warmup.toLocaleString('en-US')}-record warm-up on each broker; the consumer reads the acks=1 topic (${CONSUME_ROUNDS} interleaved rounds, alternating which broker goes first:
  ${consumeRuns.kafka.map((k, i) => `${k.mbPerSec.toFixed(0)}/${consumeRuns.sandbox[i]!.mbPerSec.toFixed(0)}`).join(', ')} MB/s Kafka/sandbox).
  Start times exclude Kafka's storage format step.

${table}

Goals: produce ≥ 0.5× Kafka, consume ≥ 1.0× Kafka, ready < 300 ms, idle RSS < 150 MB.
`;
    console.log('\n' + table + '\n');
    if (a.write) log(`wrote ${writeBenchmarksMd(body)}`);
  } catch (e) {
    const died = sandbox.exitInfo();
    if (died) log(`the sandbox process is gone: ${died}`);
    throw e;
  } finally {
    await sandbox.stop();
    await kafka.stop();
  }
}

main().then(
  () => process.exit(0),
  (e: unknown) => {
    process.stderr.write(`[bench] failed: ${(e as Error)?.stack ?? String(e)}\n`);
    process.exit(1);
  },
);
