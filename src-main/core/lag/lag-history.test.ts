import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { LagHistory, type SampleRow } from './lag-history.js';
import { DAY, HOUR, MINUTE } from './tiers.js';

let dir: string;
let path: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'samsa-lag-history-'));
  path = join(dir, 'lag-history.sqlite');
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const T0 = Date.UTC(2026, 10, 1, 12, 0, 0);
const key = (topic: string, partition = -1, groupId = 'billing') => ({ clusterId: 'c1', groupId, topic, partition });

/** `n` ticks of one group on two topics, every `stepMs`, lag growing by 10 per tick on "orders". */
function writeTicks(h: LagHistory, n: number, stepMs = 5000, start = T0): void {
  for (let i = 0; i < n; i++) {
    const rows: SampleRow[] = [
      { key: key('orders'), committed: 1000 + i * 90, end: 1000 + i * 100 },
      { key: key('payments'), committed: 50, end: 50 },
    ];
    h.appendTick('c1', start + i * stepMs, rows, stepMs);
  }
}

function ids(h: LagHistory, topic: string) {
  return h.seriesOf('c1', 'billing').filter((s) => s.topic === topic && s.partition === -1)[0]!.id;
}

describe('lag history store', () => {
  it('keeps what was written across a restart', () => {
    let h = new LagHistory(path);
    writeTicks(h, 20);
    h.addEvent('c1', 'billing', T0 + 30_000, 'rebalance', 'Rebalance: 2 members');
    h.close();

    h = new LagHistory(path);
    const id = ids(h, 'orders');
    const pts = h.points([id], T0, T0 + HOUR, 0).get(id)!;
    expect(pts).toHaveLength(20);
    expect(pts[19]).toEqual({ t: T0 + 19 * 5000, committed: 1000 + 19 * 90, end: 1000 + 19 * 100 });
    expect(h.events('c1', 'billing', T0, T0 + HOUR)).toEqual([
      { t: T0 + 30_000, kind: 'rebalance', text: 'Rebalance: 2 members' },
    ]);
    expect(h.sampledClusters()).toEqual(['c1']);
    h.close();
  });

  it('packs old samples into chunks and reads them at every resolution', () => {
    const h = new LagHistory(path);
    writeTicks(h, 2 * 720); // two hours at 5 s
    const id = ids(h, 'orders');
    const before = h.points([id], T0, T0 + 3 * HOUR, 0).get(id)!;
    expect(h.compact(T0 + 90 * MINUTE)).toBe(2 * 1080); // both topics, first 90 minutes
    expect(h.points([id], T0, T0 + 3 * HOUR, 0).get(id)).toEqual(before);
    const minutes = h.points([id], T0, T0 + 3 * HOUR, MINUTE).get(id)!;
    expect(minutes).toHaveLength(120);
    expect(minutes.every((p, i) => i === 0 || p.t - minutes[i - 1]!.t === MINUTE)).toBe(true);
    expect(h.points([id], T0, T0 + 3 * HOUR, 10 * MINUTE).get(id)).toHaveLength(12);
    // A window inside the packed part returns only its own points.
    expect(h.points([id], T0 + HOUR, T0 + HOUR + 60_000, 0).get(id)).toHaveLength(13);
    h.close();
  });

  it('falls back to a coarser tier for time the finer one no longer holds', () => {
    const h = new LagHistory(path);
    writeTicks(h, 3 * 720);
    h.compact(T0 + 3 * HOUR);
    const id = ids(h, 'orders');
    h.db.prepare('DELETE FROM chunks WHERE tier=0 AND start_t<?').run(T0 + 2 * HOUR);
    const pts = h.points([id], T0, T0 + 3 * HOUR, 0).get(id)!;
    // First two hours: one point a minute; last hour: every sample.
    expect(pts.filter((p) => p.t < T0 + 2 * HOUR)).toHaveLength(120);
    expect(pts.filter((p) => p.t >= T0 + 2 * HOUR)).toHaveLength(720);
    h.close();
  });

  it('shows a gap where nothing was recorded and says why', () => {
    const h = new LagHistory(path);
    writeTicks(h, 10);
    h.noteOutage('c1', T0 + 60_000, 'connection refused');
    h.noteOutage('c1', T0 + 65_000, 'connection refused');
    writeTicks(h, 10, 5000, T0 + 120_000);
    h.close();
    // A restart (a new run) after an hour of silence.
    const h2 = new LagHistory(path);
    writeTicks(h2, 5, 5000, T0 + 2 * HOUR);
    expect(h2.gaps('c1', T0, T0 + 3 * HOUR)).toEqual([
      { from: T0 + 45_000, to: T0 + 120_000, reason: 'The cluster did not answer: connection refused' },
      { from: T0 + 120_000 + 45_000, to: T0 + 2 * HOUR, reason: 'Samsa was not recording' },
    ]);
    h2.close();
  });

  it('keeps a gap open while the cluster stays unreachable', () => {
    const h = new LagHistory(path);
    writeTicks(h, 4);
    for (let i = 1; i <= 5; i++) h.noteOutage('c1', T0 + 15_000 + i * 5000, 'timed out');
    expect(h.gaps('c1', T0, T0 + HOUR)).toEqual([
      { from: T0 + 15_000, to: T0 + 40_000, reason: 'The cluster did not answer: timed out' },
    ]);
    h.close();
  });

  it('remembers pinned and opened groups; opened ones for a week', () => {
    const h = new LagHistory(path);
    h.setPinned('c1', 'a', true);
    h.markOpened('c1', 'b', T0);
    h.markOpened('c1', 'c', T0 - 8 * DAY);
    expect(
      h
        .watched('c1', T0)
        .map((w) => w.groupId)
        .sort(),
    ).toEqual(['a', 'b']);
    h.setPinned('c1', 'a', false);
    expect(h.watched('c1', T0).map((w) => w.groupId)).toEqual(['b']);
    h.close();
  });

  it('forgets a removed cluster entirely', () => {
    const h = new LagHistory(path);
    writeTicks(h, 5);
    h.deleteCluster('c1');
    expect(h.seriesOf('c1', 'billing')).toEqual([]);
    expect(h.sampledClusters()).toEqual([]);
    h.close();
  });

  it('migrates a new file to the current schema and moves an unreadable one aside', () => {
    writeFileSync(path, 'this is not a database, it is a text file that happens to be long enough'.repeat(100));
    const h = new LagHistory(path);
    expect(h.problem).toMatch(/could not be read.*moved to/);
    expect((h.db.prepare('PRAGMA user_version').get() as { user_version: number }).user_version).toBe(1);
    expect((h.db.prepare('PRAGMA journal_mode').get() as { journal_mode: string }).journal_mode).toBe('wal');
    h.close();
  });
});

