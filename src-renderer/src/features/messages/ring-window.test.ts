import { describe, expect, it } from 'vitest';
import { RingWindow } from './ring-window.js';

describe('the live window', () => {
  it('keeps the newest N, newest first, and counts what fell out', () => {
    const w = new RingWindow<number>(3);
    w.push([1, 2]);
    expect([w.at(0), w.at(1)]).toEqual([2, 1]);
    w.push([3, 4, 5, 6, 7]);
    expect(w.count).toBe(3);
    expect([w.at(0), w.at(1), w.at(2)]).toEqual([7, 6, 5]);
    expect(w.dropped).toBe(4);
    expect(w.received).toBe(7);
  });

  it('takes a burst of a million without growing', () => {
    const w = new RingWindow<number>(10_000);
    const burst = Array.from({ length: 1_000_000 }, (_, i) => i);
    w.push(burst);
    expect(w.count).toBe(10_000);
    expect(w.at(0)).toBe(999_999);
    expect(w.at(9_999)).toBe(990_000);
  });
});
