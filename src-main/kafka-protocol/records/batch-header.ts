/**
 * Record batch v2 (magic 2) header: fixed 61-byte layout, big-endian.
 *
 *   0 baseOffset int64 | 8 batchLength int32 | 12 partitionLeaderEpoch int32 | 16 magic int8
 *  17 crc uint32 | 21 attributes int16 | 23 lastOffsetDelta int32 | 27 baseTimestamp int64
 *  35 maxTimestamp int64 | 43 producerId int64 | 51 producerEpoch int16 | 53 baseSequence int32
 *  57 recordCount int32 | 61 records…
 *
 * batchLength counts from partitionLeaderEpoch to the end; the CRC covers attributes..end, so
 * baseOffset and partitionLeaderEpoch can be rewritten by the broker without recomputing it.
 */
import { ErrorCode, KafkaProtocolError } from '../error-codes.js';
import { crc32c } from './crc32c.js';

export const BASE_OFFSET_OFFSET = 0;
export const LENGTH_OFFSET = 8;
export const PARTITION_LEADER_EPOCH_OFFSET = 12;
export const MAGIC_OFFSET = 16;
export const CRC_OFFSET = 17;
export const ATTRIBUTES_OFFSET = 21;
export const LAST_OFFSET_DELTA_OFFSET = 23;
export const BASE_TIMESTAMP_OFFSET = 27;
export const MAX_TIMESTAMP_OFFSET = 35;
export const PRODUCER_ID_OFFSET = 43;
export const PRODUCER_EPOCH_OFFSET = 51;
export const BASE_SEQUENCE_OFFSET = 53;
export const RECORD_COUNT_OFFSET = 57;
export const RECORDS_OFFSET = 61;

/** baseOffset + batchLength: the part that precedes what batchLength counts. */
export const LOG_OVERHEAD = 12;
export const BATCH_HEADER_SIZE = RECORDS_OFFSET;
/** Smallest legal batchLength (a header with zero records). */
export const MIN_BATCH_LENGTH = RECORDS_OFFSET - LOG_OVERHEAD;
export const CURRENT_MAGIC = 2;

export const COMPRESSION_MASK = 0x07;
export const TIMESTAMP_TYPE_MASK = 0x08;
export const TRANSACTIONAL_MASK = 0x10;
export const CONTROL_MASK = 0x20;
export const DELETE_HORIZON_MASK = 0x40;

export const NO_PRODUCER_ID = -1n;
export const NO_SEQUENCE = -1;

export interface BatchHeader {
  baseOffset: bigint;
  batchLength: number;
  partitionLeaderEpoch: number;
  magic: number;
  crc: number;
  attributes: number;
  compression: number;
  timestampType: 'CreateTime' | 'LogAppendTime';
  isTransactional: boolean;
  isControl: boolean;
  lastOffsetDelta: number;
  baseTimestamp: bigint;
  maxTimestamp: bigint;
  producerId: bigint;
  producerEpoch: number;
  baseSequence: number;
  recordCount: number;
}

/** Total bytes a batch occupies on the wire / on disk (batchLength + 12). */
export function batchSize(header: Pick<BatchHeader, 'batchLength'>): number {
  return header.batchLength + LOG_OVERHEAD;
}

export function lastOffsetOf(header: Pick<BatchHeader, 'baseOffset' | 'lastOffsetDelta'>): bigint {
  return header.baseOffset + BigInt(header.lastOffsetDelta);
}

/**
 * Decode the header of the batch at buf[pos]. Only checks that the 61 header bytes are present;
 * structural validation (magic, length, CRC) is `validateBatch`'s job.
 */
