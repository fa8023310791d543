import { describe, expect, it } from 'vitest';
import { analyseKeyMoves, type SampledRecord } from './key-moves.js';
import { partitionFor } from './partitioners.js';

const keyed = (keys: string[], count: number, rule: 'murmur2' | 'crc32' = 'murmur2'): SampledRecord[] =>
  keys.map((k) => ({ key: Buffer.from(k), partition: partitionFor(rule, Buffer.from(k), count) }));

const keys = Array.from({ length: 50 }, (_, i) => `user-${i}`);

describe('analyseKeyMoves', () => {
  it('recognises murmur2 placement and counts the keys whose partition changes', () => {
    const records = [...keyed(keys, 3), ...keyed(keys.slice(0, 10), 3), { key: null, partition: 1 }];
    const r = analyseKeyMoves(records, 3, 4);
    const moving = keys.filter(
      (k) => partitionFor('murmur2', Buffer.from(k), 3) !== partitionFor('murmur2', Buffer.from(k), 4),
    );
    expect(r).toMatchObject({
      partitioner: 'murmur2',
      sampledRecords: 61,
      keyedRecords: 60,
      distinctKeys: 50,
      movingKeys: moving.length,
      matchingRecords: 60,
    });
    // Records of a moving key count once per record.
    const movingRecords = moving.length + moving.filter((k) => keys.slice(0, 10).includes(k)).length;
    expect(r.movingRecords).toBe(movingRecords);
    expect(r.examples.length).toBeLessThanOrEqual(8);
    for (const e of r.examples) {
      expect(e.from).toBe(partitionFor('murmur2', Buffer.from(e.key), 3));
      expect(e.to).toBe(partitionFor('murmur2', Buffer.from(e.key), 4));
    }
  });

  it("recognises librdkafka's crc32 placement", () => {
    expect(analyseKeyMoves(keyed(keys, 6, 'crc32'), 6, 12).partitioner).toBe('crc32');
  });

  it('names no partitioner when keys sit where neither hash puts them, and still answers for murmur2', () => {
    const r = analyseKeyMoves(
      keys.map((k) => ({ key: Buffer.from(k), partition: 0 })),
      4,
      8,
    );
    expect(r.partitioner).toBeNull();
    expect(r.distinctKeys).toBe(50);
    expect(r.matchingRecords).toBe(keys.filter((k) => partitionFor('murmur2', Buffer.from(k), 4) === 0).length);
  });

  it('shows binary keys as hex and nothing moves without keys', () => {
    const bin = analyseKeyMoves([{ key: new Uint8Array([0, 255, 1]), partition: 0 }], 1, 2);
    if (bin.movingKeys) expect(bin.examples[0]!.key).toBe('0x00ff01');
    expect(analyseKeyMoves([{ key: null, partition: 0 }], 1, 5)).toMatchObject({
      keyedRecords: 0,
      movingKeys: 0,
      partitioner: null,
    });
  });
});
