/**
 * A partition's append-only log: an ordered list of segments, the last one active. This class is
 * the facade the broker uses; it owns the mutable state (segments, offsets, producer state) and
 * hands self-contained jobs to the modules beside it: append-validation and append-write
 * (Produce), log-read (Fetch), timestamp-lookup (ListOffsets), log-recovery (open, and the
 * files in the partition directory), retention and compaction.
 */
import fs from 'node:fs';
import { ErrorCode, KafkaProtocolError, splitBatches } from '../../kafka-protocol/index.js';
import { validateAppendBatches } from './append-validation.js';
import { assignOffsets, needsRoll, writeBatches } from './append-write.js';
import { compactSegments } from './compaction.js';
import {
  DEFAULT_DELETE_RETENTION_MS,
  DEFAULT_INDEX_INTERVAL_BYTES,
  DEFAULT_PRODUCER_ID_EXPIRATION_MS,
  hasCompact,
  type LogConfig,
} from './config.js';
import { readBatches } from './log-read.js';
import {
  clearCleanShutdown,
  markCleanShutdown,
  producerSnapshotPath,
  recoverSegments,
  replayProducerState,
  writeLogStartCheckpoint,
} from './log-recovery.js';
import { ProducerStateManager, type BatchMetadata } from './producer-state.js';
import { segmentsToDelete } from './retention.js';
import { LogSegment } from './segment.js';
import { maxTimestampOffset, offsetForTimestamp } from './timestamp-lookup.js';

export type { LogConfig } from './config.js';

export interface AppendResult {
  baseOffset: bigint;
  lastOffset: bigint;
  logStartOffset: bigint;
  /** Broker-assigned timestamp for LogAppendTime topics, -1n for CreateTime. */
  logAppendTime: bigint;
  /** True when the batch was a retry of one already in the log (nothing written). */
  duplicate: boolean;
}

/**
 * Appends do not notify anyone: the Produce handler wakes long-polling fetches through the
 * partition's AppendSignal (server/long-poll.ts) once the append has returned.
 */
export class PartitionLog {
  /** Partition leader epoch stamped into appended batches. */
  leaderEpoch = 0;

  private segments: LogSegment[] = [];
  private nextOffset = 0n;
  private startOffset = 0n;
  private readonly producers = new ProducerStateManager();
  private closed = false;
  /** Compaction bookkeeping: skip work when nothing changed since the last run. */
  private lastCompactedUpTo = -1n;
  private nextTombstoneExpiryMs = Infinity;

  private constructor(
    readonly dir: string,
    private config: LogConfig,
  ) {}

  // ---------------------------------------------------------------- open / recovery

  static open(dir: string, config: LogConfig): PartitionLog {
    fs.mkdirSync(dir, { recursive: true });
    const log = new PartitionLog(dir, config);
    log.load();
    return log;
  }

  private get indexInterval(): number {
    return this.config.indexIntervalBytes ?? DEFAULT_INDEX_INTERVAL_BYTES;
  }

  private load(): void {
    const { segments, nextOffset, startOffset } = recoverSegments(this.dir, this.indexInterval);
    this.segments = segments;
    this.nextOffset = nextOffset;
    this.startOffset = startOffset;
    replayProducerState(this.producers, this.dir, this.segments, this.startOffset, this.nextOffset);
    clearCleanShutdown(this.dir);
  }

  private get activeSegment(): LogSegment {
    return this.segments[this.segments.length - 1];
  }

  // ---------------------------------------------------------------- offsets

  get logStartOffset(): bigint {
    return this.startOffset;
  }

  get logEndOffset(): bigint {
    return this.nextOffset;
  }

  /** Single node: everything appended is committed. */
  get highWatermark(): bigint {
    return this.nextOffset;
  }

  // ---------------------------------------------------------------- append

