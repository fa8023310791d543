/** Fetch reads: whole batches out of the segment holding the wanted offset. */
import { LOG_OVERHEAD } from '../../kafka-protocol/index.js';
import type { LogSegment } from './segment.js';

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
 * Whole batches from the one containing `fetchOffset`, up to `maxBytes` — but always at least
 * one batch (KIP-74). Returns data from a single segment, like Kafka; empty when nothing is left.
 * The caller has already checked `fetchOffset` against the log's offset range.
 */
export function readBatches(segments: readonly LogSegment[], fetchOffset: bigint, maxBytes: number): Buffer {
  for (let i = floorSegment(segments, fetchOffset); i < segments.length; i++) {
    const seg = segments[i];
    // Compaction can leave gaps: if nothing in this segment reaches fetchOffset, try the next.
    const start = seg.baseOffset >= fetchOffset ? (seg.isEmpty ? -1 : 0) : seg.findBatchPosition(fetchOffset);
    if (start < 0) continue;
    const available = seg.size - start;
    const chunk = seg.readAt(start, Math.min(Math.max(maxBytes, 0), available));
    let end = 0;
    while (end + LOG_OVERHEAD <= chunk.length) {
      const size = chunk.readInt32BE(end + 8) + LOG_OVERHEAD;
      if (end + size > chunk.length) break;
      end += size;
    }
    if (end > 0) return chunk.subarray(0, end);
    // First batch is larger than maxBytes: return it whole.
    const h = seg.headerAt(start);
    if (!h) return Buffer.alloc(0);
    return seg.readAt(start, h.batchLength + LOG_OVERHEAD);
  }
  return Buffer.alloc(0);
}
