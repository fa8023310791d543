import { execFileSync } from 'node:child_process';
import { createRequire } from 'node:module';
import * as lz4js from 'lz4js';
import * as snappy from 'snappyjs';
import { describe, expect, it } from 'vitest';
import { ErrorCode, KafkaProtocolError } from '../error-codes.js';
import {
  ATTRIBUTES_OFFSET,
  Compression,
  LENGTH_OFFSET,
  RECORDS_OFFSET,
  RECORD_COUNT_OFFSET,
  buildBatch,
  compress,
  crc32c,
  decompress,
  encodeRecords,
  lz4DecompressFrames,
  parseBatchHeader,
  readRecords,
  rewriteBatchCrc,
  splitBatches,
} from './index.js';

const require = createRequire(import.meta.url);
const { RecordBatch } = require('kafkajs/src/protocol/recordBatch/v0/index.js');
const Record = require('kafkajs/src/protocol/recordBatch/record/v0/index.js');
const { Codecs, Types } = require('kafkajs/src/protocol/message/compression/index.js');
const Long = require('kafkajs/src/utils/long');

// kafkajs ships only gzip; plug the same packages the broker uses in for snappy and lz4.
Codecs[Types.Snappy] = () => ({
  compress: async (enc: { buffer: Buffer }) => Buffer.from(snappy.compress(enc.buffer)),
});
Codecs[Types.LZ4] = () => ({ compress: async (enc: { buffer: Buffer }) => Buffer.from(lz4js.compress(enc.buffer)) });

async function kafkajsBatch(
  compression: number,
  opts: { producerId?: bigint; firstSequence?: number } = {},
): Promise<Buffer> {
  const ts = 1_700_000_000_000;
  const records = [0, 1, 2].map((i) =>
    Record({
      offsetDelta: i,
      timestampDelta: i * 10,
      key: Buffer.from(`key-${i}`),
      value: Buffer.from(`value-${i}`.repeat(20)),
      headers: i === 1 ? { h1: 'x', h2: Buffer.from('yy') } : {},
    }),
  );
  const enc = await RecordBatch({
    compression,
    firstOffset: Long.fromInt(0),
    firstTimestamp: ts,
    maxTimestamp: ts + 20,
    lastOffsetDelta: 2,
    producerId: Long.fromString(String(opts.producerId ?? -1n)),
    producerEpoch: 0,
    firstSequence: opts.firstSequence ?? 0,
    records,
  });
  return Buffer.from(enc.buffer);
}

function expectKafkaError(fn: () => unknown, code: number): void {
  try {
    fn();
  } catch (err) {
    expect(err).toBeInstanceOf(KafkaProtocolError);
    expect((err as KafkaProtocolError).code).toBe(code);
    return;
  }
  throw new Error(`expected KafkaProtocolError ${code}`);
}

/** Replace the records section of an uncompressed batch with an externally compressed body. */
function withBody(batch: Buffer, codec: number, body: Buffer): Buffer {
  const out = Buffer.concat([batch.subarray(0, RECORDS_OFFSET), body]);
  out.writeInt32BE(out.length - 12, LENGTH_OFFSET);
  out.writeInt16BE((out.readInt16BE(ATTRIBUTES_OFFSET) & ~7) | codec, ATTRIBUTES_OFFSET);
  rewriteBatchCrc(out, 0, out.length);
  return out;
}

describe('crc32c', () => {
  it('matches known vectors', () => {
    expect(crc32c(Buffer.from('123456789'))).toBe(0xe3069283);
    expect(crc32c(Buffer.alloc(0))).toBe(0);
    expect(crc32c(Buffer.alloc(32, 0))).toBe(0x8a9136aa);
    expect(crc32c(Buffer.alloc(32, 0xff))).toBe(0x62a8ab43);
  });

  it('agrees between the 8-byte loop and the byte tail for every length', () => {
    const data = Buffer.from(Array.from({ length: 100 }, (_, i) => (i * 37) & 0xff));
    const bytewise = (b: Buffer): number => {
      let c = ~0;
      for (const x of b) {
        c ^= x;
        for (let k = 0; k < 8; k++) c = c & 1 ? (c >>> 1) ^ 0x82f63b78 : c >>> 1;
      }
      return ~c >>> 0;
    };
    for (let n = 0; n <= data.length; n++) expect(crc32c(data, 0, n)).toBe(bytewise(data.subarray(0, n)));
  });
});

