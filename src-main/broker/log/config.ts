/** Per-partition log configuration (mirrors the Kafka topic configs of the same meaning). */
export interface LogConfig {
  /** segment.bytes: roll the active segment when an append would exceed this size. */
  segmentBytes: number;
  /** retention.ms: delete closed segments whose newest timestamp is older (-1 = forever). */
  retentionMs: number;
  /** retention.bytes: delete oldest closed segments while the log exceeds this (-1 = unlimited). */
  retentionBytes: number;
  cleanupPolicy: 'delete' | 'compact' | 'compact,delete';
  /** max.message.bytes: largest batch (header included) accepted by append. */
  maxMessageBytes: number;
  /** index.interval.bytes: bytes between sparse index entries (default 4096). */
  indexIntervalBytes?: number;
  /** delete.retention.ms: how long compaction keeps tombstones (default 1 day). */
  deleteRetentionMs?: number;
  /** segment.ms: roll the active segment after this age even if not full (default: never). */
  segmentMs?: number;
  /** message.timestamp.type (default CreateTime). */
  messageTimestampType?: 'CreateTime' | 'LogAppendTime';
  /** producer.id.expiration.ms: forget idle idempotent producers (default 1 day). */
  producerIdExpirationMs?: number;
}

export const DEFAULT_INDEX_INTERVAL_BYTES = 4096;
export const DEFAULT_DELETE_RETENTION_MS = 86_400_000;
export const DEFAULT_PRODUCER_ID_EXPIRATION_MS = 86_400_000;

export function hasCompact(config: LogConfig): boolean {
  return config.cleanupPolicy.includes('compact');
}

export function hasDelete(config: LogConfig): boolean {
  return config.cleanupPolicy.includes('delete');
}
