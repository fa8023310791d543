import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import kafkajs, { type Producer } from 'kafkajs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHarness, text, uniqueTopic, type Harness } from '../testing/harness.js';

const { Kafka, logLevel, Partitioners } = kafkajs;
const run = promisify(execFile);

let h: Harness;
let clusterId: string;
let producer: Producer;
beforeAll(async () => {
  h = await startHarness();
  clusterId = await h.connect();
  producer = new Kafka({ brokers: [h.bootstrap], logLevel: logLevel.NOTHING }).producer({
    createPartitioner: Partitioners.DefaultPartitioner,
  });
  await producer.connect();
});
afterAll(async () => {
  await producer?.disconnect();
  await h?.close();
});

describe('messages.newest on a real Kafka', () => {
  it('reads back a keyed record with headers produced by the core', async () => {
    const topic = uniqueTopic('roundtrip');
    await h.createTopic(topic, 3);
    const sent = await h.core['produce.send']({
      clusterId,
      topic,
      partition: null,
      key: 'order-42',
      value: '{"total":12.5}',
      valueFormat: 'json',
      headers: [
        { key: 'trace', value: 'abc' },
        { key: 'trace', value: 'def' },
        { key: 'source', value: 'samsa' },
      ],
    });
    const r = await h.core['messages.newest']({ clusterId, topic, limit: 10, partition: null });
    expect(r.messages).toHaveLength(1);
    const m = r.messages[0];
    expect(m.partition).toBe(sent.partition);
    expect(m.offset).toBe(sent.offset);
    expect(m.timestamp).toBe(sent.timestamp);
    expect(text(m.key)).toBe('order-42');
    expect(text(m.value)).toBe('{"total":12.5}');
    expect(m.value).toMatchObject({ size: 14, truncated: false });
    expect(m.headers.map((x) => [x.key, text(x.value)]).sort()).toEqual([
      ['source', 'samsa'],
      ['trace', 'abc'],
      ['trace', 'def'],
    ]);
    expect(r.partitions).toHaveLength(3);
    expect(r.partitions.find((p) => p.partition === sent.partition)).toEqual({
      partition: sent.partition,
      lowWatermark: '0',
      highWatermark: '1',
    });
  });

  it('newest N across 3 partitions: exactly the N newest, newest first', async () => {
    const topic = uniqueTopic('newest');
    await h.createTopic(topic, 3);
    const t0 = Date.now() - 60_000;
    // 60 records spread round-robin, timestamps increasing with i.
    for (let i = 0; i < 60; i++) {
      await producer.send({
        topic,
        messages: [{ partition: i % 3, key: `k${i}`, value: `v${i}`, timestamp: String(t0 + i) }],
      });
    }
    const r = await h.core['messages.newest']({ clusterId, topic, limit: 12, partition: null });
    expect(r.messages.map((m) => text(m.value))).toEqual(Array.from({ length: 12 }, (_, j) => `v${59 - j}`));
    expect(r.messages.map((m) => m.timestamp)).toEqual(Array.from({ length: 12 }, (_, j) => t0 + 59 - j));
    // Each partition was read from about offset 16 up to its high watermark; a peek of at most
    // two older records proves that nothing older belongs in the answer.
    expect(r.partitions.map((p) => [p.partition, p.highWatermark])).toEqual([
      [0, '20'],
      [1, '20'],
      [2, '20'],
    ]);
    for (const p of r.partitions) expect(Number(p.lowWatermark)).toBeGreaterThanOrEqual(14);

    // One partition only.
    const one = await h.core['messages.newest']({ clusterId, topic, limit: 3, partition: 1 });
    expect(one.messages.map((m) => [m.partition, m.offset, text(m.value)])).toEqual([
      [1, '19', 'v58'],
      [1, '18', 'v55'],
      [1, '17', 'v52'],
    ]);
  });

  it('uneven partitions: a busy one gets all the places it deserves; asking more than exists returns all', async () => {
    const topic = uniqueTopic('uneven');
    await h.createTopic(topic, 3);
    const t0 = Date.now() - 60_000;
    const plan = [1, 10, 10];
    let ts = t0;
    for (const [p, n] of plan.entries()) {
      await producer.send({
        topic,
        messages: Array.from({ length: n }, (_, i) => ({ partition: p, value: `p${p}-${i}`, timestamp: String(ts++) })),
      });
    }
    const r = await h.core['messages.newest']({ clusterId, topic, limit: 7, partition: null });
    // Partition 2 was written last: its 7 newest beat everything else, although round-robin alone
    // would have taken some older records from partitions 0 and 1.
    expect(r.messages.map((m) => text(m.value))).toEqual(['p2-9', 'p2-8', 'p2-7', 'p2-6', 'p2-5', 'p2-4', 'p2-3']);
    const all = await h.core['messages.newest']({ clusterId, topic, limit: 1000, partition: null });
    expect(all.messages).toHaveLength(21);
    const stamps = all.messages.map((m) => m.timestamp);
    expect([...stamps].sort((a, b) => b - a)).toEqual(stamps);
  });

  it('large reads take several fetch rounds and stay exact (10 000 of 15 000)', async () => {
    const topic = uniqueTopic('many');
    await h.createTopic(topic, 3);
    const t0 = Date.now() - 600_000;
    const pad = 'x'.repeat(400);
    for (let start = 0; start < 15_000; start += 1000) {
      await producer.send({
        topic,
        messages: Array.from({ length: 1000 }, (_, j) => {
          const i = start + j;
          return { partition: i % 3, value: `${i}:${pad}`, timestamp: String(t0 + i) };
        }),
      });
    }
    const started = Date.now();
    const r = await h.core['messages.newest']({ clusterId, topic, limit: 10_000, partition: null });
    const took = Date.now() - started;
    expect(r.messages).toHaveLength(10_000);
    const ids = r.messages.map((m) => Number(text(m.value)!.split(':')[0]));
    expect(ids[0]).toBe(14_999);
    // Exactly the 10 000 newest, in order, although 10 000 does not split evenly over 3 partitions.
    expect(ids).toEqual(Array.from({ length: 10_000 }, (_, j) => 14_999 - j));
    expect(took).toBeLessThan(8_000);
  });

  it('an empty topic gives no messages', async () => {
    const topic = uniqueTopic('empty');
    await h.createTopic(topic, 2);
    const r = await h.core['messages.newest']({ clusterId, topic, limit: 50, partition: null });
    expect(r.messages).toEqual([]);
    expect(r.partitions).toEqual([0, 1].map((p) => ({ partition: p, lowWatermark: '0', highWatermark: '0' })));
  });

  it('big values arrive as a preview with their real size', async () => {
    const topic = uniqueTopic('big');
    await h.createTopic(topic, 1, { 'max.message.bytes': String(4 * 1024 * 1024) });
    const size = 1024 * 1024 + 5000;
    await producer.send({ topic, messages: [{ value: Buffer.alloc(size, 0x61) }, { value: 'after' }] });
    const r = await h.core['messages.newest']({ clusterId, topic, limit: 5, partition: null });
    expect(r.messages.map((m) => m.value?.size)).toEqual([5, size]);
    expect(r.messages[1].value?.truncated).toBe(true);
    expect(Buffer.from(r.messages[1].value!.base64, 'base64').length).toBe(4096);
  });

  it('skips aborted transactions and control records', async () => {
    const topic = uniqueTopic('txn');
    await h.createTopic(topic, 1);
    const tx = new Kafka({ brokers: [h.bootstrap], logLevel: logLevel.NOTHING }).producer({
      transactionalId: `samsa-test-${topic}`,
      idempotent: true,
      maxInFlightRequests: 1,
      createPartitioner: Partitioners.DefaultPartitioner,
    });
    await tx.connect();
    try {
      const committed = await tx.transaction();
      await committed.send({ topic, messages: [{ value: 'c1' }, { value: 'c2' }] });
      await committed.commit();
      const aborted = await tx.transaction();
      await aborted.send({ topic, messages: [{ value: 'a1' }] });
      await aborted.abort();
      await producer.send({ topic, messages: [{ value: 'plain' }] });
    } finally {
      await tx.disconnect();
    }
    const r = await h.core['messages.newest']({ clusterId, topic, limit: 50, partition: null });
    // Offsets: c1 0, c2 1, commit marker 2, a1 3; then plain and the abort marker, in the order
    // the coordinator's marker and the plain send reach the partition (Kafka 4 writes markers after
    // EndTxn has answered).
    expect(r.messages.map((m) => text(m.value))).toEqual(['plain', 'c2', 'c1']);
    expect(r.messages.slice(1).map((m) => m.offset)).toEqual(['1', '0']);
    expect(['4', '5']).toContain(r.messages[0]!.offset);
  });

  it('reading creates no consumer group', async () => {
    const topic = uniqueTopic('nogroup');
    await h.createTopic(topic, 3);
    await producer.send({ topic, messages: Array.from({ length: 9 }, (_, i) => ({ value: `v${i}` })) });
    const before = (await h.admin.listGroups()).groups.map((g) => g.groupId).sort();
    for (let i = 0; i < 3; i++) await h.core['messages.newest']({ clusterId, topic, limit: 5, partition: null });
    // A brand-new core on the same cluster (fresh clients, fresh browse consumer) too.
    const fresh = h.newCore();
    const id = (await fresh['connections.list']({}))[0].id;
    await fresh['messages.newest']({ clusterId: id, topic, limit: 5, partition: null });
    const after = (await h.admin.listGroups()).groups.map((g) => g.groupId).sort();
    expect(after).toEqual(before);
    expect(after.some((g) => g.startsWith('samsa'))).toBe(false);
  });

  it('reads records produced by kcat (key, value, header)', async () => {
    const topic = uniqueTopic('kcat');
    await h.createTopic(topic, 1);
    const child = execFile('kcat', [
      '-b',
      h.bootstrap,
      '-P',
      '-t',
      topic,
      '-k',
      'kcat-key',
      '-H',
      'h=v',
      '-H',
      'origin=kcat',
    ]);
    const done = new Promise<number | null>((resolve) => child.once('exit', resolve));
    child.stdin!.end('hello from kcat\nsecond line\n');
    expect(await done).toBe(0);
    const r = await h.core['messages.newest']({ clusterId, topic, limit: 10, partition: null });
    expect(r.messages.map((m) => [m.offset, text(m.key), text(m.value)])).toEqual([
      ['1', 'kcat-key', 'second line'],
      ['0', 'kcat-key', 'hello from kcat'],
    ]);
    expect(r.messages[0].headers.map((x) => [x.key, text(x.value)])).toEqual([
      ['h', 'v'],
      ['origin', 'kcat'],
    ]);
    // And kcat reads what the core produced.
    await h.core['produce.send']({
      clusterId,
      topic,
      partition: 0,
      key: 'from-core',
      value: 'core value',
      valueFormat: 'text',
      headers: [],
    });
    const { stdout } = await run('kcat', [
      '-b',
      h.bootstrap,
      '-C',
      '-t',
      topic,
      '-o',
      '2',
      '-c',
      '1',
      '-e',
      '-f',
      '%k=%s\n',
    ]);
    expect(stdout).toBe('from-core=core value\n');
  });
});