describe('batches built by kafkajs', () => {
  for (const [name, codec] of [
    ['none', Types.None],
    ['gzip', Types.GZIP],
    ['snappy (raw)', Types.Snappy],
    ['lz4', Types.LZ4],
  ] as const) {
    it(`parses header and records: ${name}`, async () => {
      const buf = await kafkajsBatch(codec, { producerId: 42n, firstSequence: 7 });
      const [view] = splitBatches(buf);
      const h = view.header;
      expect(h).toMatchObject({
        baseOffset: 0n,
        magic: 2,
        compression: codec,
        lastOffsetDelta: 2,
        recordCount: 3,
        baseTimestamp: 1_700_000_000_000n,
        maxTimestamp: 1_700_000_000_020n,
        producerId: 42n,
        producerEpoch: 0,
        baseSequence: 7,
        isControl: false,
        isTransactional: false,
        timestampType: 'CreateTime',
      });
      expect(view.buf.length).toBe(buf.length);
      const recs = readRecords(view.buf);
      expect(recs.map((r) => r.key?.toString())).toEqual(['key-0', 'key-1', 'key-2']);
      expect(recs[2].value?.toString()).toBe('value-2'.repeat(20));
      expect(recs.map((r) => r.offset)).toEqual([0n, 1n, 2n]);
      expect(recs.map((r) => r.timestamp)).toEqual([1_700_000_000_000n, 1_700_000_000_010n, 1_700_000_000_020n]);
      expect(recs[1].headers).toEqual([
        { key: 'h1', value: Buffer.from('x') },
        { key: 'h2', value: Buffer.from('yy') },
      ]);
    });
  }

  it('splits several concatenated batches zero-copy', async () => {
    const a = await kafkajsBatch(Types.None);
    const b = await kafkajsBatch(Types.GZIP);
    const payload = Buffer.concat([a, b]);
    const views = splitBatches(payload);
    expect(views.map((v) => v.position)).toEqual([0, a.length]);
    expect(views[1].buf.buffer).toBe(payload.buffer);
  });
});

describe('compression codecs', () => {
  const plain = encodeRecords(
    Array.from({ length: 50 }, (_, i) => ({ key: `k${i}`, value: `v${i}`.repeat(30) })),
    1000n,
  );

  it('round-trips gzip, xerial snappy and lz4 through the builder', () => {
    for (const codec of [Compression.GZIP, Compression.SNAPPY, Compression.LZ4]) {
      const batch = buildBatch({
        records: [
          { key: 'a', value: 'b'.repeat(100000) },
          { key: 'c', value: null },
        ],
        compression: codec,
      });
      const recs = readRecords(batch);
      expect(recs[0].value?.length).toBe(100000);
      expect(recs[1].value).toBeNull();
    }
  });

  it('skips records below fromOffset without decoding them', () => {
    const batch = buildBatch({
      baseOffset: 100n,
      records: Array.from({ length: 10 }, (_, i) => ({ key: `k${i}`, value: `v${i}` })),
    });
    expect(readRecords(batch, { fromOffset: 107n }).map((r) => [r.offset, r.value?.toString()])).toEqual([
      [107n, 'v7'],
      [108n, 'v8'],
      [109n, 'v9'],
    ]);
    expect(readRecords(batch, { fromOffset: 0n })).toHaveLength(10);
    expect(readRecords(batch, { fromOffset: 1n << 40n })).toEqual([]);
  });

  it('skips by offset delta in a compacted batch, where record i no longer has delta i', () => {
    // Deltas 0, 3, 4, 8 of 0-9: what compaction leaves.
    const batch = buildBatch({
      baseOffset: 100n,
      lastOffsetDelta: 9,
      records: [0, 3, 4, 8].map((d) => ({ key: `k${d}`, value: `v${d}`, offsetDelta: d })),
    });
    expect(readRecords(batch, { fromOffset: 103n }).map((r) => r.offset)).toEqual([103n, 104n, 108n]);
    expect(readRecords(batch, { fromOffset: 105n }).map((r) => r.offset)).toEqual([108n]);
  });

  it('reads raw and xerial-framed snappy', () => {
    const raw = Buffer.from(snappy.compress(plain));
    const xerial = compress(Compression.SNAPPY, plain);
    expect(xerial.subarray(0, 8).toString('latin1')).toBe('\x82SNAPPY\x00');
    expect(decompress(Compression.SNAPPY, raw).equals(plain)).toBe(true);
    expect(decompress(Compression.SNAPPY, xerial).equals(plain)).toBe(true);
  });

  it('decodes lz4 frames produced by lz4js, with blocks, and bounds output', () => {
    const big = Buffer.concat([plain, Buffer.alloc(300_000, 3), plain]);
    expect(lz4DecompressFrames(lz4js.compress(big), 1 << 30).equals(big)).toBe(true);
    expectKafkaError(() => lz4DecompressFrames(lz4js.compress(big), 1000), ErrorCode.CORRUPT_MESSAGE);
    expectKafkaError(() => decompress(Compression.LZ4, Buffer.from('garbage garbage')), ErrorCode.CORRUPT_MESSAGE);
  });

  it('decodes a zstd fixture made by the zstd CLI', () => {
    // `printf 'hello zstd hello zstd hello zstd' | zstd` (with and without content size).
    const expected = 'hello zstd hello zstd hello zstd';
    for (const hex of [
      '28b52ffd24208d00005868656c6c6f207a737464200100fe8a170a03228e',
      '28b52ffd04008d00005868656c6c6f207a737464200100fe8a170a03228e',
    ]) {
      expect(decompress(Compression.ZSTD, Buffer.from(hex, 'hex')).toString()).toBe(expected);
    }
    expectKafkaError(() => decompress(Compression.ZSTD, Buffer.from(expected)), ErrorCode.CORRUPT_MESSAGE);
    // A header declaring a 4 GiB content size is refused before anything is allocated.
    const forged = Buffer.from('28b52ffd8000000000010000', 'hex');
    expectKafkaError(() => decompress(Compression.ZSTD, forged, 1 << 20), ErrorCode.CORRUPT_MESSAGE);
  });

  let hasZstdCli: boolean;
  try {
    execFileSync('zstd', ['--version']);
    hasZstdCli = true;
  } catch {
    hasZstdCli = false;
  }
  it.skipIf(!hasZstdCli)('reads a zstd batch whose records were compressed by the zstd CLI', () => {
    const base = buildBatch({ records: Array.from({ length: 20 }, (_, i) => ({ key: `k${i}`, value: `value ${i}` })) });
    const body = execFileSync('zstd', ['-q', '-c', '-3'], { input: base.subarray(RECORDS_OFFSET) });
    const batch = withBody(base, Compression.ZSTD, body);
    const [view] = splitBatches(batch);
    expect(view.header.compression).toBe(Compression.ZSTD);
    expect(readRecords(view.buf).map((r) => r.value?.toString())).toEqual(
      Array.from({ length: 20 }, (_, i) => `value ${i}`),
    );
  });

  it('rejects gzip bombs past the output ceiling', () => {
    const bomb = compress(Compression.GZIP, Buffer.alloc(10_000_000));
    expectKafkaError(() => decompress(Compression.GZIP, bomb, 1_000_000), ErrorCode.CORRUPT_MESSAGE);
  });
});

