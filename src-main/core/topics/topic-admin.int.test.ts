import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { methods, type MethodName, type ParamsOf, type ResultOf } from '../../contract/methods.js';
import { cliDescribeConfigs, cliDescribeTopic, cliOffsets, cliTopics } from '../testing/kafka-cli.js';
import { appError, BROKER_KINDS, startHarness, uniqueTopic, type Harness } from '../testing/harness.js';

// Each operation against Apache Kafka 4.1 and the sandbox, checked with Kafka's own tools.
describe.each(BROKER_KINDS)('topic administration on %s', (kind) => {
  let h: Harness;
  let clusterId: string;
  beforeAll(async () => {
    h = await startHarness({ broker: kind });
    clusterId = await h.connect();
  });
  afterAll(async () => {
    await h?.close();
  });

  /** Like the dispatcher: params are checked and completed by the contract's schema first. */
  async function call<M extends MethodName>(name: M, params: ParamsOf<M>): Promise<ResultOf<M>> {
    const valid = methods[name].params.parse(params);
    return (h.core[name] as (p: unknown) => Promise<ResultOf<M>>)(valid);
  }

  async function produceKeyed(topic: string, n: number, partition: number | null = null) {
    for (let i = 0; i < n; i++) {
      await call('produce.send', { clusterId, topic, partition, key: `key-${i}`, value: `v${i}` });
    }
  }

  it('validate-only reports a bad config at its row and creates nothing', async () => {
    const name = uniqueTopic('create-bad');
    const err = await appError(() =>
      call('topics.create', {
        clusterId,
        name,
        partitions: 2,
        configs: [
          { name: 'cleanup.policy', value: 'compact' },
          { name: 'retention.ms', value: 'a week' },
        ],
        validateOnly: true,
      }),
    );
    expect(err.code).toBe('VALIDATION');
    expect(err.field).toBe('configs.1.value');
    expect(await cliTopics(h.bootstrap)).not.toContain(name);
  });

  it('validate-only accepts a good topic without creating it; create makes it with its configs', async () => {
    const name = uniqueTopic('create');
    const params = {
      clusterId,
      name,
      partitions: 3,
      replicationFactor: 1,
      configs: [
        { name: 'cleanup.policy', value: 'compact' },
        { name: 'retention.ms', value: '3600000' },
      ],
    };
    expect(await call('topics.create', { ...params, validateOnly: true })).toMatchObject({ validateOnly: true });
    expect(await cliTopics(h.bootstrap)).not.toContain(name);

    await call('topics.create', params);
    const d = await cliDescribeTopic(h.bootstrap, name);
    expect(d).toMatchObject({ partitions: 3, replicationFactor: 1 });
    expect(d.configs).toMatchObject({ 'cleanup.policy': 'compact', 'retention.ms': '3600000' });

    const again = await appError(() => call('topics.create', params));
    expect(again.code).toBe('ALREADY_EXISTS');
    expect(again.field).toBe('name');
  });

  it('refuses more replicas than brokers, pointing at the replication factor', async () => {
    const err = await appError(() =>
      call('topics.create', { clusterId, name: uniqueTopic('rf'), partitions: 1, replicationFactor: 3 }),
    );
    expect(err).toMatchObject({ code: 'VALIDATION', field: 'replicationFactor' });
    expect(err.message).toContain('1 broker');
  });

  it('alters one config, leaves the other override alone, then resets it; kafka-configs agrees', async () => {
    const name = uniqueTopic('alter');
    await h.createTopic(name, 1, { 'cleanup.policy': 'compact', 'retention.ms': '3600000' });
    const resource = { type: 'topic' as const, name };

    await call('configs.alter', {
      clusterId,
      resource,
      changes: [{ action: 'set', name: 'retention.ms', value: '7200000' }],
    });
    expect(await cliDescribeConfigs(h.bootstrap, { type: 'topics', name })).toEqual({
      'cleanup.policy': 'compact',
      'retention.ms': '7200000',
    });
    const described = await call('configs.describe', { clusterId, resource });
    expect(described.entries.find((e) => e.name === 'retention.ms')).toMatchObject({
      value: '7200000',
      source: 'topic',
      readOnly: false,
      type: 'long',
    });
    // What a reset falls back to: the broker-level synonym (Kafka lists no synonym for retention.ms's default).
    expect(described.entries.find((e) => e.name === 'cleanup.policy')).toMatchObject({
      value: 'compact',
      source: 'topic',
      fallback: { name: 'log.cleanup.policy', value: 'delete', source: 'default' },
    });
    expect(described.entries.find((e) => e.name === 'retention.ms')?.documentation).toBeTruthy();

    await call('configs.alter', { clusterId, resource, changes: [{ action: 'reset', name: 'retention.ms' }] });
    expect(await cliDescribeConfigs(h.bootstrap, { type: 'topics', name })).toEqual({ 'cleanup.policy': 'compact' });
    const after = await call('configs.describe', { clusterId, resource });
    expect(after.entries.find((e) => e.name === 'retention.ms')).toMatchObject({
      value: '604800000',
      source: 'default',
    });
  });

  it('a rejected config change names the broker reason and changes nothing', async () => {
    const name = uniqueTopic('alter-bad');
    await h.createTopic(name, 1, { 'retention.ms': '3600000' });
    const err = await appError(() =>
      call('configs.alter', {
        clusterId,
        resource: { type: 'topic', name },
        changes: [{ action: 'set', name: 'min.cleanable.dirty.ratio', value: '7' }],
      }),
    );
    expect(err).toMatchObject({ code: 'VALIDATION', field: 'changes.0' });
    expect(await cliDescribeConfigs(h.bootstrap, { type: 'topics', name })).toEqual({ 'retention.ms': '3600000' });
  });

  it('previews key moves from recent records, then adds partitions; kafka-topics sees the new count', async () => {
    const name = uniqueTopic('grow');
    await h.createTopic(name, 2);
    await produceKeyed(name, 40);
    const preview = await call('topics.keyMovePreview', { clusterId, topic: name, totalCount: 5 });
    expect(preview).toMatchObject({
      currentCount: 2,
      totalCount: 5,
      sampledRecords: 40,
      keyedRecords: 40,
      distinctKeys: 40,
      partitioner: 'murmur2',
      matchingRecords: 40,
    });
    // Going from 2 to 5 partitions moves most keys (those whose hash mod 2 ≠ hash mod 5).
    expect(preview.movingKeys).toBeGreaterThan(10);
    expect(preview.movingKeys).toBeLessThan(40);

    const smaller = await appError(() => call('topics.addPartitions', { clusterId, topic: name, totalCount: 2 }));
    expect(smaller).toMatchObject({ code: 'VALIDATION', field: 'totalCount' });

    expect(await call('topics.addPartitions', { clusterId, topic: name, totalCount: 5, validateOnly: true })).toEqual({
      topic: name,
      partitionCount: 2,
    });
    expect((await cliDescribeTopic(h.bootstrap, name)).partitions).toBe(2);
    await call('topics.addPartitions', { clusterId, topic: name, totalCount: 5 });
    expect((await cliDescribeTopic(h.bootstrap, name)).partitions).toBe(5);
  });

  it('purges up to an offset in one partition and everything in another; GetOffsetShell agrees', async () => {
    const name = uniqueTopic('purge');
    await h.createTopic(name, 2);
    await produceKeyed(name, 6, 0);
    await produceKeyed(name, 4, 1);

    const beyond = await appError(() =>
      call('topics.purge', { clusterId, topic: name, partitions: [{ partition: 0, before: '99' }] }),
    );
    expect(beyond).toMatchObject({ code: 'VALIDATION', field: 'partitions.0.before' });

    const r = await call('topics.purge', {
      clusterId,
      topic: name,
      partitions: [
        { partition: 0, before: '4' },
        { partition: 1, before: null },
      ],
    });
    expect(r).toEqual({
      partitions: [
        { partition: 0, lowWatermark: '4', deleted: '4' },
        { partition: 1, lowWatermark: '4', deleted: '4' },
      ],
      deleted: '8',
    });
    expect(await cliOffsets(h.bootstrap, name, 'earliest')).toEqual([4, 4]);
    expect(await cliOffsets(h.bootstrap, name, 'latest')).toEqual([6, 4]);
    expect((await call('topics.get', { clusterId, topic: name })).messageCount).toBe('2');
  });

  it('deletes a topic only with its name typed; kafka-topics no longer lists it', async () => {
    const name = uniqueTopic('delete');
    await h.createTopic(name, 1);
    await expect(call('topics.delete', { clusterId, topic: name, confirmName: 'nope' })).rejects.toThrow();
    expect(await call('topics.delete', { clusterId, topic: name, confirmName: name })).toEqual({ deleted: name });
    await expect.poll(async () => cliTopics(h.bootstrap), { timeout: 15_000 }).not.toContain(name);
    const gone = await appError(() => call('topics.delete', { clusterId, topic: name, confirmName: name }));
    expect(gone.code).toBe('NOT_FOUND');
  });

  it('never deletes or purges internal topics', async () => {
    // Names starting with "__" are internal by convention; Kafka's own (__consumer_offsets) are flagged by Kafka.
    const name = `__${uniqueTopic('internal')}`;
    await h.createTopic(name, 1);
    const del = await appError(() => call('topics.delete', { clusterId, topic: name, confirmName: name }));
    expect(del.code).toBe('VALIDATION');
    expect(del.message).toContain('internal topic');
    const purged = await appError(() =>
      call('topics.purge', { clusterId, topic: name, partitions: [{ partition: 0, before: null }] }),
    );
    expect(purged.code).toBe('VALIDATION');
    expect(await cliTopics(h.bootstrap)).toContain(name);
    expect((await call('topics.list', { clusterId })).find((t) => t.name === name)?.internal).toBe(true);

    if (kind === 'kafka') {
      // Committing an offset makes Kafka create __consumer_offsets.
      await h.admin.setOffsets({ groupId: uniqueTopic('g'), topic: name, partitions: [{ partition: 0, offset: '0' }] });
      const offsets = await appError(() =>
        call('topics.delete', { clusterId, topic: '__consumer_offsets', confirmName: '__consumer_offsets' }),
      );
      expect(offsets.message).toContain('committed offsets of every consumer group');
    }
  });

  it('lists stats: messages per topic, in the background call', async () => {
    const name = uniqueTopic('stats');
    await h.createTopic(name, 3);
    await produceKeyed(name, 7);
    const stats = await call('topics.stats', { clusterId });
    expect(stats.topics.find((t) => t.name === name)).toMatchObject({ messageCount: '7' });
  });
});
