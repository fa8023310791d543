/**
 * The write half of an append, after validation: assigning offsets to the batches that are not
 * retries, deciding whether to roll, and putting the batches in the active segment. The facade
 * keeps only the state changes, so the order of effects there reads as a whole.
 */
import {
  ATTRIBUTES_OFFSET,
  BASE_OFFSET_OFFSET,
  type BatchView,
  ErrorCode,
  KafkaProtocolError,
  MAX_TIMESTAMP_OFFSET,
  PARTITION_LEADER_EPOCH_OFFSET,
  rewriteBatchCrc,
  TIMESTAMP_TYPE_MASK,
} from '../../kafka-protocol/index.js';
import type { LogConfig } from './config.js';
import type { BatchMetadata, ProducerAppend } from './producer-state.js';
import type { LogSegment } from './segment.js';

/** Segment offsets are stored relative to the base in 32 bits; roll before they would overflow. */
const MAX_RELATIVE_OFFSET = 0x7fffffffn;

/**
 * Writes the assigned base offset and leader epoch into the batch (both outside the CRC), and for
 * LogAppendTime topics (`logAppendTime >= 0n`) the broker time, which does need a new CRC.
 * The buffer and its parsed header are both updated in place.
 */
function stampBatch(b: BatchView, offset: bigint, leaderEpoch: number, logAppendTime: bigint): void {
  const h = b.header;
  b.buf.writeBigInt64BE(offset, BASE_OFFSET_OFFSET);
  b.buf.writeInt32BE(leaderEpoch, PARTITION_LEADER_EPOCH_OFFSET);
  h.baseOffset = offset;
  if (logAppendTime >= 0n) {
    b.buf.writeInt16BE(h.attributes | TIMESTAMP_TYPE_MASK, ATTRIBUTES_OFFSET);
    b.buf.writeBigInt64BE(logAppendTime, MAX_TIMESTAMP_OFFSET);
    h.attributes |= TIMESTAMP_TYPE_MASK;
    h.timestampType = 'LogAppendTime';
    h.maxTimestamp = logAppendTime;
    rewriteBatchCrc(b.buf, 0, b.buf.length);
  }
}

/**
 * Stamps every batch that is not a retry (`duplicates[i]` null) with consecutive offsets from
 * `firstOffset` and records it in the producer transaction. Returns those batches and the offset
 * after the last one.
 */
export function assignOffsets(
  batches: BatchView[],
  duplicates: (BatchMetadata | null)[],
  txn: ProducerAppend,
  firstOffset: bigint,
  leaderEpoch: number,
  logAppendTime: bigint,
  nowMs: number,
): { fresh: BatchView[]; nextOffset: bigint } {
  const fresh: BatchView[] = [];
  let offset = firstOffset;
  batches.forEach((b, i) => {
    const dup = duplicates[i];
    if (dup) return;
    const h = b.header;
    stampBatch(b, offset, leaderEpoch, logAppendTime);
    if (h.producerId >= 0n) txn.record(h, offset, logAppendTime, nowMs);
    offset += BigInt(h.lastOffsetDelta) + 1n;
    fresh.push(b);
  });
  return { fresh, nextOffset: offset };
}

/** A non-empty active segment is rolled when the append would overfill it, it is older than segment.ms, or offsets would overflow. */
export function needsRoll(
  seg: LogSegment,
  config: LogConfig,
  appendBytes: number,
  lastOffset: bigint,
  nowMs: number,
): boolean {
  if (seg.isEmpty) return false;
  const full = seg.size + appendBytes > config.segmentBytes;
  const old = config.segmentMs !== undefined && config.segmentMs >= 0 && nowMs - seg.createdMs >= config.segmentMs;
  const offsetOverflow = lastOffset - seg.baseOffset > MAX_RELATIVE_OFFSET;
  return full || old || offsetOverflow;
}

/**
 * Appends `fresh` (already stamped) to `seg`. `contiguous` means `fresh` is all of `records`, which
 * is then written as is. A failed write is rolled back so the segment never ends in a partial
 * batch, and reported as KAFKA_STORAGE_ERROR.
 */
export function writeBatches(
  seg: LogSegment,
  records: Buffer,
  fresh: BatchView[],
  contiguous: boolean,
  totalBytes: number,
): void {
  const sizeBefore = seg.size;
  try {
    // One write when the payload is contiguous (the usual case: no duplicates inside it).
    const data = contiguous
      ? records
      : Buffer.concat(
          fresh.map((b) => b.buf),
          totalBytes,
        );
    let pos = 0;
    seg.append(
      data,
      fresh.map((b) => {
        const d = {
          baseOffset: b.header.baseOffset,
          lastOffsetDelta: b.header.lastOffsetDelta,
          maxTimestamp: b.header.maxTimestamp,
          position: contiguous ? b.position : pos,
          size: b.buf.length,
        };
        pos += b.buf.length;
        return d;
      }),
    );
  } catch (err) {
    try {
      seg.truncateTo(sizeBefore);
    } catch {
      // the storage error below is what matters
    }
    throw new KafkaProtocolError(
      ErrorCode.KAFKA_STORAGE_ERROR,
      `Write to ${seg.logPath} failed: ${(err as Error).message}`,
    );
  }
}
