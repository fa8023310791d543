import { describe, expect, it, vi } from 'vitest';
import { AppendSignal, waitForAppend } from './long-poll.js';

describe('waitForAppend', () => {
  it('wakes on an append to any of the signals and unsubscribes from all', async () => {
    const a = new AppendSignal();
    const b = new AppendSignal();
    const p = waitForAppend([a, b], 10_000);
    expect(a.waiting).toBe(1);
    b.notify();
    expect(await p).toBe('append');
    expect(a.waiting).toBe(0);
    expect(b.waiting).toBe(0);
  });

  it('times out', async () => {
    vi.useFakeTimers();
    try {
      const s = new AppendSignal();
      const p = waitForAppend([s], 500);
      vi.advanceTimersByTime(499);
      expect(s.waiting).toBe(1);
      vi.advanceTimersByTime(1);
      expect(await p).toBe('timeout');
      expect(s.waiting).toBe(0);
    } finally {
      vi.useRealTimers();
    }
  });

  it('ends at once on shutdown, and immediately when already aborted or out of time', async () => {
    const s = new AppendSignal();
    const ac = new AbortController();
    const p = waitForAppend([s], 10_000, ac.signal);
    ac.abort();
    expect(await p).toBe('shutdown');
    expect(s.waiting).toBe(0);
    expect(await waitForAppend([s], 10_000, ac.signal)).toBe('shutdown');
    expect(await waitForAppend([s], 0)).toBe('timeout');
  });

  it('notify without waiters is a no-op, and a second notify after wake-up does nothing', async () => {
    const s = new AppendSignal();
    s.notify();
    const p = waitForAppend([s], 1000);
    s.notify();
    s.notify();
    expect(await p).toBe('append');
  });
});
