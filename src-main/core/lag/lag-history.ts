/**
 * Lag history: what the sampler writes and the charts read. One writer (the main process); every
 * tick is one transaction, so a crash loses at most the tick being written. Reads, compaction and
 * retention live beside this file; this class owns the connection and the small tables.
 */
import { statSync } from 'node:fs';
import type { DatabaseSync, StatementSync } from 'node:sqlite';
import { inTransaction, openHistoryDb } from './history-db.js';
import { compact, enforceLimits, mergeChunks, type MaintenanceReport } from './history-maintenance.js';
import { readEvents, readGaps, readPoints, type Gap, type StoredEvent } from './history-read.js';
import type { SamplePoint } from './chunk-codec.js';
import { DAY } from './tiers.js';

export interface SeriesKey {
  clusterId: string;
  groupId: string;
  topic: string;
  /** -1: the topic's total over its partitions. */
  partition: number;
}

export interface SampleRow {
  key: SeriesKey;
  committed: number;
  end: number;
}

export interface StoredSeries extends SeriesKey {
  id: number;
}

export interface WatchedGroup {
  groupId: string;
  pinned: boolean;
  openedAt: number | null;
}

/** Groups opened in the last week keep their per-partition series recorded. */
const OPENED_KEEPS_MS = 7 * DAY;

const keyOf = (k: SeriesKey) => `${k.clusterId}\u0000${k.groupId}\u0000${k.topic}\u0000${k.partition}`;

export class LagHistory {
  readonly db: DatabaseSync;
  readonly problem: string | null;
  private readonly ids = new Map<string, number>();
  private readonly runs = new Map<string, { start: number; intervalMs: number }>();
  private readonly outages = new Map<string, number>();
  private readonly stmt: Record<string, StatementSync>;
  private closed = false;

  constructor(
    readonly path: string,
    readonly readOnly = false,
  ) {
    const opened = openHistoryDb(path, { readOnly });
    this.db = opened.db;
    this.problem = opened.problem;
    const p = (sql: string) => this.db.prepare(sql);
    this.stmt = readOnly
      ? { findSeries: p('SELECT id FROM series WHERE cluster_id=? AND group_id=? AND topic=? AND partition=?') }
      : {
          findSeries: p('SELECT id FROM series WHERE cluster_id=? AND group_id=? AND topic=? AND partition=?'),
          insertSeries: p('INSERT INTO series (cluster_id, group_id, topic, partition) VALUES (?,?,?,?)'),
          insertSample: p('INSERT OR REPLACE INTO samples (series_id, t, committed, end_offset) VALUES (?,?,?,?)'),
          openRun: p('INSERT OR REPLACE INTO runs (cluster_id, start_t, end_t, interval_ms) VALUES (?,?,?,?)'),
          extendRun: p('UPDATE runs SET end_t=? WHERE cluster_id=? AND start_t=?'),
          outage: p('INSERT OR REPLACE INTO outages (cluster_id, start_t, end_t, reason) VALUES (?,?,?,?)'),
          event: p('INSERT INTO events (cluster_id, group_id, t, kind, text) VALUES (?,?,?,?,?)'),
        };
  }

  private seriesId(k: SeriesKey, create: boolean): number | null {
    const cacheKey = keyOf(k);
    const cached = this.ids.get(cacheKey);
    if (cached !== undefined) return cached;
    const found = this.stmt.findSeries!.get(k.clusterId, k.groupId, k.topic, k.partition) as { id: number } | undefined;
    let id = found?.id ?? null;
    if (id === null && create) {
      id = Number(this.stmt.insertSeries!.run(k.clusterId, k.groupId, k.topic, k.partition).lastInsertRowid);
    }
    if (id !== null) this.ids.set(cacheKey, id);
    return id;
  }

  /** One sampling tick of one cluster: every row at the same time, in one transaction. */
  appendTick(clusterId: string, t: number, rows: readonly SampleRow[], intervalMs: number): void {
    if (this.readOnly) return;
    inTransaction(this.db, () => {
      for (const r of rows) {
        const id = this.seriesId(r.key, true)!;
        this.stmt.insertSample!.run(id, t, r.committed, r.end);
      }
      const run = this.runs.get(clusterId);
      if (!run || run.intervalMs !== intervalMs) {
        this.runs.set(clusterId, { start: t, intervalMs });
        this.stmt.openRun!.run(clusterId, t, t, intervalMs);
      } else {
        this.stmt.extendRun!.run(t, clusterId, run.start);
      }
    });
    this.outages.delete(clusterId);
  }

  /** The cluster did not answer at `t`: the current run ends and the gap gets its reason. */
  noteOutage(clusterId: string, t: number, reason: string): void {
    if (this.readOnly) return;
    this.runs.delete(clusterId);
    const start = this.outages.get(clusterId) ?? t;
    this.outages.set(clusterId, start);
    this.stmt.outage!.run(clusterId, start, t, reason.slice(0, 500));
  }

  addEvent(clusterId: string, groupId: string, t: number, kind: string, text: string): void {
    if (this.readOnly) return;
    this.stmt.event!.run(clusterId, groupId, t, kind, text.slice(0, 1000));
  }

