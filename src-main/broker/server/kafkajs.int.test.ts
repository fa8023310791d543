/** End-to-end with kafkajs 2.2.4: admin APIs, an idempotent producer, a two-member consumer group. */
import { Kafka, logLevel, type Admin } from 'kafkajs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestBroker, type TestBroker } from '../testing/test-broker.js';

let broker: TestBroker;
let kafka: Kafka;
let admin: Admin;

beforeAll(async () => {
  broker = await startTestBroker();
  kafka = new Kafka({
    clientId: 'int-test',
    brokers: [broker.bootstrap],
    logLevel: logLevel.NOTHING,
    retry: { retries: 3 },
  });
  admin = kafka.admin();
  await admin.connect();
});

afterAll(async () => {
  await admin?.disconnect();
  await broker?.dispose();
});

describe('kafkajs admin', () => {
  it('creates, lists and describes topics', async () => {
    expect(
      await admin.createTopics({
        topics: [{ topic: 'orders', numPartitions: 3, configEntries: [{ name: 'retention.ms', value: '3600000' }] }],
      }),
    ).toBe(true);
    expect(await admin.createTopics({ topics: [{ topic: 'orders', numPartitions: 3 }] })).toBe(false);
    expect(await admin.listTopics()).toContain('orders');
    const meta = await admin.fetchTopicMetadata({ topics: ['orders'] });
    expect(meta.topics[0].partitions.map((p) => p.partitionId).sort()).toEqual([0, 1, 2]);
    expect(meta.topics[0].partitions[0]).toMatchObject({ leader: 1, replicas: [1], isr: [1] });
    const cluster = await admin.describeCluster();
    expect(cluster.brokers).toEqual([{ nodeId: 1, host: broker.host, port: broker.port }]);
    expect(cluster.clusterId).toBe(broker.clusterId);
    expect(broker.clusterId).toMatch(/^[A-Za-z0-9_-]{22}$/);
  });

  it('rejects bad topic requests with Kafka error types', async () => {
    const failure = async (topic: Parameters<Admin['createTopics']>[0]['topics'][number]) => {
      try {
        await admin.createTopics({ topics: [topic] });
      } catch (e) {
        return (e as { errors: Array<{ type: string; message: string }> }).errors[0];
      }
      throw new Error('createTopics succeeded');
    };
    expect((await failure({ topic: 'bad name!' })).type).toBe('INVALID_TOPIC_EXCEPTION');
    expect((await failure({ topic: 'rf3', replicationFactor: 3 })).type).toBe('INVALID_REPLICATION_FACTOR');
    expect(await failure({ topic: 'badcfg', configEntries: [{ name: 'retention.ms', value: 'soon' }] })).toMatchObject({
      type: 'INVALID_CONFIG',
    });
    expect((await failure({ topic: 'badcfg', configEntries: [{ name: 'no.such.config', value: '1' }] })).type).toBe(
      'INVALID_CONFIG',
    );
  });

  it('describes and alters topic configs', async () => {
    const { ConfigResourceTypes } = await import('kafkajs');
    const describe = async () =>
      (
        await admin.describeConfigs({
          resources: [{ type: ConfigResourceTypes.TOPIC, name: 'orders' }],
          includeSynonyms: true,
        })
      ).resources[0].configEntries;
    let entries = await describe();
    const byName = (n: string) => entries.find((e) => e.configName === n)!;
    expect(byName('retention.ms')).toMatchObject({ configValue: '3600000', isDefault: false });
    expect(byName('cleanup.policy')).toMatchObject({ configValue: 'delete', isDefault: true });
    expect(byName('max.message.bytes').configValue).toBe('1048588');
    await admin.alterConfigs({
      validateOnly: false,
      resources: [
        {
          type: ConfigResourceTypes.TOPIC,
          name: 'orders',
          configEntries: [{ name: 'cleanup.policy', value: 'compact' }],
        },
      ],
    });
    entries = await describe();
    expect(byName('cleanup.policy').configValue).toBe('compact');
    // AlterConfigs replaces the whole set: the retention override is gone.
    expect(byName('retention.ms')).toMatchObject({ configValue: '604800000', isDefault: true });
    const brokerCfg = await admin.describeConfigs({
      resources: [{ type: ConfigResourceTypes.BROKER, name: '1' }],
      includeSynonyms: false,
    });
    expect(brokerCfg.resources[0].configEntries.find((e) => e.configName === 'num.partitions')?.configValue).toBe('1');
  });

  it('adds partitions and deletes records', async () => {
    await admin.createPartitions({ topicPartitions: [{ topic: 'orders', count: 4 }] });
    const meta = await admin.fetchTopicMetadata({ topics: ['orders'] });
    expect(meta.topics[0].partitions).toHaveLength(4);
    const producer = kafka.producer();
    await producer.connect();
    await producer.send({
      topic: 'orders',
      messages: Array.from({ length: 10 }, (_, i) => ({ key: `k${i}`, value: `v${i}`, partition: 3 })),
    });
    await producer.disconnect();
    let offsets = await admin.fetchTopicOffsets('orders');
    expect(offsets.find((o) => o.partition === 3)).toMatchObject({ low: '0', high: '10', offset: '10' });
    await admin.deleteTopicRecords({ topic: 'orders', partitions: [{ partition: 3, offset: '4' }] });
    offsets = await admin.fetchTopicOffsets('orders');
    expect(offsets.find((o) => o.partition === 3)).toMatchObject({ low: '4', high: '10' });
  });

  it('deletes topics', async () => {
    await admin.createTopics({ topics: [{ topic: 'doomed' }] });
    await admin.deleteTopics({ topics: ['doomed'] });
    expect(await admin.listTopics()).not.toContain('doomed');
  });
});

