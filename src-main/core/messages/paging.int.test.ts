import type { Producer } from 'kafkajs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PageParamsSchema, type PageParams } from '../../contract/messages.js';
import { BROKER_KINDS, startHarnessOn } from '../testing/brokers.js';
import { appError, uniqueTopic, type Harness } from '../testing/harness.js';
import { kcatDump, kcatLoad, plainProducer, refOf, text, walkPages } from '../testing/messages-helpers.js';

describe.each(BROKER_KINDS)('paging on the %s broker', (kind) => {
  let h: Harness;
  let clusterId: string;
  let producer: Producer;
  let topic: string;
  const t0 = Date.now() - 3_600_000;
  /** partition → values in offset order */
  const written: string[][] = [[], [], []];

  beforeAll(async () => {
    h = await startHarnessOn(kind);
    clusterId = await h.connect();
    producer = await plainProducer(h.bootstrap);
    topic = uniqueTopic('paging');
    await h.createTopic(topic, 3);
    // 3 partitions, 40 records each, timestamps interleaved across partitions; partition 2's
    // timestamps go backwards for a stretch (clocks of different producers do that).
    for (let i = 0; i < 40; i++) {
      for (let p = 0; p < 3; p++) {
        const ts = p === 2 && i >= 10 && i < 20 ? t0 + (30 - i) * 3 + p : t0 + i * 3 + p;
        const value = `p${p}-${i}`;
        written[p]!.push(value);
        await producer.send({ topic, messages: [{ partition: p, key: `k${i}`, value, timestamp: String(ts) }] });
      }
    }
  });
  afterAll(async () => {
    await producer?.disconnect();
    await h?.close();
  });

  const base = (): PageParams => ({ clusterId, topic, partitions: null, limit: 7 });
  const all = () => written.flatMap((vs, p) => vs.map((_, o) => `${p}:${o}`)).sort();

  it('newest first, then Older to the beginning: every record once, no gap, each partition in offset order', async () => {
    const pages = await walkPages(h.core, { ...base(), from: { kind: 'newest' } }, 'older');
    const seen = pages.flatMap((p) => p.messages.map(refOf));
    expect(new Set(seen).size).toBe(seen.length);
    expect([...seen].sort()).toEqual(all());
    expect(pages.length).toBe(Math.ceil(120 / 7));
    // Consecutive pages touch: each page ends exactly where the next older one starts.
    for (let i = 1; i < pages.length; i++) {
      for (const p of pages[i]!.partitions) {
        expect(p.end).toBe(pages[i - 1]!.partitions.find((x) => x.partition === p.partition)!.start);
      }
    }
    // Within a page, a partition's records come newest offset first.
    for (const page of pages) {
      for (let p = 0; p < 3; p++) {
        const offs = page.messages.filter((m) => m.partition === p).map((m) => Number(m.offset));
        expect(offs).toEqual([...offs].sort((a, b) => b - a));
      }
    }
    expect(pages[0]!.hasNewer).toBe(false);
    expect(pages.at(-1)!.hasOlder).toBe(false);
  });

  it('oldest first, then Newer to the end; and back again from any page', async () => {
    const pages = await walkPages(h.core, { ...base(), from: { kind: 'oldest' } }, 'newer');
    const seen = pages.flatMap((p) => p.messages.map(refOf));
    expect(new Set(seen).size).toBe(seen.length);
    expect([...seen].sort()).toEqual(all());
    // From the middle page, Older then Newer gives back exactly the middle page.
    const mid = pages[Math.floor(pages.length / 2)]!;
    const older = await h.core['messages.page'](
      PageParamsSchema.parse({
        ...base(),
        from: {
          kind: 'positions',
          direction: 'older',
          positions: mid.partitions.map((p) => ({ partition: p.partition, offset: p.start })),
        },
      }),
    );
    const back = await h.core['messages.page'](
      PageParamsSchema.parse({
        ...base(),
        from: {
          kind: 'positions',
          direction: 'newer',
          positions: older.partitions.map((p) => ({ partition: p.partition, offset: p.end })),
        },
      }),
    );
    expect(back.messages.map(refOf).sort()).toEqual(mid.messages.map(refOf).sort());
  });

  it('a copied position reopens exactly the same page', async () => {
    const first = await h.core['messages.page'](
      PageParamsSchema.parse({ ...base(), from: { kind: 'offset', offset: '13' } }),
    );
    const again = await h.core['messages.page'](PageParamsSchema.parse({ ...base(), from: first.self }));
    expect(again.messages).toEqual(first.messages);
    expect(first.messages.every((m) => Number(m.offset) >= 13)).toBe(true);
    expect(first.direction).toBe('newer');
  });

  it('per-partition offsets and one partition only', async () => {
    const page = await h.core['messages.page'](
      PageParamsSchema.parse({
        ...base(),
        limit: 4,
        from: {
          kind: 'positions',
          direction: 'newer',
          positions: [
            { partition: 0, offset: '38' },
            { partition: 2, offset: '0' },
          ],
        },
      }),
    );
    // Reading newer takes the oldest timestamps first: partition 2 from offset 0 wins over 0 at 38.
    expect(page.partitions.map((p) => [p.partition, p.start, p.end])).toEqual([
      [0, '38', '38'],
      [2, '0', '4'],
    ]);
    expect(page.messages.map(refOf)).toEqual(['2:3', '2:2', '2:1', '2:0']);
    const next = await h.core['messages.page'](
      PageParamsSchema.parse({
        ...base(),
        limit: 40,
        from: {
          kind: 'positions',
          direction: 'newer',
          positions: page.partitions.map((p) => ({ partition: p.partition, offset: p.end })),
        },
      }),
    );
    expect(next.messages.map(refOf)).toContain('0:38');
    expect(next.messages.map(refOf)).toContain('0:39');
    expect(next.messages.some((m) => m.partition === 1)).toBe(false);
    const one = await h.core['messages.page'](
      PageParamsSchema.parse({ ...base(), partitions: [1], from: { kind: 'newest' } }),
    );
    expect(one.messages.map((m) => text(m.value))).toEqual(written[1]!.slice(-7).reverse());
  });

  it('seek by time starts each partition at the first record at or after it, as ListOffsets says', async () => {
    const at = t0 + 25 * 3 + 1; // between records
    const page = await h.core['messages.page'](
      PageParamsSchema.parse({ ...base(), limit: 200, from: { kind: 'timestamp', timestamp: at } }),
    );
    const reference = await h.admin.fetchTopicOffsetsByTimestamp(topic, at);
    for (const r of reference) {
      expect(page.partitions.find((p) => p.partition === r.partition)!.start).toBe(r.offset);
    }
    // And kcat (librdkafka's own ListOffsets) starts at the same offsets.
    const kcat = await kcatDump(h.bootstrap, topic, ['-o', `s@${at}`]);
    expect(kcat.map((r) => `${r.partition}:${r.offset}`).sort()).toEqual(page.messages.map(refOf).sort());
  });

  it('a start beyond the end reads nothing; a missing partition is named', async () => {
    const page = await h.core['messages.page'](
      PageParamsSchema.parse({ ...base(), from: { kind: 'offset', offset: '999999' } }),
    );
    expect(page.messages).toEqual([]);
    expect(page.hasNewer).toBe(false);
    const err = await appError(() =>
      h.core['messages.page'](PageParamsSchema.parse({ ...base(), partitions: [7], from: { kind: 'newest' } })),
    );
    expect(err.message).toBe(`Topic "${topic}" has 3 partitions (0 to 2); partition 7 does not exist.`);
  });

  it('big values: rows carry a preview and the size, the record opens whole', async () => {
    const big = uniqueTopic('big');
    await h.createTopic(big, 1, { 'max.message.bytes': String(12 * 1024 * 1024) });
    const p = await plainProducer(h.bootstrap);
    const value = Buffer.alloc(5 * 1024 * 1024, 0x62);
    value.write('{"start":true}', 0);
    try {
      for (let i = 0; i < 3; i++) await p.send({ topic: big, messages: [{ key: `b${i}`, value }] });
    } finally {
      await p.disconnect();
    }
    const page = await h.core['messages.page'](PageParamsSchema.parse({ clusterId, topic: big, limit: 50 }));
    expect(page.messages).toHaveLength(3);
    for (const m of page.messages) {
      expect(m.value).toMatchObject({ size: value.length, truncated: true });
      expect(Buffer.from(m.value!.base64, 'base64').length).toBe(4096);
    }
    const whole = await h.core['messages.get']({ clusterId, topic: big, partition: 0, offset: '1' });
    expect(whole.value).toMatchObject({ size: value.length, truncated: false });
    expect(Buffer.from(whole.value!.base64, 'base64').equals(value)).toBe(true);
    expect(text(whole.key)).toBe('b1');
  });

  it('reads topics written with every compression codec (kcat: gzip, snappy, lz4, zstd)', async () => {
    for (const codec of ['gzip', 'snappy', 'lz4', 'zstd']) {
      const t = uniqueTopic(`codec-${codec}`);
      await h.createTopic(t, 1);
      await kcatLoad(
        h.bootstrap,
        t,
        Array.from({ length: 50 }, (_, i) => `k${i}\t${codec}-${i}`),
        ['-z', codec],
      );
      const page = await h.core['messages.page'](
        PageParamsSchema.parse({ clusterId, topic: t, limit: 100, from: { kind: 'oldest' } }),
      );
      expect(page.messages.map((m) => text(m.value)).reverse()).toEqual(
        Array.from({ length: 50 }, (_, i) => `${codec}-${i}`),
      );
    }
  });
});
