import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SearchParamsSchema, type SearchItem, type SearchParams } from '../../contract/messages.js';
import { BROKER_KINDS, startHarnessOn } from '../testing/brokers.js';
import { appError, uniqueTopic, type Harness } from '../testing/harness.js';
import {
  collect,
  kcatDump,
  kcatLoad,
  plainProducer,
  refOf,
  searchAll,
  type KcatRecord,
} from '../testing/messages-helpers.js';

const STATUSES = ['NEW', 'PAID', 'FAILED', 'SHIPPED'];

describe.each(BROKER_KINDS)('search on the %s broker', (kind) => {
  let h: Harness;
  let clusterId: string;
  let topic: string;
  let dump: KcatRecord[];
  const base = (): Omit<SearchParams, 'filter'> => ({ clusterId, topic, partitions: null, maxResults: 10_000 });

  beforeAll(async () => {
    h = await startHarnessOn(kind);
    clusterId = await h.connect();
    topic = uniqueTopic('search');
    await h.createTopic(topic, 3);
    await kcatLoad(
      h.bootstrap,
      topic,
      Array.from({ length: 3000 }, (_, i) =>
        [
          `k${i}`,
          JSON.stringify({
            id: i,
            status: STATUSES[i % 4],
            amount: (i * 37) % 500,
            customer: `cust-${String(i % 97).padStart(4, '0')}`,
          }),
        ].join('\t'),
      ),
    );
    const p = await plainProducer(h.bootstrap);
    await p.send({
      topic,
      messages: [
        { key: 'h1', value: 'with header', headers: { source: 'billing', trace: ['t-1', 't-2'] } },
        { key: 'h2', value: 'other header', headers: { source: 'shop' } },
      ],
    });
    await p.disconnect();
    dump = await kcatDump(h.bootstrap, topic);
  });
  afterAll(async () => {
    await h?.close();
  });

  const json = (r: KcatRecord) => {
    try {
      return JSON.parse(r.value ?? '') as { status: string; amount: number; customer: string };
    } catch {
      return null;
    }
  };
  const expectSame = async (filter: string, want: (r: KcatRecord) => boolean, extra: Partial<SearchParams> = {}) => {
    const { matches, done } = await searchAll(h.core, { ...base(), filter, ...extra });
    const expected = dump
      .filter(want)
      .map((r) => `${r.partition}:${r.offset}`)
      .sort();
    expect(matches.map(refOf).sort()).toEqual(expected);
    expect(done).toMatchObject({ reason: 'completed', resume: null, matched: expected.length, percent: 100 });
    return expected.length;
  };

  it('finds exactly the records a kcat dump says match', async () => {
    expect(
      await expectSame(
        '$.status == "FAILED" and $.amount > 100',
        (r) => json(r)?.status === 'FAILED' && json(r)!.amount > 100,
      ),
    ).toBeGreaterThan(100);
    await expectSame('key startsWith "k12"', (r) => r.key?.startsWith('k12') ?? false);
    await expectSame('"cust-0042"', (r) => r.value?.includes('cust-0042') ?? false);
    await expectSame('value matches /"amount": ?4\\d\\d/', (r) => /"amount": ?4\d\d/.test(r.value ?? ''));
    await expectSame(
      '$.status in ("NEW", "PAID") and not partition == 1',
      (r) => ['NEW', 'PAID'].includes(json(r)?.status ?? '') && r.partition !== 1,
    );
    await expectSame('', () => true);
  });

  it('header names and values, repeated headers', async () => {
    const { matches } = await searchAll(h.core, {
      ...base(),
      filter: 'header("source") == "billing" and header("trace") == "t-2"',
    });
    expect(matches.map((m) => m.key && Buffer.from(m.key.base64, 'base64').toString())).toEqual(['h1']);
    const { matches: any } = await searchAll(h.core, { ...base(), filter: 'header("source") exists' });
    expect(any).toHaveLength(2);
  });

  it('a range of partitions, offsets and time narrows the scan itself', async () => {
    const count = await expectSame('', (r) => r.partition === 2 && r.offset >= 100 && r.offset < 200, {
      partitions: [2],
      from: { kind: 'offset', offset: '100' },
      to: { kind: 'offset', offset: '200' },
    });
    expect(count).toBe(100);
    const middle = dump[Math.floor(dump.length / 2)]!.ts;
    const { done } = await searchAll(h.core, { ...base(), filter: '', from: { kind: 'timestamp', timestamp: middle } });
    expect(done!.scanned).toBe(dump.filter((r) => r.ts >= middle).length);
  });

  it('stops at maxResults and resumes exactly after the last kept match', async () => {
    const filter = '$.status == "SHIPPED"';
    const all = (await searchAll(h.core, { ...base(), filter })).matches.map(refOf).sort();
    const seen: string[] = [];
    let from: SearchParams['from'] = { kind: 'oldest' };
    for (let round = 0; round < 100; round++) {
      const { matches, done } = await searchAll(h.core, { ...base(), filter, from, maxResults: 70 });
      seen.push(...matches.map(refOf));
      if (done!.reason === 'completed') break;
      expect(matches).toHaveLength(70);
      from = { kind: 'positions', direction: 'newer', positions: done!.resume! };
    }
    expect(new Set(seen).size).toBe(seen.length);
    expect(seen.sort()).toEqual(all);
  });

  it('reports progress per partition and refuses a bad filter before reading', async () => {
    const { items } = await searchAll(h.core, { ...base(), filter: 'value contains "x"' });
    const done = items.at(-1) as Extract<SearchItem, { kind: 'done' }>;
    expect(done.partitions.map((p) => [p.partition, p.position === p.end])).toEqual([
      [0, true],
      [1, true],
      [2, true],
    ]);
    expect(SearchParamsSchema.safeParse({ ...base(), filter: '$.a ==' }).success).toBe(false);
    const err = await appError(() =>
      h.core['messages.search'](
        { ...SearchParamsSchema.parse({ ...base() }), filter: '$.a ==' },
        collect<SearchItem>().ctx,
      ),
    );
    expect(err).toMatchObject({ code: 'VALIDATION', field: 'filter' });
  });

  it('Cancel stops a running scan within a second', async () => {
    const big = uniqueTopic('search-cancel');
    await h.createTopic(big, 2);
    await kcatLoad(
      h.bootstrap,
      big,
      Array.from({ length: 150_000 }, (_, i) => `k${i}\t${'v'.repeat(180)}${i}`),
    );
    const abort = new AbortController();
    const { ctx, items } = collect<SearchItem>(abort.signal);
    let abortedAt = 0;
    const running = h.core['messages.search'](
      SearchParamsSchema.parse({ ...base(), topic: big, filter: 'value contains "never-there"' }),
      {
        ...ctx,
        emit(item) {
          items.push(item);
          if (item.kind === 'progress' && abortedAt === 0 && item.scanned > 0) {
            abortedAt = Date.now();
            abort.abort();
          }
        },
      },
    );
    await running.catch(() => undefined);
    const stoppedAfter = Date.now() - abortedAt;
    expect(abortedAt).toBeGreaterThan(0);
    expect(stoppedAfter).toBeLessThan(1000);
    const last = items.filter((i) => i.kind === 'progress').at(-1) as Extract<SearchItem, { kind: 'progress' }>;
    expect(last.scanned).toBeLessThan(150_000);
    expect(items.some((i) => i.kind === 'done')).toBe(false);
  });
});
