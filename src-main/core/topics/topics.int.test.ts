import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runKafkaTool } from '../../../test-support/kafka/kafka-tools.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appError, startHarness, uniqueTopic, type Harness } from '../testing/harness.js';

let h: Harness;
let clusterId: string;
beforeAll(async () => {
  h = await startHarness();
  clusterId = await h.connect();
});
afterAll(async () => {
  await h?.close();
});

describe('cluster and topics on a real Kafka', () => {
  it('overview: cluster id, controller, brokers with rack, counts', async () => {
    const topic = uniqueTopic('overview');
    await h.createTopic(topic, 4);
    const o = await h.core['cluster.overview']({ clusterId });
    expect(o.clusterId).toMatch(/^[\w-]{22}$/);
    expect(o.controllerId).toBe(1);
    expect(o.brokers).toEqual([{ nodeId: 1, host: 'localhost', port: Number(h.bootstrap.split(':')[1]), rack: null }]);
    expect(o.topicCount).toBeGreaterThanOrEqual(1);
    expect(o.partitionCount).toBeGreaterThanOrEqual(4);
    expect(o.internalTopicCount).toBeGreaterThanOrEqual(0);
  });

  it('a topic created elsewhere appears in the list and in detail with partitions and watermarks', async () => {
    const topic = uniqueTopic('detail');
    await h.createTopic(topic, 3);
    const list = await h.core['topics.list']({ clusterId });
    expect(list.find((t) => t.name === topic)).toEqual({
      name: topic,
      partitionCount: 3,
      replicationFactor: 1,
      internal: false,
      underReplicatedPartitions: 0,
      offlinePartitions: 0,
    });

    for (let i = 0; i < 5; i++) {
      await h.core['produce.send']({
        clusterId,
        topic,
        partition: 1,
        key: null,
        value: `v${i}`,
        valueFormat: 'text',
        headers: [],
      });
    }
    const d = await h.core['topics.get']({ clusterId, topic });
    expect(d.name).toBe(topic);
    expect(d.internal).toBe(false);
    expect(d.messageCount).toBe('5');
    expect(d.partitions).toEqual([
      { partition: 0, leader: 1, replicas: [1], isr: [1], offlineReplicas: [], lowWatermark: '0', highWatermark: '0' },
      { partition: 1, leader: 1, replicas: [1], isr: [1], offlineReplicas: [], lowWatermark: '0', highWatermark: '5' },
      { partition: 2, leader: 1, replicas: [1], isr: [1], offlineReplicas: [], lowWatermark: '0', highWatermark: '0' },
    ]);
  });

  it('low watermark follows deleted records', async () => {
    const topic = uniqueTopic('low');
    await h.createTopic(topic, 1);
    for (let i = 0; i < 4; i++) {
      await h.core['produce.send']({
        clusterId,
        topic,
        partition: 0,
        key: null,
        value: `v${i}`,
        valueFormat: 'text',
        headers: [],
      });
    }
    // kafkajs's deleteTopicRecords fails against Kafka 4 (BrokerNotFound), so use Kafka's own tool.
    const dir = await mkdtemp(join(tmpdir(), 'samsa-delete-records-'));
    const file = join(dir, 'offsets.json');
    await writeFile(file, JSON.stringify({ version: 1, partitions: [{ topic, partition: 0, offset: 3 }] }));
    const r = await runKafkaTool('org.apache.kafka.tools.DeleteRecordsCommand', [
      '--bootstrap-server',
      h.bootstrap,
      '--offset-json-file',
      file,
    ]);
    await rm(dir, { recursive: true, force: true });
    expect(r.code, r.stderr).toBe(0);
    const d = await h.core['topics.get']({ clusterId, topic });
    expect(d.partitions[0]).toMatchObject({ lowWatermark: '3', highWatermark: '4' });
    expect(d.messageCount).toBe('1');
  });

  it('internal topics are flagged', async () => {
    // Creating any consumer group makes Kafka create __consumer_offsets; do it with a plain kafkajs client.
    const offsets = (await h.admin.listTopics()).includes('__consumer_offsets');
    const list = await h.core['topics.list']({ clusterId });
    if (offsets) expect(list.find((t) => t.name === '__consumer_offsets')?.internal).toBe(true);
    expect(list.filter((t) => !t.name.startsWith('__')).every((t) => !t.internal)).toBe(true);
  });

  it('an unknown topic is NOT_FOUND and is not created', async () => {
    const topic = uniqueTopic('missing');
    const err = await appError(() => h.core['topics.get']({ clusterId, topic }));
    expect(err.code).toBe('NOT_FOUND');
    expect(err.message).toBe(`Topic "${topic}" does not exist.`);
    expect(await h.admin.listTopics()).not.toContain(topic);
  });
});
