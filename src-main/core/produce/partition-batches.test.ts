import { describe, expect, it } from 'vitest';
import { partitionForKey } from '../../contract/key-partition.js';
import { Compression, parseBatchHeader, readRecords } from '../../kafka-protocol/index.js';
import { encodeBatch, PartitionBatches } from './produce-codec.js';

describe('PartitionBatches (records sorted into batches as a bulk send makes them)', () => {
  it('puts keyed records where murmur2 says, keyless ones on the send’s partition, chosen ones where chosen', () => {
    const b = new PartitionBatches(6, 4);
    const keys = Array.from({ length: 200 }, (_, i) => `order-${i}`);
    for (const k of keys) b.add({ key: Buffer.from(k), value: `{"k":"${k}"}`, headers: [], partition: null });
    b.add({ key: null, value: 'no key', headers: [], partition: null });
    b.add({
      key: Buffer.from('order-0'),
      value: 'pinned',
      headers: [{ key: 'h', value: Buffer.from('v') }],
      partition: 2,
    });
    expect(b.records).toBe(202);
    const out = b.finish(Compression.NONE);

    const where = new Map<string, number>();
    let total = 0;
    for (const [partition, { batch, count }] of out) {
      const header = parseBatchHeader(batch);
      expect(header.recordCount).toBe(count);
      expect(header.lastOffsetDelta).toBe(count - 1);
      const records = readRecords(batch);
      expect(records).toHaveLength(count);
      expect(records.map((r) => r.offsetDelta)).toEqual(records.map((_, i) => i));
      for (const r of records) where.set(r.value!.toString(), partition);
      total += count;
    }
    expect(total).toBe(202);
    for (const k of keys) expect(where.get(`{"k":"${k}"}`)).toBe(partitionForKey(k, 6));
    expect(where.get('no key')).toBe(4);
    expect(where.get('pinned')).toBe(2);
  });

  it('compresses each batch as asked, and its records read back the same', () => {
    const b = new PartitionBatches(1, 0);
    for (let i = 0; i < 500; i++)
      b.add({ key: null, value: `record ${i} ${'z'.repeat(100)}`, headers: [], partition: null });
    const [[, { batch }]] = [...b.finish(Compression.GZIP)];
    expect(parseBatchHeader(batch).compression).toBe(Compression.GZIP);
    expect(batch.length).toBeLessThan(500 * 100);
    expect(readRecords(batch).map((r) => r.value!.toString())).toEqual(
      Array.from({ length: 500 }, (_, i) => `record ${i} ${'z'.repeat(100)}`),
    );
  });

  it('writes the same records section as a batch built from a list', () => {
    const records = Array.from({ length: 50 }, (_, i) => ({
      key: Buffer.from(`k${i}`),
      value: `v${i}`,
      headers: [],
      partition: 0,
    }));
    const b = new PartitionBatches(1, 0);
    for (const r of records) b.add(r);
    const streamed = b.finish(Compression.NONE).get(0)!.batch;
    const listed = encodeBatch(records, Compression.NONE, Number(parseBatchHeader(streamed).baseTimestamp));
    expect(streamed.equals(listed)).toBe(true);
  });
});
