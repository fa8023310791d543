import { getEventListeners } from 'node:events';
import { describe, expect, it, vi } from 'vitest';
import { abortWaiterCount, AppendSignal, waitForAppend } from './long-poll.js';

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

  it('puts one abort listener on the shutdown signal however many polls wait, and leaves no waiter behind', async () => {
    const warnings: Error[] = [];
    const onWarning = (w: Error) => warnings.push(w);
    process.on('warning', onWarning);
    try {
      const ac = new AbortController();
      const s = new AppendSignal();
      // Parked fetches that end by an append, by their timeout, and by shutdown.
      const appended = Array.from({ length: 20 }, () => waitForAppend([s], 10_000, ac.signal));
      const timedOut = Array.from({ length: 20 }, () => waitForAppend([new AppendSignal()], 5, ac.signal));
      expect(getEventListeners(ac.signal, 'abort')).toHaveLength(1);
      expect(abortWaiterCount(ac.signal)).toBe(40);
      s.notify();
      expect(new Set(await Promise.all(appended))).toEqual(new Set(['append']));
      expect(new Set(await Promise.all(timedOut))).toEqual(new Set(['timeout']));
      expect(abortWaiterCount(ac.signal)).toBe(0);
      const parked = Array.from({ length: 20 }, () => waitForAppend([s], 10_000, ac.signal));
      expect(getEventListeners(ac.signal, 'abort')).toHaveLength(1);
      ac.abort();
      expect(new Set(await Promise.all(parked))).toEqual(new Set(['shutdown']));
      expect(abortWaiterCount(ac.signal)).toBe(0);
      expect(s.waiting).toBe(0);
      await new Promise((r) => setImmediate(r));
      expect(warnings.filter((w) => w.name === 'MaxListenersExceededWarning')).toEqual([]);
    } finally {
      process.off('warning', onWarning);
    }
  });
});
