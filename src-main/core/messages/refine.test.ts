import { describe, expect, it } from 'vitest';
import type { KafkaMessage } from '../../contract/messages.js';
import { allocateNewest } from './allocate.js';
import { extraReads } from './refine.js';
import { mergeNewestFirst } from './merge.js';

/** A simulated topic: per partition, the timestamps of records at offsets 0.. (rising). */
function simulate(stamps: number[][], limit: number) {
  const ranges = stamps.map((s, partition) => ({ partition, low: 0n, high: BigInt(s.length) }));
  const lows = new Map(ranges.map((r) => [r.partition, r.low]));
  let plans = allocateNewest(limit, ranges);
  const read = new Map<number, KafkaMessage[]>(plans.map((p) => [p.partition, []]));
  const readRange = (partition: number, start: bigint, end: bigint) => {
    for (let o = Number(start); o < Number(end); o++) {
      read
        .get(partition)!
        .push({ partition, offset: String(o), timestamp: stamps[partition][o], key: null, value: null, headers: [] });
    }
  };
  for (const p of plans) readRange(p.partition, p.start, p.end);
  let rounds = 0;
  for (;;) {
    const extra = extraReads(limit, plans, lows, read);
    if (extra.length === 0) break;
    rounds++;
    for (const e of extra) readRange(e.partition, e.start, e.end);
    const moved = new Map(extra.map((e) => [e.partition, e.start]));
    plans = plans.map((p) => ({ ...p, start: moved.get(p.partition) ?? p.start }));
  }
  const got = mergeNewestFirst([...read.values()], limit).map((m) => m.timestamp);
  const want = stamps
    .flat()
    .sort((a, b) => b - a)
    .slice(0, limit);
  const readCount = [...read.values()].reduce((n, l) => n + l.length, 0);
  return { got, want, rounds, readCount };
}

describe('extraReads', () => {
  it('even partitions: at most a peek at one older record per partition', () => {
    const stamps = [0, 1, 2].map((p) => Array.from({ length: 20 }, (_, i) => i * 3 + p));
    const r = simulate(stamps, 12);
    expect(r.got).toEqual(r.want);
    expect(r.rounds).toBe(1);
    expect(r.readCount).toBeLessThanOrEqual(12 + 3);
  });

  it('a busy and a quiet partition: exact after one extra round', () => {
    const busy = Array.from({ length: 1000 }, (_, i) => 10_000 + i);
    const quiet = Array.from({ length: 1000 }, (_, i) => i); // all older than any busy record
    const r = simulate([quiet, busy], 100);
    expect(r.got).toEqual(r.want);
    expect(r.rounds).toBe(1);
    expect(r.readCount).toBeLessThanOrEqual(150);
  });

  it('fewer partitions read than exist (limit below partition count)', () => {
    const stamps = [
      [1, 2],
      [3, 4],
      [5, 60],
      [7, 8],
    ];
    const r = simulate(stamps, 2);
    expect(r.got).toEqual([60, 8]);
  });

  it('random skew stays exact', () => {
    let seed = 7;
    const rnd = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    for (let trial = 0; trial < 50; trial++) {
      const parts = 1 + Math.floor(rnd() * 5);
      const stamps: number[][] = Array.from({ length: parts }, () => []);
      let t = 0;
      const weights = stamps.map(() => rnd() ** 3);
      const total = weights.reduce((a, b) => a + b, 0);
      for (let i = 0; i < 300; i++) {
        let x = rnd() * total;
        let p = 0;
        while (p < parts - 1 && x > weights[p]) x -= weights[p++];
        stamps[p].push(t++);
      }
      const limit = 1 + Math.floor(rnd() * 120);
      const r = simulate(stamps, limit);
      expect(r.got).toEqual(r.want);
    }
  });
});
