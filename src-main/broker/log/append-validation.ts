/**
 * Checks a Produce payload's batches before anything is written, so a bad batch rejects the
 * whole request and the log never holds a batch a consumer would choke on.
 */
import {
  type BatchView,
  ErrorCode,
  type ErrorCodeValue,
  iterateRecords,
  KafkaProtocolError,
} from '../../kafka-protocol/index.js';
import { hasCompact, type LogConfig } from './config.js';

/**
 * Largest decompressed batch inflated for the key check: a small "gzip bomb" must not cost
 * hundreds of MB, yet the check must see every record, so this cap is generous.
 */
const COMPACT_KEY_CHECK_MAX_BYTES = 32 * 1024 * 1024;

/** Says whether a transactional batch may be appended: an error code, 0 (NONE) when it may. */
export type TxnBatchCheck = (h: BatchView['header']) => ErrorCodeValue;

/**
 * Throws the Kafka error the client expects for the first batch that may not be appended.
 * Transactional batches need `txnCheck` (the request named a transactional id) to accept them.
 */
export function validateAppendBatches(batches: BatchView[], config: LogConfig, txnCheck?: TxnBatchCheck): void {
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
    if (h.isTransactional) {
      const code = txnCheck ? txnCheck(h) : ErrorCode.TRANSACTIONAL_ID_AUTHORIZATION_FAILED;
      if (code !== ErrorCode.NONE) {
        throw new KafkaProtocolError(
          code,
          `Transactional batch of producer ${h.producerId} epoch ${h.producerEpoch} refused: ${txnCheck ? 'the partition is not in its open transaction, or the producer is fenced' : 'the request names no transactional id'}`,
        );
      }
    }
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
