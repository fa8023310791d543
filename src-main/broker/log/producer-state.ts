/**
 * Idempotent-producer state, kept by the log as in Kafka: per producer id, the epoch and the
 * metadata of its last 5 batches (the most a producer may have in flight), used to detect
 * retried duplicates and sequence gaps. Rebuilt from batch headers on open, and snapshotted to
 * `producer-state.snapshot` (JSON) so a restart only replays batches after the snapshot.
 */
import fs from 'node:fs';
import { type BatchHeader, ErrorCode, KafkaProtocolError } from '../../kafka-protocol/index.js';
import { writeFileAtomic } from '../../util/atomic-file.js';

export const MAX_BATCHES_PER_PRODUCER = 5;
const INT32_MAX = 0x7fffffff;

export interface BatchMetadata {
  firstSeq: number;
  lastSeq: number;
  firstOffset: bigint;
  lastOffset: bigint;
  /** Batch timestamp (LogAppendTime when assigned, else maxTimestamp). */
  timestamp: bigint;
}

export interface ProducerEntry {
  producerId: bigint;
  epoch: number;
  batches: BatchMetadata[];
  /** Wall-clock time of the last append, for expiration. */
  lastUpdateMs: number;
}

/** Sequence after `seq` advanced by `delta`, wrapping at Int32.MAX like Kafka. */
export function incrementSequence(seq: number, delta: number): number {
  return seq > INT32_MAX - delta ? delta - (INT32_MAX - seq) - 1 : seq + delta;
}

export function lastSequenceOf(h: Pick<BatchHeader, 'baseSequence' | 'lastOffsetDelta'>): number {
  return incrementSequence(h.baseSequence, h.lastOffsetDelta);
}

function cloneEntry(e: ProducerEntry): ProducerEntry {
  return { ...e, batches: e.batches.slice() };
}

function pushBatch(entry: ProducerEntry, meta: BatchMetadata): void {
  entry.batches.push(meta);
  if (entry.batches.length > MAX_BATCHES_PER_PRODUCER) entry.batches.shift();
}

/** Uncommitted changes of one append: validated against, then merged into, the manager. */
export class ProducerAppend {
  private readonly touched = new Map<bigint, ProducerEntry>();

  constructor(private readonly manager: ProducerStateManager) {}

  private entry(pid: bigint): ProducerEntry | undefined {
    const t = this.touched.get(pid);
    if (t) return t;
    const cur = this.manager.get(pid);
    return cur ? cloneEntry(cur) : undefined;
  }

  /**
   * Validate a batch of an idempotent producer. Returns the original metadata when it is a retry
   * of one of the producer's last 5 batches; throws on a stale epoch or a sequence gap.
   */
  check(h: BatchHeader): BatchMetadata | null {
    const pid = h.producerId;
    if (h.baseSequence < 0) {
      throw new KafkaProtocolError(ErrorCode.INVALID_RECORD, `Producer ${pid} sent a batch without a sequence number`);
    }
    const cur = this.entry(pid);
    if (!cur) return null; // unknown producer (new, or its state expired): accept any sequence
    if (h.producerEpoch < cur.epoch) {
      throw new KafkaProtocolError(
        ErrorCode.INVALID_PRODUCER_EPOCH,
        `Producer ${pid} epoch ${h.producerEpoch} is older than the current epoch ${cur.epoch}`,
      );
    }
    const lastSeq = lastSequenceOf(h);
    if (h.producerEpoch === cur.epoch) {
      const dup = cur.batches.find((b) => b.firstSeq === h.baseSequence && b.lastSeq === lastSeq);
      if (dup) return dup;
      const last = cur.batches[cur.batches.length - 1];
      if (last) {
        const inSequence = h.baseSequence === last.lastSeq + 1 || (last.lastSeq === INT32_MAX && h.baseSequence === 0);
        if (!inSequence) {
          throw new KafkaProtocolError(
            ErrorCode.OUT_OF_ORDER_SEQUENCE_NUMBER,
            `Producer ${pid} epoch ${h.producerEpoch}: expected sequence ${incrementSequence(last.lastSeq, 1)}, got ${h.baseSequence}`,
          );
        }
      } else if (h.baseSequence !== 0) {
        throw new KafkaProtocolError(
          ErrorCode.OUT_OF_ORDER_SEQUENCE_NUMBER,
          `Producer ${pid}: first sequence must be 0, got ${h.baseSequence}`,
        );
      }
    } else if (h.baseSequence !== 0) {
      // A bumped epoch restarts the sequence.
      throw new KafkaProtocolError(
        ErrorCode.OUT_OF_ORDER_SEQUENCE_NUMBER,
        `Producer ${pid}: sequence for new epoch ${h.producerEpoch} must start at 0, got ${h.baseSequence}`,
      );
    }
    return null;
  }

