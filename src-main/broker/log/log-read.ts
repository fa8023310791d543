/** Fetch reads: whole batches out of the segment holding the wanted offset, and the aborted transactions among them. */
import { LOG_OVERHEAD } from '../../kafka-protocol/index.js';
import { giveBackReadBuffer, isReadBuffer, POOLED_READ_MIN, takeReadBuffer } from './read-buffers.js';
import type { LogSegment } from './segment.js';
import type { AbortedTxn } from './txn-index.js';

/** Index of the segment with the largest baseOffset <= offset (0 when none is). */
function floorSegment(segments: readonly LogSegment[], offset: bigint): number {
  let lo = 0;
  let hi = segments.length - 1;
  let ans = 0;
  while (lo <= hi) {
    const mid = (lo + hi) >>> 1;
    if (segments[mid].baseOffset <= offset) {
      ans = mid;
      lo = mid + 1;
    } else hi = mid - 1;
  }
  return ans;
}

/**
 * A read's result. Large ones go to the socket uncopied in their pooled buffer (given back once
 * written); small ones are copied out so the pooled buffer comes back at once.
 */
function keep(chunk: Buffer, end: number): Buffer {
  if (end >= POOLED_READ_MIN || !isReadBuffer(chunk)) return chunk.subarray(0, end);
  const out = Buffer.from(chunk.subarray(0, end));
  giveBackReadBuffer(chunk);
  return out;
}

/**
 * Whole batches from the one containing `fetchOffset`, up to `maxBytes` — but always at least
 * one batch (KIP-74). Returns data from a single segment, like Kafka; empty when nothing is left.
 * The caller has already checked `fetchOffset` against the log's offset range.
 */
export function readBatches(
  segments: readonly LogSegment[],
  fetchOffset: bigint,
  maxBytes: number,
  maxOffset?: bigint,
): Buffer {
  for (let i = floorSegment(segments, fetchOffset); i < segments.length; i++) {
    const seg = segments[i];
    // Compaction can leave gaps: if nothing in this segment reaches fetchOffset, try the next.
    const start = seg.baseOffset >= fetchOffset ? (seg.isEmpty ? -1 : 0) : seg.findBatchPosition(fetchOffset);
    if (start < 0) continue;
    const length = Math.min(Math.max(maxBytes, 0), seg.size - start);
    const chunk = seg.readAt(start, length, takeReadBuffer(length));
    let end = 0;
    while (end + LOG_OVERHEAD <= chunk.length) {
      const size = chunk.readInt32BE(end + 8) + LOG_OVERHEAD;
      if (end + size > chunk.length) break;
      // read_committed: nothing from the first batch of a still-open transaction on.
      if (maxOffset !== undefined && chunk.readBigInt64BE(end) >= maxOffset) break;
      end += size;
    }
    if (end > 0) return keep(chunk, end);
    giveBackReadBuffer(chunk);
    // First batch is larger than maxBytes: return it whole.
    const h = seg.headerAt(start);
    if (!h || (maxOffset !== undefined && h.baseOffset >= maxOffset)) return Buffer.alloc(0);
    return seg.readAt(start, h.batchLength + LOG_OVERHEAD);
  }
  return Buffer.alloc(0);
}

/**
 * Aborted transactions overlapping [fetchOffset, upperBound): their markers sit at or after
 * fetchOffset, so the segments from the one holding fetchOffset on are read, until an entry shows
 * nothing later can overlap (Kafka's collectAbortedTransactions).
 */
export function collectAbortedTxns(
  segments: readonly LogSegment[],
  fetchOffset: bigint,
  upperBound: bigint,
): AbortedTxn[] {
  const out: AbortedTxn[] = [];
  for (let i = floorSegment(segments, fetchOffset); i < segments.length; i++) {
    const idx = segments[i].txnIndex(false);
    if (idx && idx.collect(fetchOffset, upperBound, out)) break;
  }
  return out;
}
