import kafkajs from 'kafkajs';
import { describe, expect, it } from 'vitest';
import { murmur2, partitionForKey } from './key-partition.js';

describe('where a key lands', () => {
  it("matches the Java client's murmur2 (known values)", () => {
    // Values from org.apache.kafka.common.utils.UtilsTest.testMurmur2.
    const cases: [string, number][] = [
      ['21', -973932308],
      ['foobar', -790332482],
      ['a-little-bit-long-string', -985981536],
      ['a-little-bit-longer-string', -1486304829],
      ['lkjh234lh9fiuh90y23oiuhsafujhadof229phr9h19h89h8', -58897971],
    ];
    for (const [s, h] of cases) expect(murmur2(new TextEncoder().encode(s))).toBe(h);
  });

  it("matches kafkajs's default partitioner, which Samsa produces with", () => {
    const partitioner = kafkajs.Partitioners.DefaultPartitioner();
    for (const n of [1, 3, 7, 12, 100]) {
      const partitionMetadata = Array.from({ length: n }, (_, i) => ({ partitionId: i, leader: 0 }));
      for (let i = 0; i < 300; i++) {
        const key = `key-${i}-${'é'.repeat(i % 5)}`;
        const expected = partitioner({
          topic: 't',
          partitionMetadata: partitionMetadata as never,
          message: { key, value: null },
        });
        expect(partitionForKey(key, n)).toBe(expected);
      }
    }
  });
});
