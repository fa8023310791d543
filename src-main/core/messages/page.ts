/**
 * Stable pages across partitions. A page is, per partition, one contiguous run of offsets [start,
 * end); the next older page ends exactly where this one starts and the next newer page starts
 * exactly where this one ends, so paging both ways never shows a record twice and never skips one,
 * whatever the timestamps, compaction gaps, transaction markers or aborted records.
 *
 * Within a page, partitions are merged by timestamp like a k-way merge of sorted runs: each
 * partition is consumed in offset order, and the next record taken is the newest (reading older)
 * or oldest (reading newer) of the partitions' next records. That keeps each partition's run
 * contiguous even when timestamps within a partition go backwards.
 */
import type { Direction, KafkaMessage, MessagePage } from '../../contract/messages.js';
import { allocateNewest } from './allocate.js';
import { clamp, type TopicFetcher } from './fetcher.js';
import { narrowSpare, type Spare } from './spare.js';
import type { PartitionBounds } from './offsets.js';
import { toKafkaMessage, type ReadRecord } from './read-record.js';

export interface PagePlan {
  direction: Direction;
  /** older: first offset NOT to read, per partition; newer: first offset to read. */
  positions: Map<number, bigint>;
  bounds: Map<number, PartitionBounds>;
  limit: number;
  deadlineAt: number;
  signal?: AbortSignal;
}

interface Run {
  partition: number;
  /** Records in the order they are taken (older: newest first; newer: oldest first). */
  buf: ReadRecord[];
  i: number;
  /** older: everything below `edge` is unread; newer: everything from `edge` on is unread. */
  edge: bigint;
  /** The other end of what may be read: low watermark (older) or readable end (newer). */
  limit: bigint;
  want: number;
  /** Records per offset seen so far (< 1 on compacted topics), to size the next read. */
  density: number;
  /** Records already fetched beyond the edge (the rest of a batch), decoded when this run needs them. */
  spare: Spare | null;
}

const MIN_READ = 8;
const MAX_READ = 1_000_000;