describe('validation against garbage', () => {
  it('rejects old magic, bad CRC and truncation', async () => {
    const good = await kafkajsBatch(Types.None);
    const v1 = Buffer.from(good);
    v1[16] = 1;
    expectKafkaError(() => splitBatches(v1), ErrorCode.UNSUPPORTED_FOR_MESSAGE_FORMAT);
    const badCrc = Buffer.from(good);
    badCrc[badCrc.length - 1] ^= 0xff;
    expectKafkaError(() => splitBatches(badCrc), ErrorCode.CORRUPT_MESSAGE);
    expectKafkaError(() => splitBatches(good.subarray(0, good.length - 1)), ErrorCode.CORRUPT_MESSAGE);
    expectKafkaError(() => splitBatches(good.subarray(0, 20)), ErrorCode.CORRUPT_MESSAGE);
    expectKafkaError(() => splitBatches(Buffer.concat([good, Buffer.alloc(5)])), ErrorCode.CORRUPT_MESSAGE);
    const tiny = Buffer.from(good);
    tiny.writeInt32BE(10, LENGTH_OFFSET);
    expectKafkaError(() => splitBatches(tiny), ErrorCode.CORRUPT_MESSAGE);
  });

  it('a forged record count fails fast instead of allocating', () => {
    const batch = buildBatch({ records: [{ key: 'a', value: 'b' }] });
    batch.writeInt32BE(0x7fffffff, RECORD_COUNT_OFFSET);
    rewriteBatchCrc(batch, 0, batch.length);
    expectKafkaError(() => readRecords(batch), ErrorCode.INVALID_RECORD);
    batch.writeInt32BE(2, RECORD_COUNT_OFFSET);
    rewriteBatchCrc(batch, 0, batch.length);
    expectKafkaError(() => readRecords(batch), ErrorCode.INVALID_RECORD);
  });

  it('survives random garbage inside records', () => {
    const base = buildBatch({
      records: Array.from({ length: 10 }, (_, i) => ({
        key: `k${i}`,
        value: `v${i}`,
        headers: [{ key: 'h', value: 'x' }],
      })),
    });
    let seed = 1;
    const rand = () => (seed = (seed * 1103515245 + 12345) & 0x7fffffff) % 256;
    for (let trial = 0; trial < 500; trial++) {
      const b = Buffer.from(base);
      for (let k = 0; k < 4; k++) b[RECORDS_OFFSET + ((rand() * 7 + rand()) % (b.length - RECORDS_OFFSET))] = rand();
      try {
        readRecords(b);
      } catch (err) {
        expect(err).toBeInstanceOf(KafkaProtocolError);
      }
    }
  });

  it('builder output parses back with its header fields', () => {
    const b = buildBatch({
      baseOffset: 100n,
      records: [
        { key: 'a', value: '1', timestamp: 5000n },
        { key: 'b', value: '2', timestamp: 4000n, offsetDelta: 3 },
      ],
      lastOffsetDelta: 5,
      producerId: 9n,
      producerEpoch: 2,
      baseSequence: 11,
    });
    const h = parseBatchHeader(b);
    expect(h).toMatchObject({
      baseOffset: 100n,
      lastOffsetDelta: 5,
      baseTimestamp: 4000n,
      maxTimestamp: 5000n,
      recordCount: 2,
      producerId: 9n,
    });
    expect(readRecords(b).map((r) => [r.offset, r.timestamp])).toEqual([
      [100n, 5000n],
      [103n, 4000n],
    ]);
  });
});
