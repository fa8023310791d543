/**
 * Decode the records inside a v2 batch (decompressing first when needed). Only compaction,
 * key validation and timestamp lookups come here; the append/read hot paths never do.
 *
 * Record: length varint | attributes int8 | timestampDelta varlong | offsetDelta varint |
 *         keyLength varint | key | valueLength varint | value | headerCount varint |
 *         [keyLength varint | key | valueLength varint | value]
 */
import { ErrorCode, KafkaProtocolError } from '../error-codes.js';
import { type BatchHeader, parseBatchHeader, RECORDS_OFFSET, LOG_OVERHEAD } from './batch-header.js';
import { decompress, DEFAULT_MAX_DECOMPRESSED } from './compression.js';
import { type Cursor, readVarint, readVarlong } from './varint.js';

export interface RecordHeader {
  key: string;
  value: Buffer | null;
}

export interface KafkaRecord {
  offset: bigint;
  offsetDelta: number;
  timestamp: bigint;
  attributes: number;
  key: Buffer | null;
  value: Buffer | null;
  headers: RecordHeader[];
}

/** A record's smallest encoding: length, attributes, ts delta, offset delta, key, value, headers. */
const MIN_RECORD_SIZE = 7;

function invalid(msg: string): never {
  throw new KafkaProtocolError(ErrorCode.INVALID_RECORD, msg);
}

function readBytes(c: Cursor, what: string): Buffer | null {
  const len = readVarint(c);
  if (len < 0) return null;
  if (c.pos + len > c.end) invalid(`Record ${what} runs past the record`);
  const b = c.buf as Buffer;
  const out = b.subarray(c.pos, c.pos + len);
  c.pos += len;
  return out;
}

export interface IterateOptions {
  /** Ceiling for the decompressed size of one batch. */
  maxDecompressedBytes?: number;
  /** Skip decoding headers (faster when only keys/timestamps are needed). */
  skipHeaders?: boolean;
  /** Skip records below this offset without decoding them (a reader that starts mid-batch). */
  fromOffset?: bigint;
}

/** The uncompressed record bytes of a batch (zero-copy when uncompressed). */
export function batchRecordsPayload(
  batch: Buffer,
  header: BatchHeader,
  maxDecompressed = DEFAULT_MAX_DECOMPRESSED,
): Buffer {
  const end = header.batchLength + LOG_OVERHEAD;
  if (end > batch.length) invalid('Record batch is truncated');
  const body = batch.subarray(RECORDS_OFFSET, end);
  return header.compression === 0 ? body : decompress(header.compression, body, maxDecompressed);
}

/**
 * Iterate the records of one batch (`batch` starts at the batch header). Lazily decoded: a
 * forged recordCount is bounded by the bytes actually present, never preallocated.
 */
export function* iterateRecords(batch: Buffer, options: IterateOptions = {}): Generator<KafkaRecord> {
  const header = parseBatchHeader(batch, 0);
  const payload = batchRecordsPayload(batch, header, options.maxDecompressedBytes);
  const count = header.recordCount;
  if (count < 0) invalid(`Negative record count ${count}`);
  if (count > payload.length / MIN_RECORD_SIZE)
    invalid(`Record count ${count} does not fit in ${payload.length} bytes`);
  const logAppendTime = header.timestampType === 'LogAppendTime';
  // Records before `fromOffset` are skipped by their offset delta, compared as a plain number: a
  // reader that wants the last few records of a 5,000-record batch walks the rest cheaply.
  const skipBelow = options.fromOffset === undefined ? -Infinity : clampToInt32(options.fromOffset - header.baseOffset);
  // Offset deltas rise within a batch; with as many records as deltas (nothing compacted away),
  // record i has delta i, so records before `fromOffset` are passed over by their length alone.
  const dense = count === header.lastOffsetDelta + 1;
  const c: Cursor = { buf: payload, pos: 0, end: payload.length };
  const rc: Cursor = { buf: payload, pos: 0, end: 0 };
  for (let i = 0; i < count; i++) {
    const length = readVarint(c);
    if (length < MIN_RECORD_SIZE - 1 || c.pos + length > payload.length)
      invalid(`Record ${i} has invalid length ${length}`);
    const recordEnd = c.pos + length;
    if (dense && i < skipBelow) {
      c.pos = recordEnd;
      continue;
    }
    rc.pos = c.pos;
    rc.end = recordEnd;
    const attributes = payload[rc.pos++];
    const timestampDelta = readVarlong(rc);
    const offsetDelta = readVarint(rc);
    if (offsetDelta < skipBelow) {
      c.pos = recordEnd;
      continue;
    }
    const key = readBytes(rc, 'key');
    const value = readBytes(rc, 'value');
    const headerCount = readVarint(rc);
    if (headerCount < 0 || headerCount > (recordEnd - rc.pos) / 2)
      invalid(`Record ${i} has invalid header count ${headerCount}`);
    const headers: RecordHeader[] = [];
    if (options.skipHeaders) {
      rc.pos = recordEnd;
    } else {
      for (let h = 0; h < headerCount; h++) {
        const hk = readBytes(rc, 'header key');
        if (hk === null) invalid('Record header key is null');
        headers.push({ key: hk.toString('utf8'), value: readBytes(rc, 'header value') });
      }
      if (rc.pos !== recordEnd) invalid(`Record ${i} has ${recordEnd - rc.pos} unexpected trailing bytes`);
    }
    c.pos = recordEnd;
    yield {
      offset: header.baseOffset + BigInt(offsetDelta),
      offsetDelta,
      timestamp: logAppendTime ? header.maxTimestamp : header.baseTimestamp + BigInt(timestampDelta),
      attributes,
      key,
      value,
      headers,
    };
  }
  if (c.pos !== payload.length) invalid('Incorrect declared batch size: bytes remain after the last record');
}

function clampToInt32(n: bigint): number {
  return n < -0x80000000n ? -0x80000000 : n > 0x7fffffffn ? 0x7fffffff : Number(n);
}

/** Convenience: all records of a batch as an array. */
export function readRecords(batch: Buffer, options?: IterateOptions): KafkaRecord[] {
  return [...iterateRecords(batch, options)];
}
