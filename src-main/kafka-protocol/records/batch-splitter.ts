/**
 * Split a `records` payload (one or more concatenated v2 batches, as carried by Produce) into
 * validated batch views. Zero-copy: each view's `buf` is a subarray of the input.
 */
import { ErrorCode, KafkaProtocolError } from '../error-codes.js';
import { type BatchHeader, parseBatchHeader, validateBatch } from './batch-header.js';

export interface BatchView {
  header: BatchHeader;
  /** The whole batch (header + records), sharing memory with the input. */
  buf: Buffer;
  /** Position of the batch inside the input payload. */
  position: number;
}

export function splitBatches(records: Buffer): BatchView[] {
  const out: BatchView[] = [];
  let pos = 0;
  while (pos < records.length) {
    const size = validateBatch(records, pos);
    out.push({ header: parseBatchHeader(records, pos), buf: records.subarray(pos, pos + size), position: pos });
    pos += size;
  }
  if (out.length === 0) {
    throw new KafkaProtocolError(ErrorCode.INVALID_RECORD, 'Produce request carries no record batch');
  }
  return out;
}

/**
 * Walk whole batches in `buf` without validating CRCs (data already on disk). Stops at the
 * first incomplete batch; returns the number of bytes covered by complete batches.
 */
export function forEachBatchHeader(buf: Buffer, fn: (header: BatchHeader, position: number) => void): number {
  let pos = 0;
  while (pos + 61 <= buf.length) {
    const header = parseBatchHeader(buf, pos);
    const size = header.batchLength + 12;
    if (header.batchLength < 49 || pos + size > buf.length) break;
    fn(header, pos);
    pos += size;
  }
  return pos;
}
