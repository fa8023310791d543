import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { assertToolOk, runKafkaTool } from '../../../test-support/kafka/kafka-tools.js';
import { methods, type MethodName, type ParamsOf, type ResultOf } from '../../contract/methods.js';
import { cliDescribeConfigs } from '../testing/kafka-cli.js';
import { freePort } from '../../../test-support/kafka/kafka-fixture.js';
import { appError, BROKER_KINDS, startHarness, uniqueTopic, type Harness } from '../testing/harness.js';

/** Topic configs Apache Kafka 4.1 describes, by name (checked against the sandbox below). */
const kafkaTopicConfigs: string[] = [];

// Brokers, log dirs, sizes, partition health and broker configs against Kafka 4.1 and the sandbox.
describe.each(BROKER_KINDS)('cluster administration on %s', (kind) => {
  let h: Harness;
  let clusterId: string;
  beforeAll(async () => {
    h = await startHarness({ broker: kind });
    clusterId = await h.connect();
  });
  afterAll(async () => {
    await h?.close();
  });

  async function call<M extends MethodName>(name: M, params: ParamsOf<M>): Promise<ResultOf<M>> {
    return (h.core[name] as (p: unknown) => Promise<ResultOf<M>>)(methods[name].params.parse(params));
  }

  it('describes brokers: controller, partitions led, log directories with size and free space', async () => {
    const topic = uniqueTopic('brokers');
    await h.createTopic(topic, 4);
    for (let i = 0; i < 20; i++) await call('produce.send', { clusterId, topic, partition: 2, value: `v${i}` });
    const r = await call('cluster.brokers', { clusterId });
    expect(r.logDirsUnavailable).toBeNull();
    expect(r.brokers).toHaveLength(1);
    const b = r.brokers[0]!;
    expect(b).toMatchObject({ nodeId: 1, isController: true, outOfSyncReplicas: 0 });
    expect(b.leaderPartitions).toBeGreaterThanOrEqual(4);
    expect(b.replicaPartitions).toBe(b.leaderPartitions);
    expect(b.logDirs).toHaveLength(1);
    expect(b.logDirs![0]).toMatchObject({ error: null });
    expect(b.logDirs![0]!.sizeBytes).toBeGreaterThan(20 * 8);
    expect(b.logDirs![0]!.usableBytes).toBeGreaterThan(0);
  });

  it("reports a topic's size on disk as kafka-log-dirs does", async () => {
    const topic = uniqueTopic('size');
    await h.createTopic(topic, 2);
    for (let i = 0; i < 30; i++)
      await call('produce.send', { clusterId, topic, partition: i % 2, value: 'x'.repeat(100) });
    const stats = await call('topics.stats', { clusterId });
    expect(stats.sizeUnavailable).toBeNull();
    const mine = stats.topics.find((t) => t.name === topic)!;
    expect(mine.messageCount).toBe('30');
    const r = await runKafkaTool('org.apache.kafka.tools.LogDirsCommand', [
      '--bootstrap-server',
      h.bootstrap,
      '--describe',
      '--topic-list',
      topic,
    ]);
    assertToolOk(r, 'kafka-log-dirs');
    const json = JSON.parse(r.stdout.split('\n').find((l) => l.startsWith('{'))!) as {
      brokers: { logDirs: { partitions: { size: number }[] }[] }[];
    };
    const theirs = json.brokers.flatMap((b) => b.logDirs.flatMap((d) => d.partitions)).reduce((n, p) => n + p.size, 0);
    expect(theirs).toBeGreaterThan(3000);
    expect(mine.sizeBytes).toBe(theirs);
  });

  it('flags a topic whose min.insync.replicas exceeds its replicas as under min ISR', async () => {
    const topic = uniqueTopic('min-isr');
    await h.createTopic(topic, 2, { 'min.insync.replicas': '2' });
    const health = await call('cluster.partitionHealth', { clusterId });
    expect(health.minIsrUnavailable).toBeNull();
    const rows = health.partitions.filter((p) => p.topic === topic);
    expect(rows.map((p) => [p.partition, p.minIsr, p.problems])).toEqual([
      [0, 2, ['under-min-isr']],
      [1, 2, ['under-min-isr']],
    ]);
    expect(health.counts['under-min-isr']).toBeGreaterThanOrEqual(2);
    expect(health.counts.offline).toBe(0);
    // The topic list says so too, from its background stats.
    const stats = await call('topics.stats', { clusterId });
    expect(stats.topics.find((t) => t.name === topic)?.underMinIsrPartitions).toBe(2);
    // A config change is seen at once, not after the cache's two minutes.
    await call('configs.alter', {
      clusterId,
      resource: { type: 'topic', name: topic },
      changes: [{ action: 'set', name: 'min.insync.replicas', value: '1' }],
    });
    const after = await call('cluster.partitionHealth', { clusterId });
    expect(after.partitions.filter((p) => p.topic === topic)).toEqual([]);
  });

  it("describes a broker's configs with sources; only Kafka lets dynamic ones change", async () => {
    const configs = await call('configs.describe', { clusterId, resource: { type: 'broker', name: '1' } });
    const byName = new Map(configs.entries.map((e) => [e.name, e]));
    expect(byName.get('log.dirs')).toMatchObject({ source: 'static', readOnly: true });
    if (kind === 'kafka') {
      expect(configs.editable).toBe(true);
      expect(byName.get('log.cleaner.threads')).toMatchObject({ readOnly: false, source: 'default' });
      const resource = { type: 'broker' as const, name: '1' };
      await call('configs.alter', {
        clusterId,
        resource,
        changes: [{ action: 'set', name: 'log.cleaner.threads', value: '2' }],
      });
      expect(await cliDescribeConfigs(h.bootstrap, { type: 'brokers', name: '1' })).toMatchObject({
        'log.cleaner.threads': '2',
      });
      const set = await call('configs.describe', { clusterId, resource });
      expect(set.entries.find((e) => e.name === 'log.cleaner.threads')).toMatchObject({ value: '2', source: 'broker' });
      await call('configs.alter', { clusterId, resource, changes: [{ action: 'reset', name: 'log.cleaner.threads' }] });
      expect(await cliDescribeConfigs(h.bootstrap, { type: 'brokers', name: '1' })).not.toHaveProperty(
        'log.cleaner.threads',
      );
      const readOnly = await appError(() =>
        call('configs.alter', { clusterId, resource, changes: [{ action: 'set', name: 'log.dirs', value: '/tmp/x' }] }),
      );
      expect(readOnly.field).toBe('changes.0');
    } else {
      // The sandbox's broker configs are fixed while it runs: on the app's own sandbox connection the UI
      // says so instead of offering edits (the broker reports Kafka's flags, for clients that compare).
      await h.core['sandbox.start']({ port: await freePort() });
      try {
        const sandboxId = (await h.core['connections.list']({})).find((p) => p.sandbox)!.id;
        const onSandbox = await call('configs.describe', {
          clusterId: sandboxId,
          resource: { type: 'broker', name: '1' },
        });
        expect(onSandbox.editable).toBe(false);
        expect(onSandbox.notEditableReason).toMatch(/read-only/);
      } finally {
        await h.core['sandbox.stop']({});
      }
      // Any other connection to it hears the reason when it tries.
      const refused = await appError(() =>
        call('configs.alter', {
          clusterId,
          resource: { type: 'broker', name: '1' },
          changes: [{ action: 'set', name: 'log.cleaner.threads', value: '2' }],
        }),
      );
      expect(refused.message).toContain('sandbox');
    }
  });

  it('describes every topic config Kafka 4.1 has, with types and documentation', async () => {
    const topic = uniqueTopic('config-names');
    await h.createTopic(topic, 1);
    const configs = await call('configs.describe', { clusterId, resource: { type: 'topic', name: topic } });
    const names = configs.entries.map((e) => e.name);
    expect(configs.entries.every((e) => e.type !== null && e.documentation)).toBe(true);
    if (kind === 'kafka') kafkaTopicConfigs.push(...names);
    else expect(names).toEqual(expect.arrayContaining(kafkaTopicConfigs));
    expect(names.length).toBeGreaterThanOrEqual(30);
  });
});
