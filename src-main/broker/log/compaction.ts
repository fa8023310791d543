/**
 * Compact-policy cleaning: keep only the latest record per key among the closed segments, drop
 * tombstones (null value) older than delete.retention.ms, and rewrite affected segments in
 * place. Offsets never change: rebuilt batches keep their baseOffset and lastOffsetDelta.
 *
 * Crash safety: a segment is rewritten to `<base>.log.cleaned`, fsynced, its indexes deleted,
 * then renamed over `<base>.log`; on open, leftover `.cleaned` files are discarded and missing
 * indexes rebuilt.
 */
import fs from 'node:fs';
import {
  buildBatch,
  canCompress,
  iterateRecords,
  type BatchHeader,
  type KafkaRecord,
} from '../../kafka-protocol/index.js';
import { LogSegment } from './segment.js';

export interface CompactionOptions {
  nowMs: number;
  deleteRetentionMs: number;
  indexIntervalBytes: number;
  /** True for the last batch an idempotent producer wrote: kept (possibly empty) to preserve its sequence. */
  isProducerLastBatch: (producerId: bigint, lastOffset: bigint) => boolean;
}

export interface CompactionOutcome {
  /** Replacement segment objects, by index in the input array. */
  replaced: Map<number, LogSegment>;
  /** Earliest time a retained tombstone becomes removable (Infinity if none). */
  nextTombstoneExpiryMs: number;
}

const keyOf = (k: Buffer): string => k.toString('latin1');

/** key -> offset of its latest record across the given segments. */
function buildOffsetMap(segments: LogSegment[]): Map<string, bigint> {
  const map = new Map<string, bigint>();
  for (const seg of segments) {
    seg.scan((h, _pos, batch) => {
      if (h.isControl) return;
      for (const r of iterateRecords(batch, { skipHeaders: true })) {
        if (r.key !== null) map.set(keyOf(r.key), r.offset);
      }
    });
  }
  return map;
}

function rebuild(h: BatchHeader, kept: KafkaRecord[]): Buffer {
  return buildBatch({
    baseOffset: h.baseOffset,
    records: kept.map((r) => ({
      key: r.key,
      value: r.value,
      headers: r.headers,
      timestamp: r.timestamp,
      offsetDelta: r.offsetDelta,
      attributes: r.attributes,
    })),
    compression: canCompress(h.compression) ? h.compression : 0,
    timestampType: h.timestampType,
    maxTimestamp: h.timestampType === 'LogAppendTime' ? h.maxTimestamp : undefined,
    baseTimestamp: kept.length === 0 ? h.baseTimestamp : undefined,
    lastOffsetDelta: h.lastOffsetDelta,
    producerId: h.producerId,
    producerEpoch: h.producerEpoch,
    baseSequence: h.baseSequence,
    isTransactional: h.isTransactional,
    partitionLeaderEpoch: h.partitionLeaderEpoch,
  });
}

export function compactSegments(segments: LogSegment[], opts: CompactionOptions): CompactionOutcome {
  const map = buildOffsetMap(segments);
  const horizon = BigInt(opts.nowMs - opts.deleteRetentionMs);
  let nextExpiry = Infinity;
  const replaced = new Map<number, LogSegment>();

  segments.forEach((seg, idx) => {
    const out: Buffer[] = [];
    let changed = false;
    seg.scan((h, _pos, batch) => {
      if (h.isControl) {
        out.push(Buffer.from(batch));
        return;
      }
      const kept: KafkaRecord[] = [];
      let total = 0;
      for (const r of iterateRecords(batch)) {
        total++;
        if (r.key === null || map.get(keyOf(r.key)) !== r.offset) continue;
        if (r.value === null) {
          if (r.timestamp < horizon) continue;
          nextExpiry = Math.min(nextExpiry, Number(r.timestamp) + opts.deleteRetentionMs);
        }
        kept.push(r);
      }
      if (kept.length === total) {
        out.push(Buffer.from(batch)); // untouched: copy the original bytes
        return;
      }
      changed = true;
      if (
        kept.length > 0 ||
        (h.producerId >= 0n && opts.isProducerLastBatch(h.producerId, h.baseOffset + BigInt(h.lastOffsetDelta)))
      ) {
        out.push(rebuild(h, kept));
      }
    });
    if (!changed) return;

    const cleaned = `${seg.logPath}.cleaned`;
    const fd = fs.openSync(cleaned, 'w');
    try {
      for (const b of out) fs.writeSync(fd, b);
      fs.fsyncSync(fd);
    } finally {
      fs.closeSync(fd);
    }
    seg.close();
    fs.rmSync(seg.index.path, { force: true });
    fs.rmSync(seg.timeIndex.path, { force: true });
    fs.renameSync(cleaned, seg.logPath);
    const fresh = new LogSegment(seg.dir, seg.baseOffset, opts.indexIntervalBytes);
    fresh.recover();
    fresh.onBecomeInactive();
    replaced.set(idx, fresh);
  });
  return { replaced, nextTombstoneExpiryMs: nextExpiry };
}