export async function readPage(fetcher: TopicFetcher, plan: PagePlan): Promise<MessagePage> {
  const older = plan.direction === 'older';
  const runs: Run[] = [...plan.positions].map(([partition, pos]) => {
    const b = plan.bounds.get(partition)!;
    return { partition, buf: [], i: 0, edge: pos, limit: older ? b.low : b.end, want: 0, density: 1, spare: null };
  });
  // First reads: the page's records spread round-robin (exact for evenly filled partitions), plus
  // one to peek past each run, so the merge rarely has to go back for more.
  const shares = allocateNewest(
    plan.limit,
    runs.map((r) =>
      older
        ? { partition: r.partition, low: r.limit, high: r.edge }
        : { partition: r.partition, low: r.edge, high: r.limit },
    ),
  );
  for (const s of shares) runs.find((r) => r.partition === s.partition)!.want = Number(s.end - s.start) + 1;

  const taken: ReadRecord[] = [];
  let partial = false;
  let bytesPerRecord = 512;
  const hasMore = (r: Run) => (older ? r.edge > r.limit : r.edge < r.limit);

  while (taken.length < plan.limit) {
    // A run that ran dry but holds spare records (the rest of a batch already fetched) takes them,
    // with no round trip: only as many as the page may still take (plus one to peek past), nearest the edge.
    const want = BigInt(plan.limit - taken.length + 1);
    for (const r of runs) {
      while (r.i >= r.buf.length && r.spare) {
        const s = r.spare;
        r.spare = null;
        if (older ? s.to !== r.edge : s.from !== r.edge) break; // not adjacent: of no use
        r.i = 0;
        if (older) {
          const floor = s.from > r.limit ? s.from : r.limit;
          const cut = s.to - want > floor ? s.to - want : floor;
          r.buf = s.decode(cut, s.to).reverse();
          r.edge = cut;
          if (cut > floor) r.spare = narrowSpare(s, s.from, cut);
        } else {
          const ceil = s.to < r.limit ? s.to : r.limit;
          const cut = s.from + want < ceil ? s.from + want : ceil;
          r.buf = s.decode(s.from, cut);
          r.edge = cut;
          if (cut < ceil) r.spare = narrowSpare(s, cut, s.to);
        }
      }
    }
    const needy = runs.filter((r) => r.i >= r.buf.length && hasMore(r));
    if (needy.length > 0) {
      if (Date.now() >= plan.deadlineAt) {
        partial = true;
        break;
      }
      // Refill the runs that ran dry, and in the same round every other run that may still
      // contribute: at most `remaining` records, minus what it holds, minus the buffered records of
      // the others that will be taken before its next one (timestamps rise with offsets in practice;
      // a wrong guess costs one more round, never a wrong page).
      const remaining = plan.limit - taken.length;
      const refill = runs
        .map((r) => {
          if (!hasMore(r)) return null;
          const held = r.buf.length - r.i;
          if (held === 0) return { r, want: r.want || remaining + 1 };
          if (r.spare) return null; // it has more on hand already
          const edgeTs = r.buf[r.buf.length - 1]!.timestamp;
          let ahead = 0;
          for (const o of runs) {
            if (o === r) continue;
            for (let k = o.i; k < o.buf.length; k++) {
              const ts = o.buf[k]!.timestamp;
              if (older ? ts > edgeTs : ts < edgeTs) ahead++;
            }
          }
          const est = remaining - held - ahead;
          return est > 0 ? { r, want: est + 1 } : null;
        })
        .filter((x): x is { r: Run; want: number } => x !== null);
      const ranges = refill.map(({ r, want: w }) => {
        const want = BigInt(Math.min(MAX_READ, Math.max(MIN_READ, Math.ceil(w / r.density))));
        r.want = 0;
        return older
          ? { partition: r.partition, start: r.edge - want > r.limit ? r.edge - want : r.limit, end: r.edge }
          : { partition: r.partition, start: r.edge, end: r.edge + want < r.limit ? r.edge + want : r.limit };
      });
      const { records, span } = await fetcher.readRanges(ranges, {
        deadlineAt: plan.deadlineAt,
        signal: plan.signal,
        bytesPerRecord,
        // Whole batches come back: what lies beyond the range is kept aside undecoded (Run.spare).
        keepEarlier: older,
        keepLater: !older,
      });
      let cut = false;
      for (const range of ranges) {
        const r = runs.find((x) => x.partition === range.partition)!;
        const got = records.get(r.partition) ?? [];
        const covered = span.get(r.partition) ?? { from: range.start, to: range.start };
        // On compacted topics most offsets are gone: read wider next time.
        r.density = Math.max(0.001, Math.min(1, got.length / (Number(covered.to - covered.from) || 1)));
        if (older) {
          // Reading older needs the whole range: a run must stay contiguous from its edge down.
          if (covered.to < range.end) {
            cut = true;
            continue;
          }
          r.buf = r.buf.slice(r.i).concat(got.reverse());
          r.edge = range.start;
          r.spare = covered.spare ?? null;
        } else {
          r.buf = r.buf.slice(r.i).concat(got);
          // No progress short of the deadline: the readable end moved below what bounds said.
          if (covered.to === r.edge && Date.now() < plan.deadlineAt) r.limit = r.edge;
          r.edge = covered.to;
          r.spare = covered.later ?? null;
        }
        r.i = 0;
        const bytes = got.reduce((n, x) => n + (x.key?.length ?? 0) + (x.value?.length ?? 0), 0);
        if (got.length > 0) bytesPerRecord = clamp(bytes / got.length + 64, 64, 1024 * 1024);
      }
      if (cut) {
        partial = true;
        break;
      }
      continue;
    }
    let best: Run | null = null;
    for (const r of runs) {
      if (r.i >= r.buf.length) continue;
      if (!best) best = r;
      else {
        const a = r.buf[r.i]!.timestamp;
        const b = best.buf[best.i]!.timestamp;
        if (older ? a > b : a < b) best = r;
      }
    }
    if (!best) break;
    taken.push(best.buf[best.i++]!);
  }

  return assemble(plan, taken, partial);
}

function assemble(plan: PagePlan, taken: ReadRecord[], partial: boolean): MessagePage {
  const older = plan.direction === 'older';
  const edges = new Map<number, bigint>();
  for (const r of taken) {
    const e = edges.get(r.partition);
    if (older ? e === undefined || r.offset < e : e === undefined || r.offset + 1n > e) {
      edges.set(r.partition, older ? r.offset : r.offset + 1n);
    }
  }
  const partitions = [...plan.positions].map(([partition, pos]) => {
    const b = plan.bounds.get(partition)!;
    const moved = edges.get(partition) ?? pos;
    const [start, end] = older ? [moved, pos] : [pos, moved];
    return { partition, start: start.toString(), end: end.toString(), low: b.low.toString(), high: b.end.toString() };
  });
  partitions.sort((a, b) => a.partition - b.partition);
  const messages: KafkaMessage[] = (older ? taken : [...taken].reverse()).map((r) => toKafkaMessage(r));
  return {
    messages,
    direction: plan.direction,
    self: {
      kind: 'positions',
      direction: plan.direction,
      positions: [...plan.positions].map(([partition, offset]) => ({ partition, offset: offset.toString() })),
    },
    partitions,
    hasOlder: partitions.some((p) => BigInt(p.start) > BigInt(p.low)),
    hasNewer: partitions.some((p) => BigInt(p.end) < BigInt(p.high)),
    partial,
  };
}
