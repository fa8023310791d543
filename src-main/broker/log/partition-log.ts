/**
 * A partition's append-only log: an ordered list of segments, the last one active.
 *
 * Files in the partition directory (Kafka-like):
 *   <20-digit base offset>.log / .index / .timeindex   one segment
 *   log-start-offset.checkpoint                         logStartOffset after DeleteRecords
 *   producer-state.snapshot                             idempotent-producer state (JSON)
 *   .clean-shutdown                                     written by close(); skips CRC recovery
 */
import { EventEmitter } from 'node:events';
import fs from 'node:fs';
import path from 'node:path';
import { ErrorCode, KafkaProtocolError } from '../errors.js';
import {
  ATTRIBUTES_OFFSET,
  BASE_OFFSET_OFFSET,
  LOG_OVERHEAD,
  MAX_TIMESTAMP_OFFSET,
  PARTITION_LEADER_EPOCH_OFFSET,
  TIMESTAMP_TYPE_MASK,
  iterateRecords,
  rewriteBatchCrc,
  splitBatches,
  type BatchHeader,
  type BatchView,
} from '../records/index.js';
import { compactSegments } from './compaction.js';
import {
  DEFAULT_DELETE_RETENTION_MS,
  DEFAULT_INDEX_INTERVAL_BYTES,
  DEFAULT_PRODUCER_ID_EXPIRATION_MS,
  hasCompact,
  type LogConfig,
} from './config.js';
import { ProducerStateManager, writeFileAtomic, type BatchMetadata } from './producer-state.js';
import { segmentsToDelete } from './retention.js';
import { LogSegment } from './segment.js';

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

const LOG_START_FILE = 'log-start-offset.checkpoint';
const PRODUCER_SNAPSHOT_FILE = 'producer-state.snapshot';
const CLEAN_SHUTDOWN_FILE = '.clean-shutdown';
const MAX_RELATIVE_OFFSET = 0x7fffffffn;

/**
 * Largest decompressed batch the broker inflates to look inside: a small "gzip bomb" must not
 * cost hundreds of MB. The key check on compacted topics must see every record, so it allows
 * more; a timestamp lookup can fall back to the batch's base offset, so it allows little.
 */
const COMPACT_KEY_CHECK_MAX_BYTES = 32 * 1024 * 1024;
const TIMESTAMP_LOOKUP_MAX_BYTES = 4 * 1024 * 1024;

/**
 * First record of `batch` matching `pred`. A batch the broker cannot inflate (garbage inside or
 * above the cap) answers with its base offset: at or before the wanted record, never past it.
 */
function firstRecordWhere(
  h: BatchHeader,
  batch: Buffer,
  pred: (r: { offset: bigint; timestamp: bigint }) => boolean,
): { offset: bigint; timestamp: bigint } | null {
  try {
    for (const r of iterateRecords(batch, { skipHeaders: true, maxDecompressedBytes: TIMESTAMP_LOOKUP_MAX_BYTES })) {
      if (pred(r)) return { offset: r.offset, timestamp: r.timestamp };
    }
    return null;
  } catch {
    return { offset: h.baseOffset, timestamp: h.maxTimestamp };
  }
}

