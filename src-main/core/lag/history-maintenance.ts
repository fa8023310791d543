/**
 * Keeping history small: samples are packed into chunks (every tier at once), small chunks of the
 * coarse tiers are merged, tiers expire after their retention, and when the file still exceeds the
 * size cap the oldest data goes first, finest tier first.
 */
import type { DatabaseSync } from 'node:sqlite';
import { decodeChunk, encodeChunk, type SamplePoint } from './chunk-codec.js';
import { inTransaction } from './history-db.js';
import { DAY, downsampleLast, HOUR, TIERS } from './tiers.js';

export interface MaintenanceReport {
  deletedChunks: number;
  sizeBytes: number;
}

/**
 * A chunk never crosses a span: an hour of samples, a day of minutes, a day of ten minutes (so a
 * month-long chart reads about thirty chunks per series).
 */
const SPANS: Record<number, number> = { 0: HOUR, 1: DAY, 2: DAY };

function splitBySpan(points: SamplePoint[], span: number): SamplePoint[][] {
  const out: SamplePoint[][] = [];
  let bucket = Number.NaN;
  for (const p of points) {
    const b = Math.floor(p.t / span);
    if (b !== bucket) {
      out.push([]);
      bucket = b;
    }
    out[out.length - 1]!.push(p);
  }
  return out;
}

/** Bytes a chunk row costs beyond its blob (key, counts, b-tree cell); used to plan cap deletions. */
const ROW_OVERHEAD = 40;

/**
 * Moves every sample older than `cutoff` into chunks: the raw points, one point a minute and one
 * per ten minutes, then deletes the rows. Returns how many samples were packed.
 */
export function compact(db: DatabaseSync, cutoff: number): number {
  const stmt = db.prepare('SELECT series_id, t, committed, end_offset FROM samples WHERE t<? ORDER BY series_id, t');
  stmt.setReturnArrays(true);
  const insert = db.prepare(
    'INSERT OR REPLACE INTO chunks (series_id, tier, start_t, end_t, points, data) VALUES (?,?,?,?,?,?)',
  );
  return inTransaction(db, () => {
    const rows = stmt.all(cutoff) as unknown as [number, number, number, number][];
    let i = 0;
    while (i < rows.length) {
      const id = rows[i]![0];
      const pts: SamplePoint[] = [];
      for (; i < rows.length && rows[i]![0] === id; i++) {
        const [, t, committed, end] = rows[i]!;
        pts.push({ t, committed, end });
      }
      for (const tier of TIERS) {
        // One chunk per span, so retention and merging work span by span.
        for (const part of splitBySpan(downsampleLast(pts, tier.stepMs), SPANS[tier.id]!)) {
          insert.run(id, tier.id, part[0]!.t, part[part.length - 1]!.t, part.length, encodeChunk(part));
        }
      }
    }
    db.prepare('DELETE FROM samples WHERE t<?').run(cutoff);
    return rows.length;
  });
}

/**
 * Each compaction writes a small chunk per tier; the coarse tiers would be mostly row overhead.
 * Once a span is complete before `before` (an hour of samples, a day of minutes or of ten
 * minutes), the chunks of one series in it become one.
 */
export function mergeChunks(db: DatabaseSync, before: number): number {
  let merged = 0;
  const select = db.prepare(
    'SELECT series_id, start_t, data FROM chunks WHERE tier=? AND end_t<? ORDER BY series_id, start_t',
  );
  select.setReturnArrays(true);
  const del = db.prepare('DELETE FROM chunks WHERE series_id=? AND tier=? AND start_t=?');
  const insert = db.prepare(
    'INSERT OR REPLACE INTO chunks (series_id, tier, start_t, end_t, points, data) VALUES (?,?,?,?,?,?)',
  );
  inTransaction(db, () => {
    for (const tier of TIERS) {
      const span = SPANS[tier.id]!;
      const rows = select.all(tier.id, before) as unknown as [number, number, Uint8Array][];
      let i = 0;
      while (i < rows.length) {
        const [id, start] = rows[i]!;
        const bucket = Math.floor(start / span);
        let j = i;
        while (j < rows.length && rows[j]![0] === id && Math.floor(rows[j]![1] / span) === bucket) j++;
        if (j - i > 1 && (bucket + 1) * span <= before) {
          const pts = downsampleLast(
            rows.slice(i, j).flatMap(([, , data]) => decodeChunk(data)),
            tier.stepMs,
          );
          for (let k = i; k < j; k++) del.run(id, tier.id, rows[k]![1]);
          insert.run(id, tier.id, pts[0]!.t, pts[pts.length - 1]!.t, pts.length, encodeChunk(pts));
          merged += j - i;
        }
        i = j;
      }
    }
  });
  return merged;
}

/** Retention of each tier, then the size cap; gives the freed pages back to the file system. */
export function enforceLimits(
  db: DatabaseSync,
  now: number,
  capBytes: number,
  sizeBytes: () => number,
): MaintenanceReport {
  let deleted = 0;
  inTransaction(db, () => {
    for (const tier of TIERS) {
      deleted += Number(
        db.prepare('DELETE FROM chunks WHERE tier=? AND end_t<?').run(tier.id, now - tier.retainMs).changes,
      );
    }
    const oldest = now - TIERS[TIERS.length - 1]!.retainMs;
    db.prepare('DELETE FROM events WHERE t<?').run(oldest);
    db.prepare('DELETE FROM runs WHERE end_t<?').run(oldest);
    db.prepare('DELETE FROM outages WHERE end_t<?').run(oldest);
  });
  shrink(db);
  let size = sizeBytes();
  if (size > capBytes) {
    deleted += trimToCap(db, now, size - Math.floor(capBytes * 0.9));
    shrink(db);
    size = sizeBytes();
  }
  return { deletedChunks: deleted, sizeBytes: size };
}

function shrink(db: DatabaseSync): void {
  db.exec('PRAGMA incremental_vacuum');
  db.exec('PRAGMA wal_checkpoint(TRUNCATE)');
}

/**
 * Frees at least `excess` bytes by deleting the oldest chunks, in an order that keeps recent and
 * coarse history longest: raw samples beyond the last hour, minutes beyond the last day, then ten
 * minutes beyond the last week, then the same again with nothing spared.
 */
function trimToCap(db: DatabaseSync, now: number, excess: number): number {
  const steps: [tier: number, keepMs: number][] = [
    [0, HOUR],
    [1, DAY],
    [2, 7 * DAY],
    [0, 0],
    [1, 0],
    [2, 0],
  ];
  const select = db.prepare(
    'SELECT series_id, start_t, length(data) AS bytes FROM chunks WHERE tier=? AND end_t<? ORDER BY end_t',
  );
  select.setReturnArrays(true);
  const del = db.prepare('DELETE FROM chunks WHERE series_id=? AND tier=? AND start_t=?');
  let freed = 0;
  let deleted = 0;
  inTransaction(db, () => {
    for (const [tier, keep] of steps) {
      // Collected first: deleting under an open cursor of the same table is best avoided.
      for (const [id, start, bytes] of select.all(tier, now - keep) as unknown as [number, number, number][]) {
        if (freed >= excess) return;
        del.run(id, tier, start);
        freed += bytes + ROW_OVERHEAD;
        deleted++;
      }
    }
  });
  return deleted;
}
