/**
 * Compatibility with Apache Kafka's own Java tools (kafka-tools 4.1.1, unmodified) against the
 * sandbox broker. The Java client is the strictest client users will point at the sandbox: it
 * negotiates flexible versions, enables idempotence by default and always uses the classic group
 * protocol in these tools, so each test checks what a user would rely on (counts, keys, lag).
 */
import { spawnSync } from 'node:child_process';
import { Kafka, logLevel } from 'kafkajs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  assertToolOk,
  jsonLines,
  runKafkaTool,
  Tools,
  type KafkaToolOptions,
} from '../../../test-support/kafka/kafka-tools.js';
import { startTestBroker, type TestBroker } from '../testing/test-broker.js';

// Java 17+ is needed for the tools; the jars are fetched with Maven on first use.
const hasJava = spawnSync('java', ['-version']).status === 0;

let broker: TestBroker;
let kafka: Kafka;

const tool = async (what: string, cls: string, args: string[], opts: KafkaToolOptions = {}) => {
  const r = await runKafkaTool(cls, args, { timeoutMs: 45_000, ...opts });
  assertToolOk(r, what);
  return r;
};
const bs = () => ['--bootstrap-server', broker.bootstrap];

/** Rows of a whitespace-separated table printed by a Kafka tool, keyed by its header line. */
function table(stdout: string, firstHeader: string): Array<Record<string, string>> {
  const lines = stdout
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean);
  const h = lines.findIndex((l) => l.startsWith(firstHeader));
  if (h < 0) return [];
  const cols = lines[h].split(/\s+/);
  return lines
    .slice(h + 1)
    .filter((l) => !l.startsWith(firstHeader))
    .map((l) => {
      const cells = l.split(/\s+/);
      return Object.fromEntries(cols.map((c, i) => [c, cells[i] ?? '']));
    });
}

async function endOffsets(topic: string): Promise<Map<number, number>> {
  const admin = kafka.admin();
  await admin.connect();
  try {
    const offs = await admin.fetchTopicOffsets(topic);
    return new Map(offs.map((o) => [o.partition, Number(o.high)]));
  } finally {
    await admin.disconnect();
  }
}

