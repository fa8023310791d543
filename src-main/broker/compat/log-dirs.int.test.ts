/**
 * DescribeLogDirs on the sandbox: the raw answer at every served version, and Apache Kafka's own
 * kafka-log-dirs tool (LogDirsCommand, 4.1.1) reading it.
 */
import { spawnSync } from 'node:child_process';
import { Kafka, logLevel } from 'kafkajs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiKey } from '../../kafka-protocol/index.js';
import { assertToolOk, runKafkaTool } from '../../../test-support/kafka/kafka-tools.js';
import { startTestBroker, type TestBroker } from '../testing/test-broker.js';
import { WireClient } from '../testing/wire-client.js';

const hasJava = spawnSync('java', ['-version']).status === 0;
const topic = 'log-dirs-sizes';

let broker: TestBroker;
let client: WireClient;

beforeAll(async () => {
  broker = await startTestBroker();
  const kafka = new Kafka({ clientId: 'log-dirs-test', brokers: [broker.bootstrap], logLevel: logLevel.NOTHING });
  const admin = kafka.admin();
  await admin.connect();
  await admin.createTopics({
    topics: [
      { topic, numPartitions: 3 },
      { topic: 'log-dirs-other', numPartitions: 1 },
    ],
  });
  await admin.disconnect();
  const producer = kafka.producer();
  await producer.connect();
  await producer.send({
    topic,
    messages: Array.from({ length: 50 }, (_, i) => ({ partition: 1, value: `value ${i}` })),
  });
  await producer.disconnect();
  client = await WireClient.connect(broker.host, broker.port);
});
afterAll(async () => {
  client?.socket.destroy();
  await broker?.dispose();
});

describe('DescribeLogDirs on the sandbox', () => {
  it.each([1, 2, 3, 4])('v%i reports one log dir with the size of each asked partition', async (v) => {
    const res = await client.request(ApiKey.DescribeLogDirs, v, {
      topics: [
        { topic, partitions: [0, 1, 7] },
        { topic: 'no-such-topic', partitions: [0] },
      ],
    });
    expect(res.results).toHaveLength(1);
    const dir = res.results[0]!;
    expect(dir.errorCode).toBe(0);
    expect(dir.logDir).toMatch(/logs$/);
    // Unknown topics and partitions are left out, as Kafka does.
    expect(dir.topics.map((t) => t.name)).toEqual([topic]);
    const sizes = new Map(dir.topics[0]!.partitions.map((p) => [p.partitionIndex, p.partitionSize]));
    expect([...sizes.keys()]).toEqual([0, 1]);
    expect(sizes.get(0)).toBe(0n);
    expect(sizes.get(1)).toBeGreaterThan(50n * 7n);
    if (v >= 4) {
      expect(dir.totalBytes).toBeGreaterThan(0n);
      expect(dir.usableBytes).toBeGreaterThan(0n);
      expect(dir.usableBytes).toBeLessThanOrEqual(dir.totalBytes);
    } else expect(dir.totalBytes).toBe(-1n);
  });

  it('null topics describes every partition of every topic', async () => {
    const res = await client.request(ApiKey.DescribeLogDirs, 4, { topics: null });
    const topics = res.results[0]!.topics.map((t) => [t.name, t.partitions.length]).sort();
    expect(topics).toEqual([
      ['log-dirs-other', 1],
      [topic, 3],
    ]);
  });

  it.skipIf(!hasJava)("Kafka's kafka-log-dirs tool describes the sandbox's log dir", async () => {
    const r = await runKafkaTool(
      'org.apache.kafka.tools.LogDirsCommand',
      ['--bootstrap-server', broker.bootstrap, '--describe', '--topic-list', topic],
      { timeoutMs: 60_000 },
    );
    assertToolOk(r, 'kafka-log-dirs --describe');
    const json = r.stdout.split('\n').find((l) => l.trim().startsWith('{'));
    const parsed = JSON.parse(json!) as {
      brokers: {
        broker: number;
        logDirs: { logDir: string; error: string | null; partitions: { partition: string; size: number }[] }[];
      }[];
    };
    expect(parsed.brokers.map((b) => b.broker)).toEqual([1]);
    const dir = parsed.brokers[0]!.logDirs[0]!;
    expect(dir.error).toBeNull();
    const sizes = Object.fromEntries(dir.partitions.map((p) => [p.partition, p.size]));
    expect(Object.keys(sizes).sort()).toEqual([`${topic}-0`, `${topic}-1`, `${topic}-2`]);
    expect(sizes[`${topic}-1`]).toBeGreaterThan(350);
  });
});