  /**
   * Validate and append the batches of a Produce `records` payload. Offsets are assigned by
   * rewriting each batch's baseOffset in place (the buffer is modified), outside the CRC.
   */
  append(records: Buffer): AppendResult {
    this.ensureOpen();
    const batches = splitBatches(records);
    validateAppendBatches(batches, this.config);

    const nowMs = Date.now();
    const txn = this.producers.begin();
    const duplicates: (BatchMetadata | null)[] = batches.map((b) =>
      b.header.producerId >= 0n ? txn.check(b.header) : null,
    );
    const logAppendTime = this.config.messageTimestampType === 'LogAppendTime' ? BigInt(nowMs) : -1n;

    const { fresh, nextOffset: offset } = assignOffsets(
      batches,
      duplicates,
      txn,
      this.nextOffset,
      this.leaderEpoch,
      logAppendTime,
      nowMs,
    );

    if (fresh.length === 0) {
      // Every batch was a retry: answer with the original offsets.
      const first = duplicates[0]!;
      const last = duplicates[duplicates.length - 1]!;
      return {
        baseOffset: first.firstOffset,
        lastOffset: last.lastOffset,
        logStartOffset: this.startOffset,
        logAppendTime: first.timestamp,
        duplicate: true,
      };
    }

    const baseOffset = fresh[0].header.baseOffset;
    const totalBytes = fresh.reduce((n, b) => n + b.buf.length, 0);
    if (needsRoll(this.activeSegment, this.config, totalBytes, offset - 1n, nowMs)) this.roll();
    writeBatches(this.activeSegment, records, fresh, fresh.length === batches.length, totalBytes);
    txn.commit();
    this.nextOffset = offset;
    return { baseOffset, lastOffset: offset - 1n, logStartOffset: this.startOffset, logAppendTime, duplicate: false };
  }

  /** Close the active segment and start a new one at the log end offset. */
  roll(): void {
    const seg = this.activeSegment;
    if (seg.isEmpty) return;
    seg.onBecomeInactive();
    this.segments.push(new LogSegment(this.dir, this.nextOffset, this.indexInterval));
    this.producers.writeSnapshot(producerSnapshotPath(this.dir), this.nextOffset);
  }

  // ---------------------------------------------------------------- read

  /**
   * Whole batches from the one containing `fetchOffset`, up to `maxBytes` — but always at least
   * one batch (KIP-74). Returns data from a single segment, like Kafka; empty at the log end.
   */
  read(fetchOffset: bigint, maxBytes: number): Buffer {
    this.ensureOpen();
    if (fetchOffset < this.startOffset || fetchOffset > this.nextOffset) {
      throw new KafkaProtocolError(
        ErrorCode.OFFSET_OUT_OF_RANGE,
        `Offset ${fetchOffset} is outside [${this.startOffset}, ${this.nextOffset}]`,
      );
    }
    if (fetchOffset === this.nextOffset) return Buffer.alloc(0);
    return readBatches(this.segments, fetchOffset, maxBytes);
  }

  // ---------------------------------------------------------------- timestamps

  /** First offset whose record timestamp is >= `timestampMs` (ListOffsets), or null. */
  offsetForTimestamp(timestampMs: bigint): { offset: bigint; timestamp: bigint } | null {
    this.ensureOpen();
    return offsetForTimestamp(this.segments, this.startOffset, timestampMs);
  }

  /** Offset and timestamp of the record with the largest timestamp (ListOffsets MAX_TIMESTAMP). */
  maxTimestampOffset(): { offset: bigint; timestamp: bigint } | null {
    this.ensureOpen();
    return maxTimestampOffset(this.segments);
  }

  // ---------------------------------------------------------------- deletion

