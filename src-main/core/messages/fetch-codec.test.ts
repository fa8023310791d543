import { describe, expect, it } from 'vitest';
import { buildBatch } from '../../kafka-protocol/index.js';
import { readPartition } from './fetch-codec.js';
import { narrowSpare } from './spare.js';

const marker = (baseOffset: bigint, producerId: bigint, type: 0 | 1) =>
  buildBatch({
    baseOffset,
    producerId,
    isTransactional: true,
    isControl: true,
    records: [{ key: Buffer.from([0, 0, 0, type]), value: Buffer.from([0, 0, 0, 0, 0, 0]) }],
  });

// Offsets: 0-1 committed (producer 7), 2 commit marker, 3-4 aborted (producer 8), 5 abort
// marker, 6-7 plain, 8 plain with 9-11 compacted away (the batch still ends at 11).
const batches = [
  buildBatch({
    baseOffset: 0n,
    producerId: 7n,
    isTransactional: true,
    records: [
      { key: 'c', value: 'c0' },
      { key: 'c', value: 'c1' },
    ],
  }),
  marker(2n, 7n, 1),
  buildBatch({
    baseOffset: 3n,
    producerId: 8n,
    isTransactional: true,
    records: [
      { key: 'a', value: 'a3' },
      { key: 'a', value: 'a4' },
    ],
  }),
  marker(5n, 8n, 0),
  buildBatch({
    baseOffset: 6n,
    records: [
      { key: 'p', value: 'p6' },
      { key: 'p', value: 'p7' },
    ],
  }),
  buildBatch({ baseOffset: 8n, lastOffsetDelta: 3, records: [{ key: 'p', value: 'p8', offsetDelta: 0 }] }),
];
const data = Buffer.concat(batches);
const partition = (records: Buffer) => ({
  highWatermark: 12n,
  lastStableOffset: 12n,
  logStartOffset: 0n,
  abortedTransactions: [{ producerId: 8n, firstOffset: 3n }],
  records,
});
const values = (r: ReturnType<typeof readPartition>) => r.records.map((x) => `${x.offset}:${x.value?.toString()}`);

describe('reading record batches of a Fetch response', () => {
  it('skips aborted transactions and markers, and moves past compacted offsets by batch', () => {
    const r = readPartition({ partition: 3, offset: 0n, maxBytes: 1 << 20 }, 0, partition(data), undefined);
    expect(values(r)).toEqual(['0:c0', '1:c1', '6:p6', '7:p7', '8:p8']);
    expect(r).toMatchObject({ partition: 3, next: 12n, seen: 5 });
    expect(r.spare).toBeUndefined();
    expect(r.records[0]!.partition).toBe(3);
  });

  it('drops what comes before the asked offset; a reader going backwards gets it on demand', () => {
    // Asked for 7, the broker answers from the batch holding 7 (6-7).
    const from7 = partition(Buffer.concat(batches.slice(4)));
    expect(values(readPartition({ partition: 0, offset: 7n, maxBytes: 1 }, 0, from7, undefined))).toEqual([
      '7:p7',
      '8:p8',
    ]);
    const early = readPartition({ partition: 0, offset: 7n, maxBytes: 1, keepEarlier: true }, 0, from7, undefined);
    expect(values(early)).toEqual(['7:p7', '8:p8']);
    expect(early.spare!.from).toBe(6n);
    expect(early.spare!.decode().map((x) => `${x.offset}:${x.value?.toString()}`)).toEqual(['6:p6']);
    // The earlier part of an aborted transaction's batch has nothing to offer.
    const aborted = readPartition(
      { partition: 0, offset: 4n, maxBytes: 1, keepEarlier: true },
      0,
      partition(Buffer.concat(batches.slice(2))),
      undefined,
    );
    expect(aborted.spare!.from).toBe(3n);
    expect(aborted.spare!.decode()).toEqual([]);
  });

  it('decodes only up to the end of the range; what came beyond is offered on demand', () => {
    const r = readPartition(
      { partition: 0, offset: 0n, maxBytes: 1, until: 7n, keepLater: true },
      0,
      partition(data),
      undefined,
    );
    expect(values(r)).toEqual(['0:c0', '1:c1', '6:p6']);
    expect(r.seen).toBe(3);
    expect(r.later).toMatchObject({ from: 7n, to: 12n });
    expect(r.later!.decode().map((x) => `${x.offset}:${x.value?.toString()}`)).toEqual(['7:p7', '8:p8']);
    expect(
      readPartition({ partition: 0, offset: 0n, maxBytes: 1, until: 7n }, 0, partition(data), undefined).later,
    ).toBeUndefined();
  });

  it('a spare decodes only the part asked for, and a narrowed spare keeps the rest', () => {
    // One batch of 1,000 records; the reader asked for 990 onwards, so 0-989 are spare.
    const big = buildBatch({
      baseOffset: 0n,
      records: Array.from({ length: 1000 }, (_, i) => ({ key: 'k', value: `v${i}` })),
    });
    const r = readPartition(
      { partition: 0, offset: 990n, maxBytes: 1, keepEarlier: true },
      0,
      partition(big),
      undefined,
    );
    expect(r.records).toHaveLength(10);
    const spare = r.spare!;
    expect([spare.from, spare.to]).toEqual([0n, 990n]);
    const offsets = (xs: { offset: bigint }[]) => xs.map((x) => Number(x.offset));
    expect(offsets(spare.decode(980n, 990n))).toEqual([980, 981, 982, 983, 984, 985, 986, 987, 988, 989]);
    // Bounds outside the spare are cut to it.
    expect(offsets(spare.decode(995n, 2000n))).toEqual([]);
    expect(spare.decode()).toHaveLength(990);
    const rest = narrowSpare(spare, 0n, 980n);
    expect(offsets(rest.decode(975n))).toEqual([975, 976, 977, 978, 979]);
    expect(rest.decode()).toHaveLength(980);
  });

  it('keeps only what the filter accepts, counting everything it saw', () => {
    const r = readPartition({ partition: 0, offset: 0n, maxBytes: 1 }, 0, partition(data), (x) => x.offset % 2n === 0n);
    expect(values(r)).toEqual(['0:c0', '6:p6', '8:p8']);
    expect(r.seen).toBe(5);
  });

  it('a batch cut at the end of the response is left for the next fetch', () => {
    const r = readPartition(
      { partition: 0, offset: 0n, maxBytes: 1 },
      0,
      partition(data.subarray(0, data.length - 5)),
      undefined,
    );
    expect(values(r)).toEqual(['0:c0', '1:c1', '6:p6', '7:p7']);
    expect(r.next).toBe(8n);
  });
});