describe('retention and the size cap', () => {
  /** Days of history for many groups, one sample a minute, packed as the sampler would. */
  function fill(h: LagHistory, days: number, groups: number): number {
    const start = T0 - days * DAY;
    const step = MINUTE;
    const ticks = (days * DAY) / step;
    for (let i = 0; i < ticks; i++) {
      const t = start + i * step;
      const rows: SampleRow[] = [];
      for (let g = 0; g < groups; g++) {
        rows.push({ key: key('orders', -1, `g${g}`), committed: i * (90 + g), end: i * (100 + g) + ((i * 7) % 13) });
      }
      h.appendTick('c1', t, rows, step);
      if (i % 60 === 59) h.compact(t + 1);
    }
    return start;
  }

  it('drops each tier after its retention', () => {
    const h = new LagHistory(path);
    const start = fill(h, 3, 2);
    h.enforceLimits(T0, 1e9);
    const id = h.seriesOf('c1', 'g0')[0]!.id;
    const raw = h.db.prepare('SELECT MIN(start_t) AS m FROM chunks WHERE tier=0').get() as { m: number };
    expect(raw.m).toBeGreaterThanOrEqual(T0 - DAY - HOUR);
    // Older than a day is still there, a point a minute.
    expect(h.points([id], start, T0, 0).get(id)!.length).toBeGreaterThan(2.9 * 1440);
    h.close();
  });

  it('stays under its cap, keeping the newest history', () => {
    const h = new LagHistory(path);
    fill(h, 4, 40);
    const before = h.sizeBytes();
    const cap = Math.floor(before / 3);
    const report = h.enforceLimits(T0, cap);
    expect(report.sizeBytes).toBeLessThanOrEqual(cap);
    expect(report.deletedChunks).toBeGreaterThan(0);
    const id = h.seriesOf('c1', 'g7')[0]!.id;
    const pts = h.points([id], T0 - HOUR, T0, 0).get(id)!;
    expect(pts.length).toBeGreaterThanOrEqual(59); // the last hour survives
    h.close();
  }, 60_000);
});