export function parseBatchHeader(buf: Buffer, pos = 0): BatchHeader {
  if (pos + BATCH_HEADER_SIZE > buf.length) {
    throw new KafkaProtocolError(ErrorCode.CORRUPT_MESSAGE, 'Record batch header is truncated');
  }
  const attributes = buf.readInt16BE(pos + ATTRIBUTES_OFFSET);
  return {
    baseOffset: buf.readBigInt64BE(pos),
    batchLength: buf.readInt32BE(pos + LENGTH_OFFSET),
    partitionLeaderEpoch: buf.readInt32BE(pos + PARTITION_LEADER_EPOCH_OFFSET),
    magic: buf.readInt8(pos + MAGIC_OFFSET),
    crc: buf.readUInt32BE(pos + CRC_OFFSET),
    attributes,
    compression: attributes & COMPRESSION_MASK,
    timestampType: attributes & TIMESTAMP_TYPE_MASK ? 'LogAppendTime' : 'CreateTime',
    isTransactional: (attributes & TRANSACTIONAL_MASK) !== 0,
    isControl: (attributes & CONTROL_MASK) !== 0,
    lastOffsetDelta: buf.readInt32BE(pos + LAST_OFFSET_DELTA_OFFSET),
    baseTimestamp: buf.readBigInt64BE(pos + BASE_TIMESTAMP_OFFSET),
    maxTimestamp: buf.readBigInt64BE(pos + MAX_TIMESTAMP_OFFSET),
    producerId: buf.readBigInt64BE(pos + PRODUCER_ID_OFFSET),
    producerEpoch: buf.readInt16BE(pos + PRODUCER_EPOCH_OFFSET),
    baseSequence: buf.readInt32BE(pos + BASE_SEQUENCE_OFFSET),
    recordCount: buf.readInt32BE(pos + RECORD_COUNT_OFFSET),
  };
}

/** CRC32C as stored vs. as computed over attributes..end of the batch at buf[pos, pos+size). */
export function computeBatchCrc(buf: Buffer, pos: number, size: number): number {
  return crc32c(buf, pos + ATTRIBUTES_OFFSET, pos + size);
}

/** Recompute and store the CRC after the broker changed a covered field (e.g. LogAppendTime). */
export function rewriteBatchCrc(buf: Buffer, pos: number, size: number): void {
  buf.writeUInt32BE(computeBatchCrc(buf, pos, size), pos + CRC_OFFSET);
}

/**
 * Check the batch starting at buf[pos] (which may hold more bytes after it) without decoding it:
 * magic, declared length against what is available, and the CRC. Returns the batch's total size.
 */
export function validateBatch(buf: Buffer, pos: number, available = buf.length - pos): number {
  if (available < LOG_OVERHEAD + 5) {
    throw new KafkaProtocolError(ErrorCode.CORRUPT_MESSAGE, 'Record batch is truncated');
  }
  const magic = buf.readInt8(pos + MAGIC_OFFSET);
  if (magic < CURRENT_MAGIC) {
    throw new KafkaProtocolError(
      ErrorCode.UNSUPPORTED_FOR_MESSAGE_FORMAT,
      `Message format v${magic} is not supported; only record batch v2 (magic 2)`,
    );
  }
  if (magic > CURRENT_MAGIC) {
    throw new KafkaProtocolError(ErrorCode.CORRUPT_MESSAGE, `Unknown magic ${magic}`);
  }
  const batchLength = buf.readInt32BE(pos + LENGTH_OFFSET);
  if (batchLength < MIN_BATCH_LENGTH) {
    throw new KafkaProtocolError(ErrorCode.CORRUPT_MESSAGE, `Record batch length ${batchLength} is too small`);
  }
  const size = batchLength + LOG_OVERHEAD;
  if (size > available) {
    throw new KafkaProtocolError(
      ErrorCode.CORRUPT_MESSAGE,
      `Record batch declares ${size} bytes but only ${available} are present`,
    );
  }
  const stored = buf.readUInt32BE(pos + CRC_OFFSET);
  if (computeBatchCrc(buf, pos, size) !== stored) {
    throw new KafkaProtocolError(ErrorCode.CORRUPT_MESSAGE, 'Record batch CRC mismatch');
  }
  return size;
}
