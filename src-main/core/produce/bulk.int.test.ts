import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { partitionForKey } from '../../contract/key-partition.js';
import {
  BulkProduceParamsSchema,
  ProduceBatchParamsSchema,
  ResendParamsSchema,
  type BulkProduceItem,
  type BulkProduceParams,
} from '../../contract/produce.js';
import { BROKER_KINDS, startHarnessOn } from '../testing/brokers.js';
import { appError, uniqueTopic, type Harness } from '../testing/harness.js';
import { collect, kcatDump, kcatLoad } from '../testing/messages-helpers.js';

describe.each(BROKER_KINDS)('bulk, import and re-send on the %s broker', (kind) => {
  let h: Harness;
  let clusterId: string;
  beforeAll(async () => {
    h = await startHarnessOn(kind);
    clusterId = await h.connect();
  });
  afterAll(async () => {
    await h?.close();
  });

  const bulk = async (params: Omit<BulkProduceParams, 'clusterId'>, signal?: AbortSignal) => {
    const { ctx, items } = collect<BulkProduceItem>(signal);
    await h.core['produce.bulk'](BulkProduceParamsSchema.parse({ clusterId, ...params }), ctx);
    return items;
  };

  it('10,000 templated records are all there, each key on the partition murmur2 names', async () => {
    const topic = uniqueTopic('bulk');
    await h.createTopic(topic, 6);
    const items = await bulk({
      topic,
      count: 10_000,
      key: 'order-{{seq}}',
      value:
        '{"id": "{{uuid}}", "n": {{seq}}, "amount": {{random.int(1, 100)}}, "status": "{{pick("NEW", "PAID")}}", "who": "{{name}}", "at": "{{now.iso}}"}',
      valueFormat: 'json',
      headers: [{ key: 'run', value: 'bulk-{{index}}' }],
    });
    const done = items.at(-1) as Extract<BulkProduceItem, { kind: 'done' }>;
    expect(done).toMatchObject({ kind: 'done', sent: 10_000, total: 10_000 });
    const dump = await kcatDump(h.bootstrap, topic);
    expect(dump).toHaveLength(10_000);
    expect(new Set(dump.map((r) => r.key)).size).toBe(10_000);
    for (const r of dump) {
      const n = Number(r.key!.slice('order-'.length));
      expect(r.partition).toBe(partitionForKey(r.key!, 6));
      const v = JSON.parse(r.value!) as { n: number; amount: number; status: string; id: string };
      expect(v.n).toBe(n);
      expect(v.amount).toBeGreaterThanOrEqual(1);
      expect(v.amount).toBeLessThanOrEqual(100);
      expect(['NEW', 'PAID']).toContain(v.status);
      expect(v.id).toMatch(/^[0-9a-f-]{36}$/);
    }
    const perPartition = new Map<number, number>();
    for (const r of dump) perPartition.set(r.partition, (perPartition.get(r.partition) ?? 0) + 1);
    expect(done.partitions).toEqual(
      [...perPartition].sort((a, b) => a[0] - b[0]).map(([partition, count]) => ({ partition, count })),
    );
    const history = await h.core['produce.history']({ clusterId, topic });
    expect(history[0]).toMatchObject({ kind: 'bulk', count: 10_000 });
  });

  it('a rate limit paces the sends; Cancel stops a run part way', async () => {
    const topic = uniqueTopic('bulk-rate');
    await h.createTopic(topic, 1);
    const started = Date.now();
    await bulk({ topic, count: 300, value: 'v{{seq}}', ratePerSecond: 500 });
    expect(Date.now() - started).toBeGreaterThanOrEqual(550);

    const abort = new AbortController();
    const { ctx, items } = collect<BulkProduceItem>(abort.signal);
    await h.core['produce.bulk'](
      BulkProduceParamsSchema.parse({ clusterId, topic, count: 1_000_000, value: 'x{{seq}}', ratePerSecond: 2000 }),
      {
        ...ctx,
        emit: (i) => {
          items.push(i);
          if (i.kind === 'progress' && i.sent > 0) abort.abort();
        },
      },
    );
    const sent = (await h.admin.fetchTopicOffsets(topic))[0]!.high;
    expect(Number(sent) - 300).toBeLessThan(5000);
    expect(items.some((i) => i.kind === 'done')).toBe(false);
  });

  it('templates and JSON are checked: at the boundary, and per record while sending', async () => {
    expect(
      BulkProduceParamsSchema.safeParse({ clusterId, topic: 't', count: 1, value: '{{nope}}' }).error?.issues[0]
        ?.message,
    ).toMatch(/Unknown placeholder "nope"/);
    const topic = uniqueTopic('bulk-json');
    await h.createTopic(topic, 1);
    const err = await appError(() =>
      bulk({ topic, count: 5, value: '{"n": {{pick("1", "x")}}}', valueFormat: 'json' }),
    );
    expect(err).toMatchObject({ code: 'VALIDATION', field: 'value' });
    expect(err.message).toMatch(/^Record \d+'s value is not valid JSON/);
  });

  it('an imported JSONL slice keeps keys, binary values, headers, partitions and timestamps', async () => {
    const topic = uniqueTopic('import');
    await h.createTopic(topic, 3);
    const r = await h.core['produce.batch'](
      ProduceBatchParamsSchema.parse({
        clusterId,
        topic,
        source: 'orders.jsonl',
        records: [
          {
            key: 'a',
            value: '{"x":1}',
            partition: 2,
            headers: [{ key: 'h', value: '1' }],
            timestamp: 1_700_000_000_000,
          },
          {
            key: Buffer.from([1, 2, 3]).toString('base64'),
            keyEncoding: 'base64',
            value: Buffer.from([0xff, 0]).toString('base64'),
            valueEncoding: 'base64',
          },
          { key: null, value: null, partition: 0 },
        ],
      }),
    );
    expect(r.sent).toBe(3);
    const page = await h.core['messages.page']({
      clusterId,
      topic,
      partitions: null,
      from: { kind: 'oldest' },
      limit: 10,
    });
    const byKey = new Map(page.messages.map((m) => [m.key?.base64 ?? null, m]));
    expect(byKey.get(Buffer.from('a').toString('base64'))).toMatchObject({
      partition: 2,
      timestamp: 1_700_000_000_000,
      headers: [{ key: 'h' }],
    });
    expect(byKey.get(Buffer.from([1, 2, 3]).toString('base64'))!.value!.base64).toBe(
      Buffer.from([0xff, 0]).toString('base64'),
    );
    expect(byKey.get(null)).toMatchObject({ partition: 0, value: null });
    expect((await h.core['produce.history']({ clusterId, topic }))[0]).toMatchObject({
      kind: 'import',
      count: 3,
      detail: 'orders.jsonl',
    });
    const err = await appError(() =>
      h.core['produce.batch'](
        ProduceBatchParamsSchema.parse({ clusterId, topic, records: [{ value: 'x' }, { value: 'y', partition: 9 }] }),
      ),
    );
    expect(err).toMatchObject({ code: 'VALIDATION', field: 'records.1.partition' });
  });

  it('re-sends selected records to another topic, by key or to the same partitions', async () => {
    const from = uniqueTopic('resend-from');
    const to = uniqueTopic('resend-to');
    await h.createTopic(from, 3);
    await h.createTopic(to, 2);
    await kcatLoad(
      h.bootstrap,
      from,
      Array.from({ length: 90 }, (_, i) => `r${i}\tvalue-${i}`),
    );
    const source = await kcatDump(h.bootstrap, from);
    const chosen = source.filter((_, i) => i % 10 === 0);
    const records = chosen.map((r) => ({ partition: r.partition, offset: String(r.offset) }));
    const r = await h.core['produce.resend'](
      ResendParamsSchema.parse({ clusterId, fromTopic: from, toTopic: to, records }),
    );
    expect(r.sent).toBe(chosen.length);
    const copied = await kcatDump(h.bootstrap, to);
    expect(copied.map((c) => `${c.key}=${c.value}`).sort()).toEqual(chosen.map((c) => `${c.key}=${c.value}`).sort());
    for (const c of copied) expect(c.partition).toBe(partitionForKey(c.key!, 2));

    const missing = source.find((s) => s.partition === 2)!;
    const err = await appError(() =>
      h.core['produce.resend'](
        ResendParamsSchema.parse({
          clusterId,
          fromTopic: from,
          toTopic: to,
          partitioning: 'same',
          records: [{ partition: 2, offset: String(missing.offset) }],
        }),
      ),
    );
    expect(err).toMatchObject({ code: 'VALIDATION', field: 'partitioning' });
  });
});
