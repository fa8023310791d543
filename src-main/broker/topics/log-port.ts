/**
 * The part of the storage layer (src-main/broker/log) that topics and handlers use. Kept as an
 * interface so handlers can be unit-tested with an in-memory fake; broker.ts plugs in the real one.
 */
import type { TopicLogConfig } from './topic-config.js';

export interface AppendResult {
  baseOffset: bigint;
  lastOffset: bigint;
  logStartOffset: bigint;
  /** -1 unless the topic uses LogAppendTime. */
  logAppendTime: bigint;
  duplicate: boolean;
}

export interface PartitionLogPort {
  append(records: Buffer): AppendResult;
  /** Whole batches starting at or before fetchOffset; throws KafkaProtocolError(OFFSET_OUT_OF_RANGE). */
  read(fetchOffset: bigint, maxBytes: number): Buffer;
  readonly logStartOffset: bigint;
  readonly logEndOffset: bigint;
  readonly highWatermark: bigint;
  offsetForTimestamp(timestampMs: bigint): { offset: bigint; timestamp: bigint } | null;
  maxTimestampOffset(): { offset: bigint; timestamp: bigint } | null;
  deleteRecordsBefore(offset: bigint): bigint;
  enforceRetention(nowMs: number): void;
  compact(nowMs: number): void;
  updateConfig(config: TopicLogConfig): void;
  sizeBytes(): number;
  flush(): void | Promise<void>;
  close(): void | Promise<void>;
}

export interface LogManagerPort {
  openPartition(topic: string, partition: number, config: TopicLogConfig): PartitionLogPort | Promise<PartitionLogPort>;
  deleteTopic(topic: string): void | Promise<void>;
  close?(): void | Promise<void>;
}
