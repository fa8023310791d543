/**
 * Delete-policy retention: which leading segments can go. Mirrors Kafka's three rules
 * (log start offset, retention.ms, retention.bytes); the active (last) segment is never chosen.
 */
import type { LogConfig } from './config.js';
import { hasDelete } from './config.js';
import type { LogSegment } from './segment.js';

/** Number of segments, counted from the oldest, that retention removes. */
export function segmentsToDelete(
  segments: LogSegment[],
  config: LogConfig,
  nowMs: number,
  logStartOffset: bigint,
): number {
  const closed = segments.length - 1;
  let n = 0;
  // Segments entirely below the log start offset (DeleteRecords) go regardless of policy.
  while (n < closed && segments[n + 1].baseOffset <= logStartOffset) n++;
  if (!hasDelete(config)) return n;

  if (config.retentionMs >= 0) {
    const horizon = nowMs - config.retentionMs;
    while (n < closed) {
      const s = segments[n];
      // Segments without timestamps fall back to the file's modification time, as in Kafka.
      const newest = s.maxTimestamp >= 0n ? Number(s.maxTimestamp) : s.lastModifiedMs();
      if (newest >= horizon) break;
      n++;
    }
  }

  if (config.retentionBytes >= 0) {
    let total = 0;
    for (const s of segments) total += s.size;
    for (let i = 0; i < n; i++) total -= segments[i].size;
    let excess = total - config.retentionBytes;
    while (n < closed && excess - segments[n].size >= 0) {
      excess -= segments[n].size;
      n++;
    }
  }
  return n;
}
