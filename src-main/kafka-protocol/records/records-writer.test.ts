import { describe, expect, it } from 'vitest';
import { RECORDS_OFFSET, parseBatchHeader } from './batch-header.js';
import { writeBatchHeader } from './batch-builder.js';
import { readRecords } from './record-iterator.js';
import { RecordsWriter } from './records-writer.js';

/** A batch from a writer, read back by the record iterator (the broker's own reader). */
function batchOf(w: RecordsWriter, baseTimestamp = 1_000n): Buffer {
  const count = w.count;
  const b = w.finish();
  return writeBatchHeader(b, {
    size: b.length,
    count,
    lastOffsetDelta: count - 1,
    baseTimestamp,
    maxTimestamp: baseTimestamp,
  });
}

describe('RecordsWriter', () => {
  it('writes strings as UTF-8 and buffers as they are, with nulls, empties and headers', () => {
    const w = new RecordsWriter(RECORDS_OFFSET);
    w.append('k1', 'héllo → 世界 🙂');
    w.append(null, null);
    w.append(Buffer.from([0, 255, 1]), '', [
      { key: 'trace', value: 'ünï' },
      { key: 'bin', value: Buffer.from([9, 8]) },
      { key: 'none', value: null },
    ]);
    w.append('', Buffer.alloc(0), [], -5, 7);
    const records = readRecords(batchOf(w));
    expect(records).toHaveLength(4);
    expect(records[0]!.key!.toString()).toBe('k1');
    expect(records[0]!.value!.toString()).toBe('héllo → 世界 🙂');
    expect(records[1]!.key).toBeNull();
    expect(records[1]!.value).toBeNull();
    expect([...records[2]!.key!]).toEqual([0, 255, 1]);
    expect(records[2]!.value!.length).toBe(0);
    expect(records[2]!.headers.map((h) => [h.key, h.value === null ? null : [...h.value]])).toEqual([
      ['trace', [...Buffer.from('ünï')]],
      ['bin', [9, 8]],
      ['none', null],
    ]);
    expect(records[3]!.key!.length).toBe(0);
    expect(records[3]!.timestamp).toBe(995n);
    expect(records[3]!.offsetDelta).toBe(7);
    expect(records.map((r) => r.offsetDelta)).toEqual([0, 1, 2, 7]);
  });

  it('grows past its first buffer and past the shared scratch space, keeping every byte', () => {
    const w = new RecordsWriter(RECORDS_OFFSET, 64);
    const big = 'x'.repeat(300_000) + 'é'.repeat(50_000); // beyond the 64 KiB scratch buffer
    const values = [big, ...Array.from({ length: 2_000 }, (_, i) => `value-${i}-${'ab'.repeat(i % 50)}`), big];
    for (const [i, v] of values.entries()) w.append(`key-${i}`, v);
    const b = batchOf(w);
    expect(parseBatchHeader(b).recordCount).toBe(values.length);
    const read = readRecords(b);
    expect(read.map((r) => r.value!.toString())).toEqual(values);
    expect(read.map((r) => r.key!.toString())).toEqual(values.map((_, i) => `key-${i}`));
  });

  it('leaves the headroom in front of the records', () => {
    const w = new RecordsWriter(5);
    w.append('a', 'b');
    const out = w.finish();
    expect(w.size).toBe(out.length - 5);
    expect(out.length).toBeGreaterThan(5);
  });
});
