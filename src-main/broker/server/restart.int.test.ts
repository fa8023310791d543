/** Restart on the same data dir: topics, configs, data, committed offsets and the cluster id come back. */
import fs from 'node:fs';
import { Kafka, logLevel, ConfigResourceTypes } from 'kafkajs';
import { afterAll, describe, expect, it } from 'vitest';
import { startTestBroker, tempDataDir } from '../testing/test-broker.js';

const dataDir = tempDataDir('samsa-restart-');

afterAll(() => fs.rmSync(dataDir, { recursive: true, force: true }));

describe('broker restart', () => {
  it('keeps topics, configs, records and committed offsets', async () => {
    let broker = await startTestBroker({ dataDir });
    const clusterId = broker.clusterId;
    let kafka = new Kafka({ brokers: [broker.bootstrap], logLevel: logLevel.NOTHING });
    let admin = kafka.admin();
    await admin.connect();
    await admin.createTopics({
      topics: [{ topic: 'kept', numPartitions: 2, configEntries: [{ name: 'retention.ms', value: '123456' }] }],
    });
    const producer = kafka.producer({ idempotent: true });
    await producer.connect();
    await producer.send({
      topic: 'kept',
      messages: Array.from({ length: 40 }, (_, i) => ({ key: `k${i}`, value: `v${i}`, partition: i % 2 })),
    });
    await producer.disconnect();
    await admin.setOffsets({
      groupId: 'kept-group',
      topic: 'kept',
      partitions: [
        { partition: 0, offset: '7' },
        { partition: 1, offset: '9' },
      ],
    });
    await admin.disconnect();
    await broker.stop();

    broker = await startTestBroker({ dataDir });
    try {
      expect(broker.clusterId).toBe(clusterId);
      kafka = new Kafka({ brokers: [broker.bootstrap], logLevel: logLevel.NOTHING });
      admin = kafka.admin();
      await admin.connect();
      expect(await admin.listTopics()).toContain('kept');
      const offsets = await admin.fetchTopicOffsets('kept');
      expect(offsets.map((o) => o.high).sort()).toEqual(['20', '20']);
      const cfg = await admin.describeConfigs({
        resources: [{ type: ConfigResourceTypes.TOPIC, name: 'kept', configNames: ['retention.ms'] }],
        includeSynonyms: false,
      });
      expect(cfg.resources[0].configEntries[0].configValue).toBe('123456');
      const committed = await admin.fetchOffsets({ groupId: 'kept-group', topics: ['kept'] });
      expect(committed[0].partitions.sort((a, b) => a.partition - b.partition).map((p) => p.offset)).toEqual([
        '7',
        '9',
      ]);

      // A consumer of that group resumes from the committed offsets.
      const consumer = kafka.consumer({ groupId: 'kept-group', maxWaitTimeInMs: 100 });
      const got: string[] = [];
      await consumer.connect();
      await consumer.subscribe({ topic: 'kept' });
      await consumer.run({ eachMessage: async ({ message }) => void got.push(message.value!.toString()) });
      const expected = 40 - 7 - 9;
      const end = Date.now() + 20_000;
      while (got.length < expected && Date.now() < end) await new Promise((r) => setTimeout(r, 50));
      await consumer.disconnect();
      expect(got).toHaveLength(expected);
      expect(got).not.toContain('v0');
      await admin.disconnect();
    } finally {
      await broker.stop();
    }
  });
});