describe.skipIf(!hasJava)('Apache Kafka 4.1 Java tools against the sandbox', () => {
  beforeAll(async () => {
    broker = await startTestBroker();
    kafka = new Kafka({ clientId: 'java-tools-test', brokers: [broker.bootstrap], logLevel: logLevel.NOTHING });
  });
  afterAll(async () => {
    await broker?.dispose();
  });

  it('kafka-topics creates, describes and lists a 3-partition topic', async () => {
    await tool('topics --create', Tools.topics, [
      ...bs(),
      '--create',
      '--topic',
      'jt-topics',
      '--partitions',
      '3',
      '--replication-factor',
      '1',
    ]);

    const d = await tool('topics --describe', Tools.topics, [...bs(), '--describe', '--topic', 'jt-topics']);
    expect(d.stdout).toMatch(/PartitionCount:\s*3\s+ReplicationFactor:\s*1/);
    const parts = [
      ...d.stdout.matchAll(/Partition:\s*(\d+)\s+Leader:\s*(\S+)\s+Replicas:\s*(\S+)\s+Isr:\s*(\S+)/g),
    ].map((m) => m.slice(1));
    expect(parts).toEqual([
      ['0', '1', '1', '1'],
      ['1', '1', '1', '1'],
      ['2', '1', '1', '1'],
    ]);

    const l = await tool('topics --list', Tools.topics, [...bs(), '--list']);
    expect(l.stdout.split('\n').map((s) => s.trim())).toContain('jt-topics');
  });

  describe('console producer → console consumer group g1 → kafka-consumer-groups', () => {
    const topic = 'jt-console';
    const first = Array.from({ length: 60 }, (_, i) => [`user-${i % 7}`, `event ${i} ${'x'.repeat(i % 13)}`] as const);
    let consumedEnds: Map<number, number>;

    beforeAll(async () => {
      const admin = kafka.admin();
      await admin.connect();
      await admin.createTopics({ topics: [{ topic, numPartitions: 3 }] });
      await admin.disconnect();
    });

    it('console producer sends keyed lines and console consumer reads them all with keys', async () => {
      await tool(
        'console producer',
        Tools.consoleProducer,
        [...bs(), '--topic', topic, '--property', 'parse.key=true', '--property', 'key.separator=:'],
        {
          input: first.map(([k, v]) => `${k}:${v}`).join('\n') + '\n',
        },
      );
      consumedEnds = await endOffsets(topic);
      expect([...consumedEnds.values()].reduce((a, b) => a + b, 0)).toBe(first.length);
      // Keys hash to partitions: with 7 keys over 3 partitions more than one must be used.
      expect([...consumedEnds.values()].filter((n) => n > 0).length).toBeGreaterThan(1);

      const c = await tool('console consumer', Tools.consoleConsumer, [
        ...bs(),
        '--topic',
        topic,
        '--group',
        'g1',
        '--from-beginning',
        '--max-messages',
        String(first.length),
        '--property',
        'print.key=true',
        '--property',
        'key.separator=|',
        '--timeout-ms',
        '30000',
      ]);
      const got = c.stdout.split('\n').filter(Boolean);
      expect(got.sort()).toEqual(first.map(([k, v]) => `${k}|${v}`).sort());
      // Per key, order must be preserved (one key = one partition).
      for (let k = 0; k < 7; k++) {
        const key = `user-${k}|`;
        const inOrder = c.stdout.split('\n').filter((l) => l.startsWith(key));
        expect(inOrder).toEqual(first.filter(([kk]) => `${kk}|` === key).map(([kk, v]) => `${kk}|${v}`));
      }
    });

    it('kafka-consumer-groups lists g1 and describes offsets and lag per partition', async () => {
      // More records after the consumer stopped: 5 on p0, none on p1, 8 on p2.
      const extra = { 0: 5, 1: 0, 2: 8 } as Record<number, number>;
      const producer = kafka.producer();
      await producer.connect();
      for (const [p, n] of Object.entries(extra)) {
        if (n === 0) continue;
        await producer.send({
          topic,
          messages: Array.from({ length: n }, (_, i) => ({ partition: Number(p), value: `late ${i}` })),
        });
      }
      await producer.disconnect();

      const list = await tool('consumer-groups --list', Tools.consumerGroups, [...bs(), '--list']);
      expect(list.stdout.split('\n').map((s) => s.trim())).toContain('g1');

      const d = await tool('consumer-groups --describe', Tools.consumerGroups, [
        ...bs(),
        '--describe',
        '--group',
        'g1',
      ]);
      const rows = table(d.stdout, 'GROUP').filter((r) => r.TOPIC === topic);
      expect(rows.map((r) => Number(r.PARTITION)).sort()).toEqual([0, 1, 2]);
      for (const r of rows) {
        const p = Number(r.PARTITION);
        const committed = consumedEnds.get(p)!;
        expect({ p, current: r['CURRENT-OFFSET'], end: r['LOG-END-OFFSET'], lag: r.LAG }).toEqual({
          p,
          current: String(committed),
          end: String(committed + extra[p]),
          lag: String(extra[p]),
        });
      }
    });
  });

  it('ProducerPerformance sends 20000 × 1 KB records with acks=all', async () => {
    const r = await tool(
      'ProducerPerformance',
      Tools.producerPerf,
      [
        '--topic',
        'jt-perf',
        '--num-records',
        '20000',
        '--record-size',
        '1024',
        '--throughput',
        '-1',
        '--producer-props',
        `bootstrap.servers=${broker.bootstrap}`,
        'acks=all',
      ],
      { timeoutMs: 60_000 },
    );
    expect(r.stdout).toMatch(/\b20000 records sent\b/);
    const ends = await endOffsets('jt-perf');
    expect([...ends.values()].reduce((a, b) => a + b, 0)).toBe(20000);
  });

  it('VerifiableProducer acks=-1 then VerifiableConsumer in a group: nothing lost', async () => {
    const topic = 'jt-verifiable';
    const admin = kafka.admin();
    await admin.connect();
    await admin.createTopics({ topics: [{ topic, numPartitions: 3 }] });
    await admin.disconnect();

    const p = await tool('VerifiableProducer', Tools.verifiableProducer, [
      ...bs(),
      '--topic',
      topic,
      '--max-messages',
      '5000',
      '--acks',
      '-1',
    ]);
    const pev = jsonLines(p.stdout);
    const acked = pev.filter((e) => e.name === 'producer_send_success');
    expect(pev.filter((e) => e.name === 'producer_send_error')).toEqual([]);
    expect(acked.length).toBe(5000);
    expect(new Set(acked.map((e) => e.value)).size).toBe(5000);
    // Acked offsets per partition must be exactly 0..n-1: no gaps, no duplicates.
    const ackedPer = new Map<number, number[]>();
    for (const e of acked)
      ackedPer.set(e.partition as number, [...(ackedPer.get(e.partition as number) ?? []), e.offset as number]);
    for (const offs of ackedPer.values()) expect(offs.sort((a, b) => a - b)).toEqual(offs.map((_, i) => i));

    const c = await tool('VerifiableConsumer', Tools.verifiableConsumer, [
      ...bs(),
      '--topic',
      topic,
      '--group-id',
      'jt-verifiable-group',
      '--max-messages',
      '5000',
      '--reset-policy',
      'earliest',
    ]);
    const cev = jsonLines(c.stdout);
    const consumed = cev.filter((e) => e.name === 'records_consumed');
    const total = consumed.reduce((n, e) => n + (e.count as number), 0);
    expect(total).toBe(5000);
    // Every partition read from offset 0 up to its last acked offset.
    const ranges = new Map<number, { min: number; max: number; count: number }>();
    for (const e of consumed) {
      for (const part of e.partitions as Array<{
        partition: number;
        count: number;
        minOffset: number;
        maxOffset: number;
      }>) {
        const r = ranges.get(part.partition) ?? { min: Infinity, max: -1, count: 0 };
        ranges.set(part.partition, {
          min: Math.min(r.min, part.minOffset),
          max: Math.max(r.max, part.maxOffset),
          count: r.count + part.count,
        });
      }
    }
    for (const [partition, offs] of ackedPer) {
      expect({ partition, ...ranges.get(partition) }).toEqual({
        partition,
        min: 0,
        max: offs.length - 1,
        count: offs.length,
      });
    }
    expect(cev.some((e) => e.name === 'partitions_assigned')).toBe(true);
    const commits = cev.filter((e) => e.name === 'offsets_committed');
    expect(commits.length).toBeGreaterThan(0);
    expect(commits.every((e) => e.success === true)).toBe(true);
  });
});