export class PartitionLog extends EventEmitter {
  /** Called after every successful (non-duplicate) append; the server wakes long-polling fetches. */
  onAppend?: () => void;
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
  ) {
    super();
  }

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
    const cleanMarker = path.join(this.dir, CLEAN_SHUTDOWN_FILE);
    const clean = fs.existsSync(cleanMarker);
    const bases: bigint[] = [];
    for (const name of fs.readdirSync(this.dir)) {
      // Leftovers of an interrupted compaction swap or atomic write.
      if (name.endsWith('.cleaned') || name.endsWith('.tmp')) {
        fs.rmSync(path.join(this.dir, name), { force: true });
        continue;
      }
      const m = /^(\d{20})\.log$/.exec(name);
      if (m) bases.push(BigInt(m[1]));
    }
    bases.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
    // Index files without a log file are orphans.
    for (const name of fs.readdirSync(this.dir)) {
      const m = /^(\d{20})\.(index|timeindex)$/.exec(name);
      if (m && !bases.includes(BigInt(m[1]))) fs.rmSync(path.join(this.dir, name), { force: true });
    }
    if (bases.length === 0) bases.push(this.readLogStartCheckpoint() ?? 0n);

    for (let i = 0; i < bases.length; i++) {
      const seg = new LogSegment(this.dir, bases[i], this.indexInterval);
      const isLast = i === bases.length - 1;
      // The active segment is fully re-validated unless the previous shutdown was clean; older
      // segments were fsynced on roll, so their indexes only need a sanity check.
      if ((isLast && !clean) || !seg.loadFromIndexes()) seg.recover();
      if (!isLast && seg.timeIndex.entries === 0 && seg.size > 0) seg.onBecomeInactive();
      this.segments.push(seg);
    }
    const active = this.activeSegment;
    this.nextOffset = active.nextOffset;
    const checkpoint = this.readLogStartCheckpoint();
    this.startOffset = checkpoint ?? this.segments[0].baseOffset;
    if (this.startOffset < this.segments[0].baseOffset) this.startOffset = this.segments[0].baseOffset;
    if (this.startOffset > this.nextOffset) this.startOffset = this.nextOffset;

    this.loadProducerState();
    fs.rmSync(cleanMarker, { force: true });
  }

  private readLogStartCheckpoint(): bigint | null {
    try {
      const text = fs.readFileSync(path.join(this.dir, LOG_START_FILE), 'utf8').trim();
      return /^\d+$/.test(text) ? BigInt(text) : null;
    } catch {
      return null;
    }
  }

  private writeLogStartCheckpoint(): void {
    writeFileAtomic(path.join(this.dir, LOG_START_FILE), this.startOffset.toString());
  }

  /** Load the producer snapshot, then replay batch headers written after it. */
  private loadProducerState(): void {
    const file = path.join(this.dir, PRODUCER_SNAPSHOT_FILE);
    let from = this.producers.readSnapshot(file);
    if (from === null || from > this.nextOffset) {
      this.producers.clear();
      from = this.startOffset;
    }
    const now = Date.now();
    const replayFrom = from;
    for (const seg of this.segments) {
      if (seg.isEmpty || this.segmentEnd(seg) <= replayFrom) continue;
      const startPos = replayFrom > seg.baseOffset ? seg.findBatchPosition(replayFrom) : 0;
      if (startPos < 0) continue;
      seg.scan((h) => {
        if (h.baseOffset >= replayFrom) this.producers.replay(h, now);
      }, startPos);
    }
    this.producers.evictBefore(this.startOffset);
  }

  /** Exclusive end offset of a segment (next segment's base for closed ones). */
  private segmentEnd(seg: LogSegment): bigint {
    const i = this.segments.indexOf(seg);
    return i < this.segments.length - 1 ? this.segments[i + 1].baseOffset : this.nextOffset;
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
    const { maxMessageBytes } = this.config;
    const compact = hasCompact(this.config);
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
        // The decompression cap keeps a small "gzip bomb" from costing hundreds of MB.
        for (const r of iterateRecords(b.buf, { skipHeaders: true, maxDecompressedBytes: COMPACT_KEY_CHECK_MAX_BYTES })) {
          if (r.key === null) throw new KafkaProtocolError(ErrorCode.INVALID_RECORD, 'Compacted topic cannot accept a record without key');
        }
      }
    }

    const nowMs = Date.now();
    const txn = this.producers.begin();
    const duplicates: (BatchMetadata | null)[] = batches.map((b) => (b.header.producerId >= 0n ? txn.check(b.header) : null));
    const logAppendTime = this.config.messageTimestampType === 'LogAppendTime' ? BigInt(nowMs) : -1n;

    const fresh: BatchView[] = [];
    let offset = this.nextOffset;
    batches.forEach((b, i) => {
      const dup = duplicates[i];
      if (dup) return;
      const h = b.header;
      b.buf.writeBigInt64BE(offset, BASE_OFFSET_OFFSET);
      b.buf.writeInt32BE(this.leaderEpoch, PARTITION_LEADER_EPOCH_OFFSET);
      h.baseOffset = offset;
      if (logAppendTime >= 0n) {
        b.buf.writeInt16BE(h.attributes | TIMESTAMP_TYPE_MASK, ATTRIBUTES_OFFSET);
        b.buf.writeBigInt64BE(logAppendTime, MAX_TIMESTAMP_OFFSET);
        h.attributes |= TIMESTAMP_TYPE_MASK;
        h.timestampType = 'LogAppendTime';
        h.maxTimestamp = logAppendTime;
        rewriteBatchCrc(b.buf, 0, b.buf.length);
      }
      if (h.producerId >= 0n) txn.record(h, offset, logAppendTime, nowMs);
      offset += BigInt(h.lastOffsetDelta) + 1n;
      fresh.push(b);
    });

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
    this.maybeRoll(totalBytes, offset - 1n, nowMs);
    const seg = this.activeSegment;
    const sizeBefore = seg.size;
    try {
      // One write when the payload is contiguous (the usual case: no duplicates inside it).
      const contiguous = fresh.length === batches.length;
      const data = contiguous ? records : Buffer.concat(fresh.map((b) => b.buf), totalBytes);
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
      throw new KafkaProtocolError(ErrorCode.KAFKA_STORAGE_ERROR, `Write to ${seg.logPath} failed: ${(err as Error).message}`);
    }
    txn.commit();
    this.nextOffset = offset;
    this.onAppend?.();
    this.emit('append');
    return { baseOffset, lastOffset: offset - 1n, logStartOffset: this.startOffset, logAppendTime, duplicate: false };
  }

  private maybeRoll(appendBytes: number, lastOffset: bigint, nowMs: number): void {
    const seg = this.activeSegment;
    if (seg.isEmpty) return;
    const full = seg.size + appendBytes > this.config.segmentBytes;
    const old = this.config.segmentMs !== undefined && this.config.segmentMs >= 0 && nowMs - seg.createdMs >= this.config.segmentMs;
    const offsetOverflow = lastOffset - seg.baseOffset > MAX_RELATIVE_OFFSET;
    if (full || old || offsetOverflow) this.roll();
  }

  /** Close the active segment and start a new one at the log end offset. */
  roll(): void {
    const seg = this.activeSegment;
    if (seg.isEmpty) return;
    seg.onBecomeInactive();
    this.segments.push(new LogSegment(this.dir, this.nextOffset, this.indexInterval));
    this.producers.writeSnapshot(path.join(this.dir, PRODUCER_SNAPSHOT_FILE), this.nextOffset);
  }

  // ---------------------------------------------------------------- read

  /** Index of the segment with the largest baseOffset <= offset. */
  private floorSegment(offset: bigint): number {
    let lo = 0;
    let hi = this.segments.length - 1;
    let ans = 0;
    while (lo <= hi) {
      const mid = (lo + hi) >>> 1;
      if (this.segments[mid].baseOffset <= offset) {
        ans = mid;
        lo = mid + 1;
      } else hi = mid - 1;
    }
    return ans;
  }

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
    for (let i = this.floorSegment(fetchOffset); i < this.segments.length; i++) {
      const seg = this.segments[i];
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

  // ---------------------------------------------------------------- timestamps

  /** First offset whose record timestamp is >= `timestampMs` (ListOffsets), or null. */
  offsetForTimestamp(timestampMs: bigint): { offset: bigint; timestamp: bigint } | null {
    this.ensureOpen();
    for (const seg of this.segments) {
      if (seg.maxTimestamp < timestampMs) continue;
      const fromOffset = seg.timeIndex.lookup(timestampMs);
      const startPos = seg.findBatchPosition(fromOffset < this.startOffset ? this.startOffset : fromOffset);
      if (startPos < 0) continue;
      let found: { offset: bigint; timestamp: bigint } | null = null;
      seg.scan((h, _pos, batch) => {
        if (h.maxTimestamp < timestampMs || h.isControl) return;
        found = firstRecordWhere(h, batch, (r) => r.timestamp >= timestampMs && r.offset >= this.startOffset);
        if (found) return false;
      }, startPos);
      if (found) return found;
    }
    return null;
  }

  /** Offset and timestamp of the record with the largest timestamp (ListOffsets MAX_TIMESTAMP). */
  maxTimestampOffset(): { offset: bigint; timestamp: bigint } | null {
    this.ensureOpen();
    let best: LogSegment | null = null;
    for (const seg of this.segments) if (seg.maxTimestamp >= 0n && (!best || seg.maxTimestamp > best.maxTimestamp)) best = seg;
    if (!best) return null;
    const target = best.maxTimestamp;
    const pos = best.findBatchPosition(best.offsetOfMaxTimestamp);
    let found: { offset: bigint; timestamp: bigint } | null = null;
    if (pos >= 0) {
      best.scan((h, _p, batch) => {
        if (h.maxTimestamp !== target) return;
        found = firstRecordWhere(h, batch, (r) => r.timestamp === target);
        if (found) return false;
      }, pos);
    }
    return found;
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
      throw new KafkaProtocolError(ErrorCode.OFFSET_OUT_OF_RANGE, `Cannot delete records before ${offset}: high watermark is ${this.highWatermark}`);
    }
    if (target > this.startOffset) {
      this.startOffset = target;
      this.writeLogStartCheckpoint();
      this.deleteLeadingSegments(segmentsToDelete(this.segments, { ...this.config, cleanupPolicy: 'compact' }, Date.now(), this.startOffset));
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
      this.writeLogStartCheckpoint();
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
    this.producers.writeSnapshot(path.join(this.dir, PRODUCER_SNAPSHOT_FILE), this.nextOffset);
    for (const s of this.segments) s.close();
    writeFileAtomic(path.join(this.dir, CLEAN_SHUTDOWN_FILE), '');
    this.closed = true;
    this.removeAllListeners();
  }

  /** Close without the clean-shutdown marker and delete every file (topic deletion). */
  destroy(): void {
    if (!this.closed) for (const s of this.segments) s.close();
    this.closed = true;
    this.removeAllListeners();
    fs.rmSync(this.dir, { recursive: true, force: true });
  }

  private ensureOpen(): void {
    if (this.closed) throw new KafkaProtocolError(ErrorCode.KAFKA_STORAGE_ERROR, `Log ${this.dir} is closed`);
  }
}
