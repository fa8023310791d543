/**
 * Reading history: the newest samples (rows) and packed chunks, from the finest tier that the
 * requested step needs, falling back to coarser tiers for time the finer one no longer holds.
 */
import type { DatabaseSync } from 'node:sqlite';
import { forEachPoint, type SamplePoint } from './chunk-codec.js';
import { downsampleLast, tierForStep, TIERS } from './tiers.js';

export interface StoredEvent {
  t: number;
  kind: string;
  text: string;
}

export interface Gap {
  from: number;
  to: number;
  /** Why: the cluster did not answer, or Samsa was not recording. */
  reason: string;
}

export function readPoints(
  db: DatabaseSync,
  seriesIds: readonly number[],
  from: number,
  to: number,
  stepMs: number,
): Map<number, SamplePoint[]> {
  const first = tierForStep(stepMs);
  const rowsStmt = db.prepare(
    'SELECT t, committed, end_offset FROM samples WHERE series_id=? AND t>=? AND t<=? ORDER BY t',
  );
  rowsStmt.setReturnArrays(true);
  const chunkStmt = db.prepare(
    'SELECT data FROM chunks WHERE series_id=? AND tier=? AND end_t>=? AND start_t<? ORDER BY start_t',
  );
  chunkStmt.setReturnArrays(true);
  const out = new Map<number, SamplePoint[]>();
  for (const id of seriesIds) {
    // Newest first: samples not yet packed are always newer than any chunk.
    const newest = (rowsStmt.all(id, from, to) as unknown as [number, number, number][]).map(([t, c, e]) => ({
      t,
      committed: c,
      end: e,
    }));
    let bound = newest.length > 0 ? newest[0]!.t : to + 1;
    const older: SamplePoint[][] = [];
    for (const tier of TIERS) {
      if (tier.id < first.id || bound <= from) continue;
      const pts: SamplePoint[] = [];
      for (const [data] of chunkStmt.all(id, tier.id, from, bound) as unknown as [Uint8Array][]) {
        forEachPoint(data, (t, committed, end) => {
          if (t >= from && t < bound) pts.push({ t, committed, end });
        });
      }
      if (pts.length === 0) continue;
      older.unshift(pts);
      bound = pts[0]!.t;
    }
    out.set(id, downsampleLast([...older.flat(), ...newest], stepMs));
  }
  return out;
}

export function readEvents(
  db: DatabaseSync,
  clusterId: string,
  groupId: string,
  from: number,
  to: number,
): StoredEvent[] {
  return db
    .prepare(
      'SELECT t, kind, text FROM events WHERE cluster_id=? AND group_id=? AND t>=? AND t<=? ORDER BY t LIMIT 2000',
    )
    .all(clusterId, groupId, from, to) as unknown as StoredEvent[];
}

/**
 * Stretches inside [from, to] with no sampling: between two runs, longer than a few intervals.
 * A recorded outage inside one says why.
 */
export function readGaps(db: DatabaseSync, clusterId: string, from: number, to: number): Gap[] {
  const runs = db
    .prepare(
      'SELECT start_t AS start, end_t AS end, interval_ms AS interval FROM runs WHERE cluster_id=? AND end_t>=? AND start_t<=? ORDER BY start_t',
    )
    .all(clusterId, from, to) as { start: number; end: number; interval: number }[];
  // The run just before the window decides whether the window starts inside a gap.
  const before = db
    .prepare(
      'SELECT start_t AS start, end_t AS end, interval_ms AS interval FROM runs WHERE cluster_id=? AND end_t<? ORDER BY end_t DESC LIMIT 1',
    )
    .get(clusterId, from) as { start: number; end: number; interval: number } | undefined;
  const all = before ? [before, ...runs] : runs;
  const outages = db
    .prepare('SELECT start_t, end_t, reason FROM outages WHERE cluster_id=? AND end_t>=? AND start_t<=?')
    .all(clusterId, from - 1, to) as { start_t: number; end_t: number; reason: string }[];
  const gaps: Gap[] = [];
  for (let i = 1; i < all.length; i++) {
    const a = all[i - 1]!;
    const b = all[i]!;
    const outage = outages.find((o) => o.end_t >= a.end && o.start_t <= b.start);
    // A failed sample is a gap even when the next one came soon after; silence is one when it is long.
    if (!outage && b.start - a.end <= 2.5 * Math.max(a.interval, b.interval)) continue;
    gaps.push({
      from: Math.max(a.end, from),
      to: Math.min(b.start, to),
      reason: outage ? `The cluster did not answer: ${outage.reason}` : 'Samsa was not recording',
    });
  }
  // Unreachable since the last good sample (and maybe still): the gap runs to the last failed try.
  const last = all[all.length - 1];
  const open = last ? outages.filter((o) => o.start_t >= last.end).sort((x, y) => y.end_t - x.end_t)[0] : undefined;
  if (open && last) {
    gaps.push({
      from: Math.max(last.end, from),
      to: Math.min(open.end_t, to),
      reason: `The cluster did not answer: ${open.reason}`,
    });
  }
  return gaps.filter((g) => g.to > g.from);
}
