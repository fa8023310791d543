import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { Compression, decompress } from '../../kafka-protocol/records/compression.js';
import { lz4Frame } from './lz4-frame.js';

describe('lz4 frames for Kafka', () => {
  it('declares independent blocks and round-trips any size', () => {
    for (const data of [
      Buffer.alloc(0),
      Buffer.from('hello'),
      Buffer.alloc(64 * 1024 + 1, 0x61),
      Buffer.concat([randomBytes(100_000), Buffer.alloc(200_000, 7), randomBytes(50)]),
    ]) {
      const frame = lz4Frame(data);
      expect(frame.readUInt32LE(0)).toBe(0x184d2204);
      expect(frame[4]! & 0x20).toBe(0x20); // block independence
      expect(decompress(Compression.LZ4, frame).equals(data)).toBe(true);
    }
    expect(lz4Frame(Buffer.alloc(300_000, 1)).length).toBeLessThan(10_000);
  });
});