  /** Series stored for a group (topic totals, and partitions where they were recorded). */
  seriesOf(clusterId: string, groupId: string): StoredSeries[] {
    const rows = this.db
      .prepare('SELECT id, topic, partition FROM series WHERE cluster_id=? AND group_id=? ORDER BY topic, partition')
      .all(clusterId, groupId) as { id: number; topic: string; partition: number }[];
    return rows.map((r) => ({ clusterId, groupId, topic: r.topic, partition: r.partition, id: r.id }));
  }

  /** Topic-total series of every group of a cluster, for seeding sparklines at start. */
  topicSeriesOf(clusterId: string): StoredSeries[] {
    const rows = this.db
      .prepare('SELECT id, group_id, topic FROM series WHERE cluster_id=? AND partition=-1')
      .all(clusterId) as { id: number; group_id: string; topic: string }[];
    return rows.map((r) => ({ clusterId, groupId: r.group_id, topic: r.topic, partition: -1, id: r.id }));
  }

  points(seriesIds: readonly number[], from: number, to: number, stepMs: number): Map<number, SamplePoint[]> {
    return readPoints(this.db, seriesIds, from, to, stepMs);
  }

  events(clusterId: string, groupId: string, from: number, to: number): StoredEvent[] {
    return readEvents(this.db, clusterId, groupId, from, to);
  }

  gaps(clusterId: string, from: number, to: number): Gap[] {
    return readGaps(this.db, clusterId, from, to);
  }

  /** Clusters that were sampled before: sampling resumes for them when Samsa starts. */
  sampledClusters(): string[] {
    return (this.db.prepare('SELECT DISTINCT cluster_id FROM runs').all() as { cluster_id: string }[]).map(
      (r) => r.cluster_id,
    );
  }

  watched(clusterId: string, now: number): WatchedGroup[] {
    const rows = this.db
      .prepare('SELECT group_id, pinned, opened_at FROM watched WHERE cluster_id=? AND (pinned=1 OR opened_at>=?)')
      .all(clusterId, now - OPENED_KEEPS_MS) as { group_id: string; pinned: number; opened_at: number | null }[];
    return rows.map((r) => ({ groupId: r.group_id, pinned: r.pinned === 1, openedAt: r.opened_at }));
  }

  markOpened(clusterId: string, groupId: string, t: number): void {
    if (this.readOnly) return;
    this.db
      .prepare(
        'INSERT INTO watched (cluster_id, group_id, opened_at) VALUES (?,?,?) ON CONFLICT DO UPDATE SET opened_at=excluded.opened_at',
      )
      .run(clusterId, groupId, t);
  }

  setPinned(clusterId: string, groupId: string, pinned: boolean): void {
    if (this.readOnly) return;
    this.db
      .prepare(
        'INSERT INTO watched (cluster_id, group_id, pinned) VALUES (?,?,?) ON CONFLICT DO UPDATE SET pinned=excluded.pinned',
      )
      .run(clusterId, groupId, pinned ? 1 : 0);
  }

  setting(key: string): string | null {
    const row = this.db.prepare('SELECT value FROM settings WHERE key=?').get(key) as { value: string } | undefined;
    return row?.value ?? null;
  }

  setSetting(key: string, value: string): void {
    if (this.readOnly) return;
    this.db.prepare('INSERT OR REPLACE INTO settings (key, value) VALUES (?,?)').run(key, value);
  }

  /** Forgets a removed connection's history. */
  deleteCluster(clusterId: string): void {
    if (this.readOnly || this.closed) return;
    inTransaction(this.db, () => {
      const ids = 'SELECT id FROM series WHERE cluster_id=?';
      this.db.prepare(`DELETE FROM samples WHERE series_id IN (${ids})`).run(clusterId);
      this.db.prepare(`DELETE FROM chunks WHERE series_id IN (${ids})`).run(clusterId);
      for (const table of ['series', 'events', 'runs', 'outages', 'watched']) {
        this.db.prepare(`DELETE FROM ${table} WHERE cluster_id=?`).run(clusterId);
      }
    });
    for (const k of [...this.ids.keys()]) if (k.startsWith(`${clusterId}\u0000`)) this.ids.delete(k);
    this.runs.delete(clusterId);
    this.outages.delete(clusterId);
  }

  /** Packs samples older than `cutoff` into chunks (every tier), then merges completed spans. */
  compact(cutoff: number): number {
    if (this.readOnly) return 0;
    const packed = compact(this.db, cutoff);
    mergeChunks(this.db, cutoff);
    return packed;
  }

  /** Retention per tier, then the size cap. */
  enforceLimits(now: number, capBytes: number): MaintenanceReport {
    if (this.readOnly) return { deletedChunks: 0, sizeBytes: this.sizeBytes() };
    return enforceLimits(this.db, now, capBytes, () => this.sizeBytes());
  }

  /** Bytes on disk: the database and its write-ahead log. */
  sizeBytes(): number {
    let total = 0;
    for (const f of [this.path, `${this.path}-wal`]) {
      try {
        total += statSync(f).size;
      } catch {
        /* not there */
      }
    }
    return total;
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    try {
      if (!this.readOnly) this.db.exec('PRAGMA wal_checkpoint(TRUNCATE)');
    } catch {
      /* closing anyway */
    }
    this.db.close();
  }
}
