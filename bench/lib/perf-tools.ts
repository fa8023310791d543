/** Runs Kafka's ProducerPerformance / ConsumerPerformance and parses their summaries. */
import { assertToolOk, runKafkaTool, Tools } from '../../test-support/kafka/kafka-tools.js';

export interface ProduceResult {
  records: number;
  recordsPerSec: number;
  mbPerSec: number;
  avgLatencyMs: number;
  p99LatencyMs: number;
}

export interface ConsumeResult {
  records: number;
  /** Excludes the group join (fetch.MB.sec / fetch.nMsg.sec). */
  mbPerSec: number;
  recordsPerSec: number;
  rebalanceMs: number;
}

// "300000 records sent, 95057.0 records/sec (92.83 MB/sec), 250.1 ms avg latency, 800.0 ms max latency, 230 ms 50th, 600 ms 95th, 700 ms 99th, 790 ms 99.9th."
const SUMMARY =
  /(\d+) records sent, ([\d.]+) records\/sec \(([\d.]+) MB\/sec\), ([\d.]+) ms avg latency, [\d.]+ ms max latency, \d+ ms 50th, \d+ ms 95th, (\d+) ms 99th/;

export function parseProducerPerformance(stdout: string): ProduceResult {
  const m = [...stdout.matchAll(new RegExp(SUMMARY, 'g'))].at(-1);
  if (!m) throw new Error(`no ProducerPerformance summary in:\n${stdout.slice(-2000)}`);
  return {
    records: Number(m[1]),
    recordsPerSec: Number(m[2]),
    mbPerSec: Number(m[3]),
    avgLatencyMs: Number(m[4]),
    p99LatencyMs: Number(m[5]),
  };
}

/** ConsumerPerformance prints a CSV header starting with "start.time" and one data line. */
export function parseConsumerPerformance(stdout: string): ConsumeResult {
  const lines = stdout.split('\n').map((l) => l.trim());
  const h = lines.findIndex((l) => l.startsWith('start.time'));
  if (h < 0 || !lines[h + 1]) throw new Error(`no ConsumerPerformance summary in:\n${stdout.slice(-2000)}`);
  const cols = lines[h].split(/,\s*/);
  const vals = lines[h + 1].split(/,\s*/);
  const get = (c: string) => Number(vals[cols.indexOf(c)]);
  return {
    records: get('data.consumed.in.nMsg'),
    mbPerSec: get('fetch.MB.sec'),
    recordsPerSec: get('fetch.nMsg.sec'),
    rebalanceMs: get('rebalance.time.ms'),
  };
}

/** A transactional run: ProducerPerformance's own transactional mode, committing every `commitEveryMs`. */
export interface TransactionalPerf {
  transactionalId: string;
  commitEveryMs: number;
}

export async function producerPerf(
  bootstrap: string,
  topic: string,
  records: number,
  acks: string,
  txn?: TransactionalPerf,
): Promise<ProduceResult> {
  const r = await runKafkaTool(
    Tools.producerPerf,
    [
      '--topic',
      topic,
      '--num-records',
      String(records),
      '--record-size',
      '1024',
      '--throughput',
      '-1',
      '--producer-props',
      `bootstrap.servers=${bootstrap}`,
      `acks=${acks}`,
      ...(txn
        ? ['--transactional-id', txn.transactionalId, '--transaction-duration-ms', String(txn.commitEveryMs)]
        : []),
    ],
    { jvm: 'full', timeoutMs: 600_000 },
  );
  assertToolOk(r, `ProducerPerformance acks=${acks}${txn ? ' transactional' : ''} on ${bootstrap}`);
  const res = parseProducerPerformance(r.stdout);
  if (res.records !== records) throw new Error(`ProducerPerformance sent ${res.records}, expected ${records}`);
  return res;
}

export async function consumerPerf(
  bootstrap: string,
  topic: string,
  records: number,
  group: string,
): Promise<ConsumeResult> {
  const r = await runKafkaTool(
    Tools.consumerPerf,
    [
      '--bootstrap-server',
      bootstrap,
      '--topic',
      topic,
      '--messages',
      String(records),
      '--group',
      group,
      '--timeout',
      '30000',
    ],
    { jvm: 'full', timeoutMs: 600_000 },
  );
  assertToolOk(r, `ConsumerPerformance on ${bootstrap}`);
  const res = parseConsumerPerformance(r.stdout);
  if (res.records < records) throw new Error(`ConsumerPerformance read ${res.records}, expected ${records}`);
  return res;
}