  /**
   * DeleteRecords: move logStartOffset forward (persisted in a checkpoint file) and drop whole
   * segments below it. `-1n` means the high watermark. Returns the new log start offset.
   */
  deleteRecordsBefore(offset: bigint): bigint {
    this.ensureOpen();
    const target = offset === -1n ? this.highWatermark : offset;
    if (target < 0n || target > this.highWatermark) {
      throw new KafkaProtocolError(
        ErrorCode.OFFSET_OUT_OF_RANGE,
        `Cannot delete records before ${offset}: high watermark is ${this.highWatermark}`,
      );
    }
    if (target > this.startOffset) {
      this.startOffset = target;
      writeLogStartCheckpoint(this.dir, this.startOffset);
      this.deleteLeadingSegments(
        segmentsToDelete(this.segments, { ...this.config, cleanupPolicy: 'compact' }, Date.now(), this.startOffset),
      );
      this.producers.evictBefore(this.startOffset);
    }
    return this.startOffset;
  }

  /** Delete-policy retention by time and size (and anything below logStartOffset). */
  enforceRetention(nowMs: number): void {
    this.ensureOpen();
    const n = segmentsToDelete(this.segments, this.config, nowMs, this.startOffset);
    if (n > 0) this.deleteLeadingSegments(n);
    this.producers.expire(nowMs, this.config.producerIdExpirationMs ?? DEFAULT_PRODUCER_ID_EXPIRATION_MS);
  }

  private deleteLeadingSegments(n: number): void {
    if (n <= 0) return;
    n = Math.min(n, this.segments.length - 1);
    const gone = this.segments.splice(0, n);
    for (const seg of gone) seg.delete();
    const first = this.segments[0].baseOffset;
    if (first > this.startOffset) {
      this.startOffset = first;
      writeLogStartCheckpoint(this.dir, this.startOffset);
    }
    this.producers.evictBefore(this.startOffset);
  }

  // ---------------------------------------------------------------- compaction

  /** Compact-policy cleaning of the closed segments; offsets never change. */
  compact(nowMs: number): void {
    this.ensureOpen();
    if (!hasCompact(this.config) || this.segments.length < 2) return;
    const closedEnd = this.activeSegment.baseOffset;
    if (closedEnd === this.lastCompactedUpTo && nowMs < this.nextTombstoneExpiryMs) return;
    const closed = this.segments.slice(0, -1);
    const outcome = compactSegments(closed, {
      nowMs,
      deleteRetentionMs: this.config.deleteRetentionMs ?? DEFAULT_DELETE_RETENTION_MS,
      indexIntervalBytes: this.indexInterval,
      isProducerLastBatch: (pid, lastOffset) => this.producers.lastBatchOffset(pid) === lastOffset,
    });
    for (const [i, seg] of outcome.replaced) this.segments[i] = seg;
    this.lastCompactedUpTo = closedEnd;
    this.nextTombstoneExpiryMs = outcome.nextTombstoneExpiryMs;
  }

  // ---------------------------------------------------------------- misc

  updateConfig(config: LogConfig): void {
    this.config = config;
    this.lastCompactedUpTo = -1n;
  }

  getConfig(): LogConfig {
    return this.config;
  }

  sizeBytes(): number {
    let n = 0;
    for (const s of this.segments) n += s.size;
    return n;
  }

  /** Number of segments (diagnostics and tests). */
  get segmentCount(): number {
    return this.segments.length;
  }

  /** Base offsets of all segments, oldest first. */
  segmentBaseOffsets(): bigint[] {
    return this.segments.map((s) => s.baseOffset);
  }

  flush(): void {
    this.ensureOpen();
    for (const s of this.segments) s.flush();
  }

  close(): void {
    if (this.closed) return;
    this.flush();
    this.producers.writeSnapshot(producerSnapshotPath(this.dir), this.nextOffset);
    for (const s of this.segments) s.close();
    markCleanShutdown(this.dir);
    this.closed = true;
  }

  /** Close without the clean-shutdown marker and delete every file (topic deletion). */
  destroy(): void {
    if (!this.closed) for (const s of this.segments) s.close();
    this.closed = true;
    fs.rmSync(this.dir, { recursive: true, force: true });
  }

  private ensureOpen(): void {
    if (this.closed) throw new KafkaProtocolError(ErrorCode.KAFKA_STORAGE_ERROR, `Log ${this.dir} is closed`);
  }
}
