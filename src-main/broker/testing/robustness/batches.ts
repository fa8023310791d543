/**
 * Record batches for Produce fuzzing: valid ones, and ones broken in the ways a buggy or hostile
 * client could break them (CRC, magic, counts, lengths, codecs, compressed garbage, bombs).
 */
import zlib from 'node:zlib';
import { buildBatch, Compression, rewriteBatchCrc } from '../../../kafka-protocol/index.js';
import type { Rng } from './prng.js';

// Offsets inside a v2 batch (see records/batch-header.ts).
const LENGTH = 8;
const MAGIC = 16;
const CRC = 17;
const ATTRIBUTES = 21;
const LAST_OFFSET_DELTA = 23;
const RECORD_COUNT = 57;
const RECORDS = 61;

export function validBatch(rng: Rng, compression: number = Compression.NONE): Buffer {
  const n = rng.int(1, 5);
  const records = Array.from({ length: n }, (_, i) => ({
    key: `k${rng.int(0, 9)}`,
    value: `v${i}-${rng.int(0, 1e6)}`,
  }));
  return buildBatch({ records, compression });
}

/** Bombs are costly to build, so each size is compressed once per process. */
const bombs = new Map<number, Buffer>();

/** A gzip batch whose records section inflates to `mb` MiB of zeros (a few hundred KiB on the wire). */
export function gzipBomb(mb: number): Buffer {
  let b = bombs.get(mb);
  if (!b) {
    // gzip members concatenate: N copies of (1 MiB of zeros, gzipped) inflate to N MiB.
    const member = zlib.gzipSync(Buffer.alloc(1024 * 1024), { level: 9 });
    b = buildBombBatch(Compression.GZIP, Buffer.concat(Array.from({ length: mb }, () => member)));
    bombs.set(mb, b);
  }
  return b;
}

function buildBombBatch(codec: number, payload: Buffer): Buffer {
  const b = buildBatch({ records: [{ key: 'bomb', value: 'x' }] });
  const out = Buffer.concat([b.subarray(0, RECORDS), payload]);
  out.writeInt32BE(out.length - 12, LENGTH);
  out.writeInt16BE(codec, ATTRIBUTES);
  rewriteBatchCrc(out, 0, out.length);
  return out;
}

export type BatchFault =
  | 'valid'
  | 'valid-compressed'
  | 'garbage'
  | 'bad-crc'
  | 'bad-magic'
  | 'forged-count'
  | 'huge-delta'
  | 'lying-length'
  | 'bogus-codec'
  | 'compressed-garbage'
  | 'gzip-bomb'
  | 'truncated'
  | 'two-batches-one-bad';

export const BATCH_FAULTS: readonly BatchFault[] = [
  'valid',
  'valid-compressed',
  'garbage',
  'bad-crc',
  'bad-magic',
  'forged-count',
  'huge-delta',
  'lying-length',
  'bogus-codec',
  'compressed-garbage',
  'gzip-bomb',
  'truncated',
  'two-batches-one-bad',
];

/**
 * `maxBombMb` caps the gzip bomb: the broker inflates batches for compacted topics (to check keys),
 * and a 300 MiB bomb there is a known open issue covered by its own test in fuzz.int.test.ts.
 */
export function faultyBatch(rng: Rng, fault: BatchFault, maxBombMb = 300): Buffer {
  const b = validBatch(rng);
  switch (fault) {
    case 'valid':
      return b;
    case 'valid-compressed':
      return validBatch(rng, rng.pick([Compression.GZIP, Compression.SNAPPY, Compression.LZ4]));
    case 'garbage':
      return rng.bytes(rng.int(1, 400));
    case 'bad-crc':
      b[rng.chance(0.5) ? rng.int(CRC, CRC + 3) : rng.int(ATTRIBUTES, b.length - 1)] ^= 1 << rng.int(0, 7);
      return b;
    case 'bad-magic':
      b[MAGIC] = rng.pick([0, 1, 3, 127, 255]);
      if (rng.chance(0.5)) rewriteBatchCrc(b, 0, b.length);
      return b;
    case 'forged-count':
      b.writeInt32BE(rng.pick([-1, 0, 2 ** 31 - 1, 1_000_000, rng.int(2, 100)]), RECORD_COUNT);
      rewriteBatchCrc(b, 0, b.length);
      return b;
    case 'huge-delta': {
      // Consistent count and lastOffsetDelta, both far beyond the records actually present.
      const count = rng.pick([2 ** 31 - 1, 2 ** 31 - 2, 1_000_000_000, 65_536]);
      b.writeInt32BE(count, RECORD_COUNT);
      b.writeInt32BE(count - 1, LAST_OFFSET_DELTA);
      rewriteBatchCrc(b, 0, b.length);
      return b;
    }
    case 'lying-length':
      b.writeInt32BE(
        rng.pick([-1, 0, 10, 48, b.length - 12 + rng.int(1, 100), b.length - 12 - rng.int(1, 20), 2 ** 31 - 1]),
        LENGTH,
      );
      return b;
    case 'bogus-codec':
      b.writeInt16BE(rng.int(5, 7) | (rng.chance(0.3) ? 0x40 : 0), ATTRIBUTES);
      rewriteBatchCrc(b, 0, b.length);
      return b;
    case 'compressed-garbage':
      return buildBombBatch(rng.int(1, 4), rng.bytes(rng.int(0, 300)));
    case 'gzip-bomb':
      return gzipBomb(Math.min(maxBombMb, rng.pick([16, 300])));
    case 'truncated':
      return b.subarray(0, rng.int(1, b.length - 1));
    case 'two-batches-one-bad': {
      const bad = validBatch(rng);
      bad[rng.int(RECORDS, bad.length - 1)] ^= 0xff; // CRC now wrong
      return Buffer.concat(rng.chance(0.5) ? [b, bad] : [bad, b]);
    }
  }
}