describe('kafkajs produce and consume', () => {
  const topic = 'events';
  const total = 300;

  it('an idempotent producer writes keyed messages', async () => {
    await admin.createTopics({ topics: [{ topic, numPartitions: 4 }] });
    const producer = kafka.producer({ idempotent: true, maxInFlightRequests: 1 });
    await producer.connect();
    for (let b = 0; b < 3; b++) {
      await producer.send({
        topic,
        messages: Array.from({ length: total / 3 }, (_, i) => ({
          key: `key-${(b * 100 + i) % 17}`,
          value: `m-${b * 100 + i}`,
        })),
      });
    }
    await producer.disconnect();
    const offsets = await admin.fetchTopicOffsets(topic);
    expect(offsets.reduce((s, o) => s + Number(o.high), 0)).toBe(total);
  });

  it('two consumers in a group share the partitions, rebalance, and resume from commits', async () => {
    const seen = new Map<string, number>();
    const groupId = 'g-events';
    const makeConsumer = async (name: string, onMessage: (v: string) => void) => {
      const c = kafka.consumer({ groupId, sessionTimeout: 10_000, heartbeatInterval: 500, maxWaitTimeInMs: 200 });
      await c.connect();
      await c.subscribe({ topic, fromBeginning: true });
      const assigned: number[][] = [];
      c.on(c.events.GROUP_JOIN, (e) => assigned.push(e.payload.memberAssignment[topic] ?? []));
      await c.run({ eachMessage: async ({ message }) => onMessage(`${name}:${message.value!.toString()}`) });
      return { c, assigned };
    };
    const record = (s: string) => {
      const v = s.slice(s.indexOf(':') + 1);
      seen.set(v, (seen.get(v) ?? 0) + 1);
    };
    const a = await makeConsumer('a', record);
    const b = await makeConsumer('b', record);
    await waitFor(() => seen.size === total, 30_000);
    // Both members ended up with a share of the 4 partitions.
    await waitFor(
      () =>
        a.assigned.length > 0 && b.assigned.length > 0 && a.assigned.at(-1)!.length + b.assigned.at(-1)!.length === 4,
      20_000,
    );
    expect(a.assigned.at(-1)!.length).toBeGreaterThan(0);
    expect(b.assigned.at(-1)!.length).toBeGreaterThan(0);
    expect(a.assigned.length).toBeGreaterThanOrEqual(2); // a rebalanced when b joined
    expect([...seen.values()].every((n) => n === 1)).toBe(true);
    await a.c.stop();
    await b.c.stop();
    await a.c.disconnect();
    await b.c.disconnect();

    const committed = await admin.fetchOffsets({ groupId, topics: [topic] });
    expect(committed[0].partitions.reduce((s, p) => s + Number(p.offset), 0)).toBe(total);
    const groups = await admin.listGroups();
    expect(groups.groups.map((g) => g.groupId)).toContain(groupId);
    const described = await admin.describeGroups([groupId]);
    expect(described.groups[0]).toMatchObject({ groupId, state: 'Empty' });

    // New messages, then a restarted consumer reads only those.
    const producer = kafka.producer();
    await producer.connect();
    await producer.send({
      topic,
      messages: [
        { key: 'x', value: 'after-restart-1' },
        { key: 'y', value: 'after-restart-2' },
      ],
    });
    await producer.disconnect();
    const again: string[] = [];
    const c = await makeConsumer('c', (s) => again.push(s.slice(2)));
    await waitFor(() => again.length >= 2, 20_000);
    await new Promise((r) => setTimeout(r, 300));
    expect(again.sort()).toEqual(['after-restart-1', 'after-restart-2']);
    await c.c.disconnect();
  });
});

describe('kafkajs transactions', () => {
  it('a transactional producer fails fast with a clear error instead of hanging', async () => {
    const p = kafka.producer({
      transactionalId: 'tx-1',
      maxInFlightRequests: 1,
      idempotent: true,
      retry: { retries: 2 },
    });
    const t0 = Date.now();
    let error: Error | undefined;
    try {
      await p.connect();
      const tx = await p.transaction();
      await tx.send({ topic: 'tx-topic', messages: [{ value: 'x' }] });
      await tx.commit();
    } catch (e) {
      error = e as Error;
    }
    await p.disconnect();
    // kafkajs wraps the broker's TRANSACTIONAL_ID_AUTHORIZATION_FAILED in its coordinator lookup error.
    const chain =
      JSON.stringify(error, Object.getOwnPropertyNames(error ?? {})) +
      String((error as { cause?: Error })?.cause?.message ?? '');
    expect(error?.message ?? '', chain).toMatch(/coordinator|transactional/i);
    expect(Date.now() - t0).toBeLessThan(10_000);
  });
});

async function waitFor(cond: () => boolean, timeoutMs: number): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!cond()) {
    if (Date.now() > end) throw new Error('timed out waiting for condition');
    await new Promise((r) => setTimeout(r, 50));
  }
}