  record(h: BatchHeader, firstOffset: bigint, timestamp: bigint, nowMs: number): void {
    let e = this.entry(h.producerId);
    if (!e || e.epoch !== h.producerEpoch) {
      e = { producerId: h.producerId, epoch: h.producerEpoch, batches: [], lastUpdateMs: nowMs };
    }
    pushBatch(e, {
      firstSeq: h.baseSequence,
      lastSeq: lastSequenceOf(h),
      firstOffset,
      lastOffset: firstOffset + BigInt(h.lastOffsetDelta),
      timestamp,
    });
    e.lastUpdateMs = nowMs;
    this.touched.set(h.producerId, e);
  }

  commit(): void {
    for (const [pid, e] of this.touched) this.manager.set(pid, e);
  }
}

interface SnapshotJson {
  version: 1;
  offset: string;
  producers: {
    pid: string;
    epoch: number;
    lastUpdateMs: number;
    batches: [number, number, string, string, string][];
  }[];
}

export class ProducerStateManager {
  private readonly producers = new Map<bigint, ProducerEntry>();

  get(pid: bigint): ProducerEntry | undefined {
    return this.producers.get(pid);
  }

  set(pid: bigint, e: ProducerEntry): void {
    this.producers.set(pid, e);
  }

  get size(): number {
    return this.producers.size;
  }

  begin(): ProducerAppend {
    return new ProducerAppend(this);
  }

  /** Replay a batch read from the log (recovery): no validation, just bookkeeping. */
  replay(h: BatchHeader, nowMs: number): void {
    if (h.producerId < 0n || h.isControl || h.baseSequence < 0) return;
    let e = this.producers.get(h.producerId);
    if (!e || e.epoch !== h.producerEpoch) {
      // Keep the newer epoch if the log holds an older one after a newer (should not happen).
      if (e && e.epoch > h.producerEpoch) return;
      e = { producerId: h.producerId, epoch: h.producerEpoch, batches: [], lastUpdateMs: nowMs };
      this.producers.set(h.producerId, e);
    }
    const ts = h.timestampType === 'LogAppendTime' ? h.maxTimestamp : -1n;
    pushBatch(e, {
      firstSeq: h.baseSequence,
      lastSeq: lastSequenceOf(h),
      firstOffset: h.baseOffset,
      lastOffset: h.baseOffset + BigInt(h.lastOffsetDelta),
      timestamp: ts,
    });
  }

  /** Forget producers whose batches all precede the log start (their data is gone). */
  evictBefore(logStartOffset: bigint): void {
    for (const [pid, e] of this.producers) {
      const last = e.batches[e.batches.length - 1];
      if (!last || last.lastOffset < logStartOffset) this.producers.delete(pid);
    }
  }

  /** Forget producers idle for longer than `maxIdleMs` (producer.id.expiration.ms). */
  expire(nowMs: number, maxIdleMs: number): void {
    for (const [pid, e] of this.producers) if (nowMs - e.lastUpdateMs > maxIdleMs) this.producers.delete(pid);
  }

  /** The last batch metadata of a producer (compaction keeps that batch's header). */
  lastBatchOffset(pid: bigint): bigint | undefined {
    const e = this.producers.get(pid);
    return e?.batches[e.batches.length - 1]?.lastOffset;
  }

  clear(): void {
    this.producers.clear();
  }

  /** Atomically write the state as of `offset` (the log end offset it covers). */
  writeSnapshot(file: string, offset: bigint): void {
    const json: SnapshotJson = {
      version: 1,
      offset: offset.toString(),
      producers: [...this.producers.values()].map((e) => ({
        pid: e.producerId.toString(),
        epoch: e.epoch,
        lastUpdateMs: e.lastUpdateMs,
        batches: e.batches.map((b) => [
          b.firstSeq,
          b.lastSeq,
          b.firstOffset.toString(),
          b.lastOffset.toString(),
          b.timestamp.toString(),
        ]),
      })),
    };
    writeFileAtomic(file, JSON.stringify(json));
  }

  /** Load a snapshot; returns the offset it covers, or null when missing or unreadable. */
  readSnapshot(file: string): bigint | null {
    let json: SnapshotJson;
    try {
      json = JSON.parse(fs.readFileSync(file, 'utf8')) as SnapshotJson;
      if (json.version !== 1) return null;
      this.producers.clear();
      for (const p of json.producers) {
        const pid = BigInt(p.pid);
        this.producers.set(pid, {
          producerId: pid,
          epoch: p.epoch,
          lastUpdateMs: p.lastUpdateMs,
          batches: p.batches.map(([firstSeq, lastSeq, fo, lo, ts]) => ({
            firstSeq,
            lastSeq,
            firstOffset: BigInt(fo),
            lastOffset: BigInt(lo),
            timestamp: BigInt(ts),
          })),
        });
      }
      return BigInt(json.offset);
    } catch {
      this.producers.clear();
      return null;
    }
  }
}
