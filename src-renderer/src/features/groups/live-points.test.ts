import { describe, expect, it } from 'vitest';
import type { LagHistory } from '../../contract.js';
import type { GroupSample } from '../../queries/groups.js';
import { livePoint, mergeLive } from './live-points.js';

const history = (stepMs: number): LagHistory => ({
  from: 0,
  to: 10_000,
  stepMs,
  resolution: 'every sample',
  t: [5000, 10_000],
  series: [{ key: 'group', label: 'Total lag', lag: [1, 2], consumeRate: [null, 1], produceRate: [null, 1] }],
  events: [],
  gaps: [],
  partitionHistorySince: null,
});

const sample = (t: number, committed: number, end: number): GroupSample => ({
  t,
  totalLag: end - committed,
  committed,
  end,
  topics: new Map([['orders', { lag: end - committed, committed, end }]]),
  partitions: new Map([['orders:0', { lag: end - committed, committed, end }]]),
});

describe('live points on a chart', () => {
  it('appends pushed samples after the history, with rates between them', () => {
    const live = [sample(10_000, 0, 2), sample(15_000, 10, 20), sample(20_000, 30, 45)].map((s) =>
      livePoint(s, 'group', undefined)!,
    );
    const merged = mergeLive(history(0), live);
    expect(merged.t).toEqual([5000, 10_000, 15_000, 20_000]);
    expect(merged.series[0]).toMatchObject({
      lag: [1, 2, 10, 15],
      consumeRate: [null, 1, null, 4],
      produceRate: [null, 1, null, 5],
    });
  });

  it('replaces the last point within a bucket of a coarse history', () => {
    const merged = mergeLive(history(60_000), [livePoint(sample(30_000, 0, 7), 'group', undefined)!]);
    expect(merged.t).toEqual([5000, 30_000]);
    expect(merged.series[0]!.lag).toEqual([1, 7]);
  });

  it('keys partitions as the history does, for one topic or all', () => {
    expect([...livePoint(sample(1, 0, 3), 'partition', 'orders')!.values.keys()]).toEqual(['partition:orders:0']);
    expect(livePoint(sample(1, 0, 3), 'partition', 'other')!.values.size).toBe(0);
    expect([...livePoint(sample(1, 0, 3), 'topic', undefined)!.values.keys()]).toEqual(['topic:orders']);
  });
});
