/**
 * Record-batch compression codecs (attributes bits 0-2). Decompression is bounded by
 * `maxOutput` so a forged payload cannot balloon memory. Compression is offered for the codecs
 * we can produce in pure JS (compaction rewrites keep the original codec where possible).
 */
import zlib from 'node:zlib';
import * as snappy from 'snappyjs';
import * as lz4js from 'lz4js';
import { Decompress as ZstdDecompress } from 'fzstd';
import { ErrorCode, KafkaProtocolError } from '../error-codes.js';
import { lz4DecompressFrames } from './lz4.js';

export const Compression = { NONE: 0, GZIP: 1, SNAPPY: 2, LZ4: 3, ZSTD: 4 } as const;
export type CompressionType = (typeof Compression)[keyof typeof Compression];

/** Default ceiling for one batch's decompressed records. */
export const DEFAULT_MAX_DECOMPRESSED = 256 * 1024 * 1024;

const XERIAL_MAGIC = Buffer.from([0x82, 0x53, 0x4e, 0x41, 0x50, 0x50, 0x59, 0x00]);
const XERIAL_HEADER_SIZE = 16; // magic + version int32 + compatible version int32
const XERIAL_BLOCK = 32 * 1024;

function corrupt(msg: string, cause?: unknown): never {
  const detail = cause instanceof Error ? `: ${cause.message}` : '';
  throw new KafkaProtocolError(ErrorCode.CORRUPT_MESSAGE, `${msg}${detail}`);
}

function asBuffer(u: Uint8Array): Buffer {
  return Buffer.isBuffer(u) ? u : Buffer.from(u.buffer, u.byteOffset, u.length);
}

function snappyDecompress(data: Buffer, maxOutput: number): Buffer {
  const isXerial = data.length >= XERIAL_HEADER_SIZE && data.subarray(0, 8).equals(XERIAL_MAGIC);
  if (!isXerial) return asBuffer(snappy.uncompress(data, maxOutput));
  const parts: Buffer[] = [];
  let total = 0;
  let pos = XERIAL_HEADER_SIZE;
  while (pos < data.length) {
    if (pos + 4 > data.length) corrupt('Snappy: truncated xerial block length');
    const len = data.readInt32BE(pos);
    pos += 4;
    if (len < 0 || pos + len > data.length) corrupt('Snappy: xerial block past end of input');
    const part = asBuffer(snappy.uncompress(data.subarray(pos, pos + len), maxOutput - total));
    total += part.length;
    parts.push(part);
    pos += len;
  }
  return parts.length === 1 ? parts[0] : Buffer.concat(parts, total);
}

/** Reject zstd frames whose declared window/content size exceeds the budget before fzstd allocates. */
function checkZstdFrameHeader(data: Uint8Array, maxOutput: number): void {
  if (data.length < 6) corrupt('Zstd: truncated frame header');
  const magic = (data[0] | (data[1] << 8) | (data[2] << 16) | (data[3] << 24)) >>> 0;
  if (magic !== 0xfd2fb528) return; // skippable or bad frames: fzstd reports those itself
  const fhd = data[4];
  const singleSegment = (fhd >> 5) & 1;
  const fcsFlag = fhd >> 6;
  let window = 0;
  if (!singleSegment) {
    const wd = data[5];
    const base = 2 ** (10 + (wd >> 3));
    window = base + (base / 8) * (wd & 7);
  }
  const fcsBytes = fcsFlag === 0 ? singleSegment : 1 << fcsFlag;
  const dictBytes = [0, 1, 2, 4][fhd & 3];
  const fcsPos = 5 + (singleSegment ? 0 : 1) + dictBytes;
  let fcs = 0;
  if (fcsPos + fcsBytes > data.length) corrupt('Zstd: truncated frame header');
  for (let i = fcsBytes - 1; i >= 0; i--) fcs = fcs * 256 + data[fcsPos + i];
  if (fcsBytes === 2) fcs += 256;
  // fzstd's streaming decoder allocates the window up front (the content size when single-segment).
  const windowLimit = Math.max(maxOutput, 64 * 1024 * 1024);
  if (window > windowLimit) corrupt(`Zstd: window ${window} exceeds ${windowLimit} bytes`);
  if (fcs > maxOutput) corrupt(`Zstd: content size ${fcs} exceeds ${maxOutput}`);
}

function zstdDecompress(data: Buffer, maxOutput: number): Buffer {
  checkZstdFrameHeader(data, maxOutput);
  const parts: Buffer[] = [];
  let total = 0;
  const d = new ZstdDecompress((chunk) => {
    total += chunk.length;
    if (total > maxOutput) corrupt(`Zstd: output exceeds ${maxOutput} bytes`);
    parts.push(Buffer.from(chunk)); // fzstd may reuse its window buffer: copy
  });
  d.push(data, true);
  return parts.length === 1 ? parts[0] : Buffer.concat(parts, total);
}

export function decompress(type: number, data: Buffer, maxOutput = DEFAULT_MAX_DECOMPRESSED): Buffer {
  try {
    switch (type) {
      case Compression.NONE:
        return data;
      case Compression.GZIP:
        return zlib.gunzipSync(data, { maxOutputLength: maxOutput });
      case Compression.SNAPPY:
        return snappyDecompress(data, maxOutput);
      case Compression.LZ4:
        return lz4DecompressFrames(data, maxOutput);
      case Compression.ZSTD:
        return zstdDecompress(data, maxOutput);
    }
  } catch (err) {
    if (err instanceof KafkaProtocolError) throw err;
    corrupt(`Cannot decompress ${codecName(type)} records`, err);
  }
  throw new KafkaProtocolError(ErrorCode.CORRUPT_MESSAGE, `Unknown compression type ${type}`);
}

/** Whether `compress` can produce this codec (zstd is decompress-only in pure JS). */
export function canCompress(type: number): boolean {
  return type >= Compression.NONE && type <= Compression.LZ4;
}

export function compress(type: number, data: Buffer): Buffer {
  switch (type) {
    case Compression.NONE:
      return data;
    case Compression.GZIP:
      return zlib.gzipSync(data);
    case Compression.SNAPPY: {
      // Xerial framing, which every Kafka client reads.
      const parts: Buffer[] = [Buffer.from(XERIAL_MAGIC), Buffer.from([0, 0, 0, 1, 0, 0, 0, 1])];
      for (let pos = 0; pos < data.length; pos += XERIAL_BLOCK) {
        const block = asBuffer(snappy.compress(data.subarray(pos, pos + XERIAL_BLOCK)));
        const len = Buffer.alloc(4);
        len.writeInt32BE(block.length);
        parts.push(len, block);
      }
      return Buffer.concat(parts);
    }
    case Compression.LZ4:
      return asBuffer(lz4js.compress(data));
  }
  throw new KafkaProtocolError(ErrorCode.UNSUPPORTED_VERSION, `Cannot compress with ${codecName(type)}`);
}

export function codecName(type: number): string {
  return ['none', 'gzip', 'snappy', 'lz4', 'zstd'][type] ?? `codec ${type}`;
}
