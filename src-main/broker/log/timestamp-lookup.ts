/**
 * ListOffsets by timestamp. Segment max timestamps and time indexes narrow the search to a few
 * batches; only those are inflated to find the exact record.
 */
import { iterateRecords, type BatchHeader } from '../../kafka-protocol/index.js';
import type { LogSegment } from './segment.js';

export interface TimestampedOffset {
  offset: bigint;
  timestamp: bigint;
}

/**
 * Largest decompressed batch inflated for a lookup: a small "gzip bomb" must not cost hundreds
 * of MB, and a lookup can fall back to the batch's base offset, so this cap is small.
 */
const TIMESTAMP_LOOKUP_MAX_BYTES = 4 * 1024 * 1024;

/**
 * First record of `batch` matching `pred`. A batch the broker cannot inflate (garbage inside or
 * above the cap) answers with its base offset: at or before the wanted record, never past it.
 */
function firstRecordWhere(
  h: BatchHeader,
  batch: Buffer,
  pred: (r: TimestampedOffset) => boolean,
): TimestampedOffset | null {
  try {
    for (const r of iterateRecords(batch, { skipHeaders: true, maxDecompressedBytes: TIMESTAMP_LOOKUP_MAX_BYTES })) {
      if (pred(r)) return { offset: r.offset, timestamp: r.timestamp };
    }
    return null;
  } catch {
    return { offset: h.baseOffset, timestamp: h.maxTimestamp };
  }
}

/** First offset at or after `startOffset` whose record timestamp is >= `timestampMs`, or null. */
export function offsetForTimestamp(
  segments: readonly LogSegment[],
  startOffset: bigint,
  timestampMs: bigint,
): TimestampedOffset | null {
  for (const seg of segments) {
    if (seg.maxTimestamp < timestampMs) continue;
    const fromOffset = seg.timeIndex.lookup(timestampMs);
    const startPos = seg.findBatchPosition(fromOffset < startOffset ? startOffset : fromOffset);
    if (startPos < 0) continue;
    let found: TimestampedOffset | null = null;
    seg.scan((h, _pos, batch) => {
      if (h.maxTimestamp < timestampMs || h.isControl) return;
      found = firstRecordWhere(h, batch, (r) => r.timestamp >= timestampMs && r.offset >= startOffset);
      if (found) return false;
    }, startPos);
    if (found) return found;
  }
  return null;
}

/** Offset and timestamp of the record with the largest timestamp (ListOffsets MAX_TIMESTAMP). */
export function maxTimestampOffset(segments: readonly LogSegment[]): TimestampedOffset | null {
  let best: LogSegment | null = null;
  for (const seg of segments) if (seg.maxTimestamp >= 0n && (!best || seg.maxTimestamp > best.maxTimestamp)) best = seg;
  if (!best) return null;
  const target = best.maxTimestamp;
  const pos = best.findBatchPosition(best.offsetOfMaxTimestamp);
  let found: TimestampedOffset | null = null;
  if (pos >= 0) {
    best.scan((h, _p, batch) => {
      if (h.maxTimestamp !== target) return;
      found = firstRecordWhere(h, batch, (r) => r.timestamp === target);
      if (found) return false;
    }, pos);
  }
  return found;
}
