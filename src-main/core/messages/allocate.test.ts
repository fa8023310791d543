import { describe, expect, it } from 'vitest';
import { allocateNewest, type PartitionRange } from './allocate.js';

const r = (partition: number, low: number, high: number): PartitionRange => ({
  partition,
  low: BigInt(low),
  high: BigInt(high),
});
const counts = (plans: ReturnType<typeof allocateNewest>) => plans.map((p) => Number(p.end - p.start));

describe('allocateNewest', () => {
  it('splits evenly, remainder to the lowest partitions first', () => {
    const plans = allocateNewest(10, [r(0, 0, 100), r(1, 0, 100), r(2, 0, 100)]);
    expect(counts(plans)).toEqual([4, 3, 3]);
    expect(plans[0]).toEqual({ partition: 0, start: 96n, end: 100n });
  });

  it('reads down from the high watermark and never below the low watermark', () => {
    const plans = allocateNewest(10, [r(0, 98, 100), r(1, 50, 60), r(2, 7, 7)]);
    expect(plans).toEqual([
      { partition: 0, start: 98n, end: 100n },
      { partition: 1, start: 52n, end: 60n },
      { partition: 2, start: 7n, end: 7n },
    ]);
  });

  it('takes everything when fewer records exist than asked', () => {
    expect(counts(allocateNewest(1000, [r(0, 0, 3), r(1, 10, 12)]))).toEqual([3, 2]);
  });

  it('matches one-at-a-time round robin for uneven partitions', () => {
    const ranges = [r(0, 0, 1), r(1, 0, 5), r(2, 0, 2), r(3, 0, 50)];
    for (let limit = 0; limit <= 60; limit++) {
      const naive = [0, 0, 0, 0];
      const avail = [1, 5, 2, 50];
      let left = limit;
      while (left > 0 && naive.some((n, i) => n < avail[i])) {
        for (let i = 0; i < 4 && left > 0; i++)
          if (naive[i] < avail[i]) {
            naive[i]++;
            left--;
          }
      }
      expect(counts(allocateNewest(limit, ranges))).toEqual(naive);
    }
  });

  it('handles int64 offsets and large limits quickly', () => {
    const big = 2n ** 62n;
    const plans = allocateNewest(10_000, [
      { partition: 1, low: 0n, high: big },
      { partition: 0, low: big - 3n, high: big },
    ]);
    expect(plans.map((p) => p.partition)).toEqual([0, 1]);
    expect(counts(plans)).toEqual([3, 9997]);
    expect(plans[1].start).toBe(big - 9997n);
  });
});
