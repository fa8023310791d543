/**
 * A forward scan over a range of a topic, for search and export: records are filtered as each
 * Fetch response arrives and then dropped, so memory does not grow with the topic. Progress is
 * reported at most every 250 ms; the signal stops it between two Fetch rounds (each one is short:
 * maxWait 0, at most a few MiB).
 */
import type { Cluster } from 'kafkajs';
import type { Position, ScanProgress } from '../../contract/messages.js';
import type { ValidSubscriptionParamsOf } from '../../contract/methods.js';
import type { TopicMetadata } from '../cluster/metadata.js';
import { choosePartitions } from './browse.js';
import { compileFilter } from './filter-eval.js';
import type { Range, TopicFetcher } from './fetcher.js';
import { offsetsForTime, partitionBounds } from './offsets.js';
import type { ReadRecord } from './read-record.js';

export type ValidScan = Pick<ValidSubscriptionParamsOf<'messages.search'>, 'partitions' | 'from' | 'to' | 'filter'>;

const PROGRESS_EVERY_MS = 250;
const SCAN_PARTITION_BYTES = 256 * 1024;
const SCAN_RESPONSE_BYTES = 2 * 1024 * 1024;

/** The [start, end) of each partition a scan reads. */
export async function resolveScan(cluster: Cluster, topic: TopicMetadata, scan: ValidScan): Promise<Range[]> {
  const from = scan.from;
  const asked =
    from.kind === 'positions' && scan.partitions === null ? from.positions.map((p) => p.partition) : scan.partitions;
  const partitions = choosePartitions(topic, asked);
  const bounds = await partitionBounds(cluster, topic, partitions);
  const clampTo = (p: number, o: bigint) => {
    const b = bounds.get(p)!;
    return o < b.low ? b.low : o > b.end ? b.end : o;
  };
  const starts = new Map<number, bigint>();
  if (from.kind === 'timestamp') {
    const found = await offsetsForTime(cluster, topic, partitions, from.timestamp);
    for (const p of partitions) starts.set(p, clampTo(p, found.get(p) ?? bounds.get(p)!.end));
  } else if (from.kind === 'positions') {
    const given = new Map(from.positions.map((x) => [x.partition, BigInt(x.offset)]));
    for (const p of partitions) starts.set(p, clampTo(p, given.get(p) ?? bounds.get(p)!.end));
  } else {
    for (const p of partitions)
      starts.set(p, from.kind === 'offset' ? clampTo(p, BigInt(from.offset)) : bounds.get(p)!.low);
  }
  const ends = new Map<number, bigint>();
  const to = scan.to;
  if (to.kind === 'timestamp') {
    const found = await offsetsForTime(cluster, topic, partitions, to.timestamp);
    for (const p of partitions) ends.set(p, clampTo(p, found.get(p) ?? bounds.get(p)!.end));
  } else {
    for (const p of partitions) ends.set(p, to.kind === 'offset' ? clampTo(p, BigInt(to.offset)) : bounds.get(p)!.end);
  }
  return partitions.map((partition) => {
    const start = starts.get(partition)!;
    const end = ends.get(partition)!;
    return { partition, start, end: end > start ? end : start };
  });
}

export interface ScanRun {
  ranges: Range[];
  filter: string;
  signal: AbortSignal;
  /**
   * Matching records of one Fetch response, in offset order per partition. Awaited: a slow reader
   * slows the scan. Returns how many it kept; fewer than given stops the scan right after the last
   * kept one (so `positions` resume exactly there).
   */
  onMatches(records: ReadRecord[]): number | Promise<number>;
  onProgress?(p: ScanProgress): void;
  /** Checked between rounds; true stops the scan (e.g. enough results). */
  stopWhen?: () => boolean;
}

export interface ScanResult extends ScanProgress {
  /** Where each partition stopped: the end when completed. */
  positions: Position[];
  completed: boolean;
}

export async function runScan(fetcher: TopicFetcher, run: ScanRun): Promise<ScanResult> {
  const test = compileFilter(run.filter);
  const started = Date.now();
  const position = new Map(run.ranges.map((r) => [r.partition, r.start]));
  const total = run.ranges.reduce((n, r) => n + Number(r.end - r.start), 0);
  let scanned = 0;
  let matched = 0;
  let bytes = 0;
  let lastProgress = 0;
  let stopped = false;

  const progress = (): ScanProgress => {
    const elapsedMs = Date.now() - started;
    const done = run.ranges.reduce((n, r) => n + Number(position.get(r.partition)! - r.start), 0);
    return {
      scanned,
      matched,
      bytes,
      elapsedMs,
      recordsPerSecond: elapsedMs > 0 ? Math.round((scanned * 1000) / elapsedMs) : 0,
      percent: total === 0 ? 100 : Math.min(100, Math.floor((done * 1000) / total) / 10),
      partitions: run.ranges.map((r) => ({
        partition: r.partition,
        position: position.get(r.partition)!.toString(),
        start: r.start.toString(),
        end: r.end.toString(),
      })),
    };
  };

  const reached = await fetcher.stream(
    run.ranges,
    {
      signal: run.signal,
      until: () => stopped || (run.stopWhen?.() ?? false),
      keep: test,
      // Small slices: little held at once, and Cancel is seen within a round trip.
      partitionBytes: SCAN_PARTITION_BYTES,
      responseBytes: SCAN_RESPONSE_BYTES,
    },
    async (partition, hits, next, got) => {
      if (stopped) return; // the rest of this round stays unread, so a resume reads it
      const kept = hits.length > 0 ? await run.onMatches(hits) : 0;
      if (kept < hits.length) {
        stopped = true;
        const cut = hits[kept]!.offset;
        // Records of this response up to the cut, estimated from offsets (gaps make it approximate).
        const from = position.get(partition)!;
        scanned += Math.min(got.seen, Number(cut - from));
        matched += kept;
        position.set(partition, cut);
        return;
      }
      scanned += got.seen;
      bytes += got.bytes;
      matched += hits.length;
      position.set(partition, next);
      const now = Date.now();
      if (run.onProgress && now - lastProgress >= PROGRESS_EVERY_MS) {
        lastProgress = now;
        run.onProgress(progress());
      }
    },
  );
  if (!stopped) for (const [p, at] of reached) position.set(p, at.to);
  const completed = run.ranges.every((r) => position.get(r.partition)! >= r.end);
  return {
    ...progress(),
    completed,
    positions: run.ranges.map((r) => ({ partition: r.partition, offset: position.get(r.partition)!.toString() })),
  };
}
