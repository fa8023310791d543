import kafkajs from 'kafkajs';
import { describe, expect, it } from 'vitest';
import { murmur2, partitionFor } from './partitioners.js';

const { Partitioners } = kafkajs;

describe('partitioners', () => {
  it('murmur2 puts keys where kafkajs (Java-compatible) puts them, for every key length', () => {
    const partitioner = Partitioners.DefaultPartitioner();
    const keys = ['', 'a', 'ab', 'abc', 'abcd', 'customer-17', 'ünïcødé key', 'x'.repeat(257)];
    for (let n = 1; n <= 12; n++) {
      const partitionMetadata = Array.from({ length: n }, (_, i) => ({
        partitionId: i,
        leader: 1,
        partitionErrorCode: 0,
        replicas: [1],
        isr: [1],
      }));
      for (const key of keys) {
        const expected = partitioner({ topic: 't', partitionMetadata, message: { key, value: null } });
        expect(partitionFor('murmur2', Buffer.from(key), n), `${key} over ${n}`).toBe(expected);
      }
    }
  });

  it("murmur2 matches Kafka's own test vector", () => {
    // org.apache.kafka.common.utils.UtilsTest#testMurmur2: "21" → -973932308
    expect(murmur2(Buffer.from('21'))).toBe(-973932308);
  });

  it('crc32 is the IEEE CRC-32 librdkafka hashes keys with', () => {
    // CRC-32 check value of "123456789" is 0xCBF43926 = 3421780262.
    expect(partitionFor('crc32', Buffer.from('123456789'), 1_000_000_007)).toBe(3421780262 % 1_000_000_007);
  });
});
