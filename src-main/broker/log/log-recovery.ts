/**
 * Opening a partition directory: find the segments, repair what a crash may have left, and
 * rebuild the in-memory state (offsets, producer state) the log needs before serving.
 *
 * Files in the partition directory (Kafka-like):
 *   <20-digit base offset>.log / .index / .timeindex   one segment
 *   log-start-offset.checkpoint                         logStartOffset after DeleteRecords
 *   producer-state.snapshot                             idempotent-producer state (JSON)
 *   .clean-shutdown                                     written by close(); skips CRC recovery
 */
import fs from 'node:fs';
import path from 'node:path';
import { writeFileAtomic } from '../../util/atomic-file.js';
import type { ProducerStateManager } from './producer-state.js';
import { LogSegment } from './segment.js';

const LOG_START_FILE = 'log-start-offset.checkpoint';
const PRODUCER_SNAPSHOT_FILE = 'producer-state.snapshot';
const CLEAN_SHUTDOWN_FILE = '.clean-shutdown';

export function producerSnapshotPath(dir: string): string {
  return path.join(dir, PRODUCER_SNAPSHOT_FILE);
}

export function readLogStartCheckpoint(dir: string): bigint | null {
  try {
    const text = fs.readFileSync(path.join(dir, LOG_START_FILE), 'utf8').trim();
    return /^\d+$/.test(text) ? BigInt(text) : null;
  } catch {
    return null;
  }
}

export function writeLogStartCheckpoint(dir: string, startOffset: bigint): void {
  writeFileAtomic(path.join(dir, LOG_START_FILE), startOffset.toString());
}

/** Written last by a clean close; its presence lets the next open skip re-validating the active segment. */
export function markCleanShutdown(dir: string): void {
  writeFileAtomic(path.join(dir, CLEAN_SHUTDOWN_FILE), '');
}

/** Removed only once the log is fully loaded, so a crash during open still forces recovery next time. */
export function clearCleanShutdown(dir: string): void {
  fs.rmSync(path.join(dir, CLEAN_SHUTDOWN_FILE), { force: true });
}

export interface RecoveredSegments {
  segments: LogSegment[];
  nextOffset: bigint;
  startOffset: bigint;
}

/** Opens every segment in `dir` (creating the first one if there is none), recovering as needed. */
export function recoverSegments(dir: string, indexInterval: number): RecoveredSegments {
  const clean = fs.existsSync(path.join(dir, CLEAN_SHUTDOWN_FILE));
  const bases: bigint[] = [];
  for (const name of fs.readdirSync(dir)) {
    // Leftovers of an interrupted compaction swap or atomic write.
    if (name.endsWith('.cleaned') || name.endsWith('.tmp')) {
      fs.rmSync(path.join(dir, name), { force: true });
      continue;
    }
    const m = /^(\d{20})\.log$/.exec(name);
    if (m) bases.push(BigInt(m[1]));
  }
  bases.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  // Index files without a log file are orphans.
  for (const name of fs.readdirSync(dir)) {
    const m = /^(\d{20})\.(index|timeindex)$/.exec(name);
    if (m && !bases.includes(BigInt(m[1]))) fs.rmSync(path.join(dir, name), { force: true });
  }
  if (bases.length === 0) bases.push(readLogStartCheckpoint(dir) ?? 0n);

  const segments: LogSegment[] = [];
  for (let i = 0; i < bases.length; i++) {
    const seg = new LogSegment(dir, bases[i], indexInterval);
    const isLast = i === bases.length - 1;
    // The active segment is fully re-validated unless the previous shutdown was clean; older
    // segments were fsynced on roll, so their indexes only need a sanity check.
    if ((isLast && !clean) || !seg.loadFromIndexes()) seg.recover();
    if (!isLast && seg.timeIndex.entries === 0 && seg.size > 0) seg.onBecomeInactive();
    segments.push(seg);
  }
  const nextOffset = segments[segments.length - 1].nextOffset;
  // The checkpoint may be stale or missing: clamp it into the offsets the segments hold.
  let startOffset = readLogStartCheckpoint(dir) ?? segments[0].baseOffset;
  if (startOffset < segments[0].baseOffset) startOffset = segments[0].baseOffset;
  if (startOffset > nextOffset) startOffset = nextOffset;
  return { segments, nextOffset, startOffset };
}

/** Load the producer snapshot, then replay batch headers written after it. */
export function replayProducerState(
  producers: ProducerStateManager,
  dir: string,
  segments: readonly LogSegment[],
  startOffset: bigint,
  nextOffset: bigint,
): void {
  let from = producers.readSnapshot(producerSnapshotPath(dir));
  if (from === null || from > nextOffset) {
    producers.clear();
    from = startOffset;
  }
  const now = Date.now();
  const replayFrom = from;
  segments.forEach((seg, i) => {
    // Exclusive end offset of the segment (the next segment's base for closed ones).
    const end = i < segments.length - 1 ? segments[i + 1].baseOffset : nextOffset;
    if (seg.isEmpty || end <= replayFrom) return;
    const startPos = replayFrom > seg.baseOffset ? seg.findBatchPosition(replayFrom) : 0;
    if (startPos < 0) return;
    seg.scan((h) => {
      if (h.baseOffset >= replayFrom) producers.replay(h, now);
    }, startPos);
  });
  producers.evictBefore(startOffset);
}
