/**
 * Build a v2 record batch from decoded records: used by compaction rewrites and tests.
 * Offsets and timestamps are given absolutely; deltas are derived from the batch base values.
 */
import {
  ATTRIBUTES_OFFSET,
  BASE_OFFSET_OFFSET,
  BASE_SEQUENCE_OFFSET,
  BASE_TIMESTAMP_OFFSET,
  COMPRESSION_MASK,
  CONTROL_MASK,
  CURRENT_MAGIC,
  LAST_OFFSET_DELTA_OFFSET,
  LENGTH_OFFSET,
  LOG_OVERHEAD,
  MAGIC_OFFSET,
  MAX_TIMESTAMP_OFFSET,
  PARTITION_LEADER_EPOCH_OFFSET,
  PRODUCER_EPOCH_OFFSET,
  PRODUCER_ID_OFFSET,
  RECORD_COUNT_OFFSET,
  RECORDS_OFFSET,
  TIMESTAMP_TYPE_MASK,
  TRANSACTIONAL_MASK,
  rewriteBatchCrc,
} from './batch-header.js';
import { compress } from './compression.js';
import { RecordsWriter, type RecordBytes, type HeaderInput } from './records-writer.js';

export interface RecordInput {
  key: RecordBytes;
  value: RecordBytes;
  headers?: readonly HeaderInput[];
  /** Absolute timestamp; defaults to the batch's baseTimestamp. */
  timestamp?: bigint;
  /** Defaults to the record's index in the batch. */
  offsetDelta?: number;
  attributes?: number;
}

/** Header fields a caller chooses; the others are worked out from the records. */
interface BatchChoices {
  baseOffset?: bigint;
  compression?: number;
  timestampType?: 'CreateTime' | 'LogAppendTime';
  producerId?: bigint;
  producerEpoch?: number;
  baseSequence?: number;
  isTransactional?: boolean;
  isControl?: boolean;
  partitionLeaderEpoch?: number;
}

export interface BuildBatchOptions extends BatchChoices {
  records: RecordInput[];
  /** Defaults to the smallest record timestamp (or now when records carry none). */
  baseTimestamp?: bigint;
  /** Defaults to the largest record timestamp. */
  maxTimestamp?: bigint;
  /** Defaults to the last record's offsetDelta; compaction keeps the original to preserve offsets. */
  lastOffsetDelta?: number;
}

/**
 * Encode the records section (uncompressed), `headroom` bytes into a new buffer (a batch header
 * goes there without copying the records again).
 */
export function encodeRecords(records: RecordInput[], baseTimestamp: bigint, headroom = 0): Buffer {
  const w = new RecordsWriter(headroom, estimateBytes(records));
  for (const r of records)
    w.append(
      r.key,
      r.value,
      r.headers,
      r.timestamp === undefined ? 0 : Number(r.timestamp - baseTimestamp),
      r.offsetDelta,
      r.attributes,
    );
  return w.finish();
}

/** A first buffer size that usually fits: string lengths as bytes, plus a little per record. */
function estimateBytes(records: RecordInput[]): number {
  let n = 0;
  for (const r of records) n += 24 + (r.key?.length ?? 0) + (r.value?.length ?? 0);
  return n;
}

export interface BatchHeaderFields extends BatchChoices {
  /** Bytes of the whole batch, header included. */
  size: number;
  count: number;
  lastOffsetDelta: number;
  baseTimestamp: bigint;
  maxTimestamp: bigint;
}

/** Writes a v2 batch header in front of records already in `out` (from RECORDS_OFFSET on), then its CRC. */
export function writeBatchHeader(out: Buffer, h: BatchHeaderFields): Buffer {
  out.writeBigInt64BE(h.baseOffset ?? 0n, BASE_OFFSET_OFFSET);
  out.writeInt32BE(h.size - LOG_OVERHEAD, LENGTH_OFFSET);
  out.writeInt32BE(h.partitionLeaderEpoch ?? -1, PARTITION_LEADER_EPOCH_OFFSET);
  out.writeInt8(CURRENT_MAGIC, MAGIC_OFFSET);
  let attributes = (h.compression ?? 0) & COMPRESSION_MASK;
  if (h.timestampType === 'LogAppendTime') attributes |= TIMESTAMP_TYPE_MASK;
  if (h.isTransactional) attributes |= TRANSACTIONAL_MASK;
  if (h.isControl) attributes |= CONTROL_MASK;
  out.writeInt16BE(attributes, ATTRIBUTES_OFFSET);
  out.writeInt32BE(h.lastOffsetDelta, LAST_OFFSET_DELTA_OFFSET);
  out.writeBigInt64BE(h.baseTimestamp, BASE_TIMESTAMP_OFFSET);
  out.writeBigInt64BE(h.maxTimestamp, MAX_TIMESTAMP_OFFSET);
  out.writeBigInt64BE(h.producerId ?? -1n, PRODUCER_ID_OFFSET);
  out.writeInt16BE(h.producerEpoch ?? -1, PRODUCER_EPOCH_OFFSET);
  out.writeInt32BE(h.baseSequence ?? -1, BASE_SEQUENCE_OFFSET);
  out.writeInt32BE(h.count, RECORD_COUNT_OFFSET);
  rewriteBatchCrc(out, 0, h.size);
  return out;
}

export function buildBatch(opts: BuildBatchOptions): Buffer {
  const { records } = opts;
  let minTs: bigint | undefined;
  let maxTs: bigint | undefined;
  for (const r of records) {
    if (r.timestamp === undefined) continue;
    if (minTs === undefined || r.timestamp < minTs) minTs = r.timestamp;
    if (maxTs === undefined || r.timestamp > maxTs) maxTs = r.timestamp;
  }
  const baseTimestamp = opts.baseTimestamp ?? minTs ?? BigInt(Date.now());
  const maxTimestamp = opts.maxTimestamp ?? maxTs ?? baseTimestamp;
  const lastDelta = records.length ? (records[records.length - 1].offsetDelta ?? records.length - 1) : 0;
  const compression = opts.compression ?? 0;
  let out: Buffer;
  if (compression === 0) {
    out = encodeRecords(records, baseTimestamp, RECORDS_OFFSET); // the header is written in front, in place
  } else {
    const body = compress(compression, encodeRecords(records, baseTimestamp));
    out = Buffer.allocUnsafe(RECORDS_OFFSET + body.length);
    body.copy(out, RECORDS_OFFSET);
  }
  return writeBatchHeader(out, {
    ...opts,
    size: out.length,
    count: records.length,
    lastOffsetDelta: opts.lastOffsetDelta ?? lastDelta,
    baseTimestamp,
    maxTimestamp,
    compression,
  });
}
