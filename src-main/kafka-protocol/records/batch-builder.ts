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
import { sizeOfVarint, sizeOfVarlong, writeVarint, writeVarlong } from './varint.js';

export interface RecordInput {
  key: Buffer | string | null;
  value: Buffer | string | null;
  headers?: { key: string; value: Buffer | string | null }[];
  /** Absolute timestamp; defaults to the batch's baseTimestamp. */
  timestamp?: bigint;
  /** Defaults to the record's index in the batch. */
  offsetDelta?: number;
  attributes?: number;
}

export interface BuildBatchOptions {
  baseOffset?: bigint;
  records: RecordInput[];
  compression?: number;
  timestampType?: 'CreateTime' | 'LogAppendTime';
  /** Defaults to the smallest record timestamp (or now when records carry none). */
  baseTimestamp?: bigint;
  /** Defaults to the largest record timestamp. */
  maxTimestamp?: bigint;
  /** Defaults to the last record's offsetDelta; compaction keeps the original to preserve offsets. */
  lastOffsetDelta?: number;
  producerId?: bigint;
  producerEpoch?: number;
  baseSequence?: number;
  isTransactional?: boolean;
  isControl?: boolean;
  partitionLeaderEpoch?: number;
}

function toBuf(v: Buffer | string | null): Buffer | null {
  return v === null ? null : typeof v === 'string' ? Buffer.from(v) : v;
}

function bytesSize(b: Buffer | null): number {
  return b === null ? 1 : sizeOfVarint(b.length) + b.length;
}

function writeBytes(out: Buffer, pos: number, b: Buffer | null): number {
  if (b === null) return writeVarint(out, pos, -1);
  pos = writeVarint(out, pos, b.length);
  b.copy(out, pos);
  return pos + b.length;
}

/** Encode the records section (uncompressed). */
export function encodeRecords(records: RecordInput[], baseTimestamp: bigint): Buffer {
  const prepared = records.map((r, i) => {
    const key = toBuf(r.key);
    const value = toBuf(r.value);
    const headers = (r.headers ?? []).map((h) => ({ key: Buffer.from(h.key), value: toBuf(h.value) }));
    const tsDelta = Number((r.timestamp ?? baseTimestamp) - baseTimestamp);
    const offsetDelta = r.offsetDelta ?? i;
    let body = 1 + sizeOfVarlong(tsDelta) + sizeOfVarint(offsetDelta) + bytesSize(key) + bytesSize(value);
    body += sizeOfVarint(headers.length);
    for (const h of headers) body += bytesSize(h.key) + bytesSize(h.value);
    return { key, value, headers, tsDelta, offsetDelta, body, attributes: r.attributes ?? 0 };
  });
  const total = prepared.reduce((n, p) => n + sizeOfVarint(p.body) + p.body, 0);
  const out = Buffer.allocUnsafe(total);
  let pos = 0;
  for (const p of prepared) {
    pos = writeVarint(out, pos, p.body);
    out[pos++] = p.attributes;
    pos = writeVarlong(out, pos, p.tsDelta);
    pos = writeVarint(out, pos, p.offsetDelta);
    pos = writeBytes(out, pos, p.key);
    pos = writeBytes(out, pos, p.value);
    pos = writeVarint(out, pos, p.headers.length);
    for (const h of p.headers) {
      pos = writeBytes(out, pos, h.key);
      pos = writeBytes(out, pos, h.value);
    }
  }
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
  const plain = encodeRecords(records, baseTimestamp);
  const body = compression === 0 ? plain : compress(compression, plain);

  const size = RECORDS_OFFSET + body.length;
  const out = Buffer.allocUnsafe(size);
  out.writeBigInt64BE(opts.baseOffset ?? 0n, BASE_OFFSET_OFFSET);
  out.writeInt32BE(size - LOG_OVERHEAD, LENGTH_OFFSET);
  out.writeInt32BE(opts.partitionLeaderEpoch ?? -1, PARTITION_LEADER_EPOCH_OFFSET);
  out.writeInt8(CURRENT_MAGIC, MAGIC_OFFSET);
  let attributes = compression & COMPRESSION_MASK;
  if (opts.timestampType === 'LogAppendTime') attributes |= TIMESTAMP_TYPE_MASK;
  if (opts.isTransactional) attributes |= TRANSACTIONAL_MASK;
  if (opts.isControl) attributes |= CONTROL_MASK;
  out.writeInt16BE(attributes, ATTRIBUTES_OFFSET);
  out.writeInt32BE(opts.lastOffsetDelta ?? lastDelta, LAST_OFFSET_DELTA_OFFSET);
  out.writeBigInt64BE(baseTimestamp, BASE_TIMESTAMP_OFFSET);
  out.writeBigInt64BE(maxTimestamp, MAX_TIMESTAMP_OFFSET);
  out.writeBigInt64BE(opts.producerId ?? -1n, PRODUCER_ID_OFFSET);
  out.writeInt16BE(opts.producerEpoch ?? -1, PRODUCER_EPOCH_OFFSET);
  out.writeInt32BE(opts.baseSequence ?? -1, BASE_SEQUENCE_OFFSET);
  out.writeInt32BE(records.length, RECORD_COUNT_OFFSET);
  body.copy(out, RECORDS_OFFSET);
  rewriteBatchCrc(out, 0, size);
  return out;
}
