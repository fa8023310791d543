import { describe, expect, it } from 'vitest';
import { decodeChunk, encodeChunk, MAX_VALUE, type SamplePoint } from './chunk-codec.js';
import { downsampleLast, tierForStep } from './tiers.js';

function steady(n: number, start = 1_764_000_000_000): SamplePoint[] {
  const out: SamplePoint[] = [];
  let c = 1_000_000;
  let e = 1_000_500;
  for (let i = 0; i < n; i++) {
    c += 100 + (i % 7);
    e += 103 + (i % 5);
    out.push({ t: start + i * 5000 + (i % 3) * 4, committed: c, end: e });
  }
  return out;
}

describe('lag chunk codec', () => {
  it('round-trips points exactly, including resets, gaps and negative jumps', () => {
    const points = [
      ...steady(50),
      { t: 1_764_001_000_000, committed: 0, end: 9_000_000 }, // reset to earliest
      { t: 1_764_009_000_000, committed: 12, end: 9_000_001 }, // hours later
      { t: 1_764_009_005_000, committed: MAX_VALUE, end: MAX_VALUE },
    ];
    expect(decodeChunk(encodeChunk(points))).toEqual(points);
    expect(decodeChunk(encodeChunk([]))).toEqual([]);
  });

  it('stores a steady series in a few bytes per point', () => {
    const points = steady(720); // an hour at 5 s
    const bytes = encodeChunk(points).length;
    expect(bytes / points.length).toBeLessThan(4);
  });

  it('refuses values it could not store exactly, and points out of order', () => {
    expect(() => encodeChunk([{ t: 1, committed: 2 ** 53, end: 0 }])).toThrow(RangeError);
    expect(() => encodeChunk([{ t: 1.5, committed: 0, end: 0 }])).toThrow(RangeError);
    expect(() =>
      encodeChunk([
        { t: 2, committed: 0, end: 0 },
        { t: 1, committed: 0, end: 0 },
      ]),
    ).toThrow(/time order/);
  });

  it('says so when a blob is cut short', () => {
    const blob = encodeChunk(steady(10));
    expect(() => decodeChunk(blob.subarray(0, blob.length - 2))).toThrow(/truncated/);
  });
});

describe('tiers', () => {
  it('keeps the last point of each bucket', () => {
    const pts = [0, 20_000, 59_999, 60_000, 130_000].map((t, i) => ({ t, committed: i, end: i + 1 }));
    expect(downsampleLast(pts, 60_000).map((p) => p.t)).toEqual([59_999, 60_000, 130_000]);
    expect(downsampleLast(pts, 0)).toEqual(pts);
  });

  it('picks the coarsest tier still finer than the step a chart needs', () => {
    expect(tierForStep(5_000).id).toBe(0);
    expect(tierForStep(60_000).id).toBe(1);
    expect(tierForStep(9 * 60_000).id).toBe(1);
    expect(tierForStep(30 * 60_000).id).toBe(2);
  });
});
