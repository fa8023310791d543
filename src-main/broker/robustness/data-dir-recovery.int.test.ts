/**
 * What the sandbox finds on disk never stops it or brings back the past: a 249-character topic is
 * deleted and re-created empty, a folder an earlier topic left is not reused, and unreadable
 * topics.json or meta.json files are moved aside with a clear log line while every record stays.
 */
import fs from 'node:fs';
import path from 'node:path';
import { Kafka, logLevel } from 'kafkajs';
import { afterEach, describe, expect, it } from 'vitest';
import { startTestBroker, tempDataDir, type TestBroker } from '../testing/test-broker.js';

let broker: TestBroker | undefined;
let dataDir: string;
afterEach(async () => {
  await broker?.dispose();
  broker = undefined;
  if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
});

async function withKafka<T>(b: TestBroker, fn: (kafka: Kafka) => Promise<T>): Promise<T> {
  return fn(new Kafka({ clientId: 'recovery-test', brokers: [b.bootstrap], logLevel: logLevel.NOTHING }));
}

async function createAndFill(b: TestBroker, topic: string, partitions: number, records: number): Promise<void> {
  await withKafka(b, async (kafka) => {
    const admin = kafka.admin();
    await admin.connect();
    await admin.createTopics({ topics: [{ topic, numPartitions: partitions }], waitForLeaders: true });
    await admin.disconnect();
    const producer = kafka.producer();
    await producer.connect();
    await producer.send({
      topic,
      messages: Array.from({ length: records }, (_, i) => ({ partition: i % partitions, value: `v${i}` })),
    });
    await producer.disconnect();
  });
}

async function recordCount(b: TestBroker, topic: string): Promise<number> {
  return withKafka(b, async (kafka) => {
    const admin = kafka.admin();
    await admin.connect();
    try {
      const offsets = await admin.fetchTopicOffsets(topic);
      return offsets.reduce((n, o) => n + Number(o.high) - Number(o.low), 0);
    } finally {
      await admin.disconnect();
    }
  });
}

async function topicNames(b: TestBroker): Promise<string[]> {
  return withKafka(b, async (kafka) => {
    const admin = kafka.admin();
    await admin.connect();
    try {
      return (await admin.listTopics()).sort();
    } finally {
      await admin.disconnect();
    }
  });
}

async function restart(): Promise<TestBroker> {
  await broker!.stop();
  broker = await startTestBroker({ dataDir });
  return broker;
}

describe('the sandbox broker recovers what it finds in its data folder', () => {
  it('deletes a topic with a 249-character name and re-creates it empty', async () => {
    dataDir = tempDataDir();
    broker = await startTestBroker({ dataDir });
    const long = 'x'.repeat(249);
    await createAndFill(broker, long, 2, 10);
    expect(await recordCount(broker, long)).toBe(10);
    await withKafka(broker, async (kafka) => {
      const admin = kafka.admin();
      await admin.connect();
      await admin.deleteTopics({ topics: [long] });
      await admin.createTopics({ topics: [{ topic: long, numPartitions: 2 }], waitForLeaders: true });
      await admin.disconnect();
    });
    expect(await recordCount(broker, long)).toBe(0);
    expect(fs.readdirSync(path.join(dataDir, 'logs')).filter((n) => n.endsWith('.deleted'))).toEqual([]);
  });

  it('never brings back records from a folder an earlier topic of the same name left', async () => {
    dataDir = tempDataDir();
    broker = await startTestBroker({ dataDir });
    await createAndFill(broker, 'kept', 1, 5);
    await broker.stop();
    // As if a delete had been persisted but the crash came before its folders were gone.
    fs.cpSync(path.join(dataDir, 'logs', 'kept-0'), path.join(dataDir, 'logs', 'ghost-0'), { recursive: true });
    broker = await startTestBroker({ dataDir });
    expect(await topicNames(broker)).toEqual(['kept']);
    await createAndFill(broker, 'ghost', 1, 1);
    expect(await recordCount(broker, 'ghost')).toBe(1);
    expect(await recordCount(broker, 'kept')).toBe(5);
  });

  it('moves an unreadable topics.json aside and rebuilds the topics from their folders', async () => {
    dataDir = tempDataDir();
    broker = await startTestBroker({ dataDir });
    await createAndFill(broker, 'orders', 3, 30);
    await createAndFill(broker, 'audit-log-2', 1, 4);
    await broker.stop();
    fs.writeFileSync(path.join(dataDir, 'topics.json'), '{"version":1,"topics":[{"name":');
    broker = await startTestBroker({ dataDir });
    expect(broker.logs.some((l) => /topics\.json could not be read .*moved to topics\.json\.corrupt-/.test(l))).toBe(
      true,
    );
    expect(fs.readdirSync(dataDir).some((n) => n.startsWith('topics.json.corrupt-'))).toBe(true);
    expect(await topicNames(broker)).toEqual(['audit-log-2', 'orders']);
    expect(await recordCount(broker, 'orders')).toBe(30);
    expect(await recordCount(broker, 'audit-log-2')).toBe(4);
    // The rebuilt list is saved: the next start reads it without complaint.
    const again = await restart();
    expect(again.logs.some((l) => l.includes('could not be read'))).toBe(false);
    expect(await topicNames(again)).toEqual(['audit-log-2', 'orders']);
  });

  it('moves an unreadable meta.json aside and starts with a new cluster id, keeping every topic', async () => {
    dataDir = tempDataDir();
    broker = await startTestBroker({ dataDir });
    const before = broker.clusterId;
    await createAndFill(broker, 'events', 1, 3);
    await broker.stop();
    fs.writeFileSync(path.join(dataDir, 'meta.json'), '\u0000\u0000garbage');
    broker = await startTestBroker({ dataDir });
    expect(broker.logs.some((l) => /meta\.json could not be read .*moved to meta\.json\.corrupt-/.test(l))).toBe(true);
    expect(broker.clusterId).not.toBe(before);
    expect(await recordCount(broker, 'events')).toBe(3);
    // Idempotent producers still get ids (far above any the lost counter handed out).
    await withKafka(broker, async (kafka) => {
      const producer = kafka.producer({ idempotent: true });
      await producer.connect();
      await producer.send({ topic: 'events', messages: [{ value: 'after' }] });
      await producer.disconnect();
    });
    expect(await recordCount(broker, 'events')).toBe(4);
  });
});
