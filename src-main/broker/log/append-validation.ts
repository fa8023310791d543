/**
 * Checks a Produce payload's batches before anything is written, so a bad batch rejects the
 * whole request and the log never holds a batch a consumer would choke on.
 */
import { type BatchView, ErrorCode, iterateRecords, KafkaProtocolError } from '../../kafka-protocol/index.js';
import { hasCompact, type LogConfig } from './config.js';

/**
 * Largest decompressed batch inflated for the key check: a small "gzip bomb" must not cost
 * hundreds of MB, yet the check must see every record, so this cap is generous.
 */
const COMPACT_KEY_CHECK_MAX_BYTES = 32 * 1024 * 1024;

/** Throws the Kafka error the client expects for the first batch that may not be appended. */
export function validateAppendBatches(batches: BatchView[], config: LogConfig): void {
  const { maxMessageBytes } = config;
  const compact = hasCompact(config);
  for (const b of batches) {
    const h = b.header;
    if (b.buf.length > maxMessageBytes) {
      throw new KafkaProtocolError(
        ErrorCode.MESSAGE_TOO_LARGE,
        `Record batch of ${b.buf.length} bytes exceeds max.message.bytes ${maxMessageBytes}`,
      );
    }
    if (h.isControl) throw new KafkaProtocolError(ErrorCode.INVALID_RECORD, 'Clients may not write control batches');
    if (h.recordCount <= 0 || h.lastOffsetDelta + 1 !== h.recordCount) {
      throw new KafkaProtocolError(
        ErrorCode.INVALID_RECORD,
        `Record batch declares ${h.recordCount} records but lastOffsetDelta ${h.lastOffsetDelta}`,
      );
    }
    if (compact) {
      // Compacted topics need a key on every record (the one per-record check on append).
      for (const r of iterateRecords(b.buf, { skipHeaders: true, maxDecompressedBytes: COMPACT_KEY_CHECK_MAX_BYTES })) {
        if (r.key === null)
          throw new KafkaProtocolError(ErrorCode.INVALID_RECORD, 'Compacted topic cannot accept a record without key');
      }
    }
  }
}
