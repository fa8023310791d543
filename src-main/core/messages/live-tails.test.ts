import { describe, expect, it } from 'vitest';
import { LiveTail, LiveTails, MAX_LIVE_TAILS } from './live-tails.js';
import { toKafkaMessage, type ReadRecord } from './read-record.js';

const rec = (offset: number): ReadRecord => ({
  partition: 0,
  offset: BigInt(offset),
  timestamp: 0,
  key: null,
  value: Buffer.from([offset]),
  headers: [],
});
const recs = (...offsets: number[]) => offsets.map(rec);
const msg = (offset: number) => toKafkaMessage(rec(offset));

describe('a live tail kept in main', () => {
  it('counts records per second over the last second', () => {
    let now = 10_000;
    const t = new LiveTail('t1234567', 100, () => now);
    t.add(recs(1, 2, 3));
    now += 600;
    t.add(recs(4, 5));
    expect(t.perSecond()).toBe(5);
    now += 500; // the first three are over a second old
    expect(t.perSecond()).toBe(2);
    now += 1000;
    expect(t.perSecond()).toBe(0);
  });

  it('gives the newest rows newest first, and asked rows oldest first from their number', () => {
    const t = new LiveTail('t1234567', 4);
    t.add(recs(0, 1, 2, 3, 4, 5)); // numbers 0..5; 0 and 1 have left the window
    expect(t.newest(3).map((m) => m.offset)).toEqual(['5', '4', '3']);
    expect(t.rows(0, 4)).toEqual({ from: 2, messages: [msg(2), msg(3)] });
    expect(t.rows(5, 10)).toEqual({ from: 5, messages: [msg(5)] });
    expect(t.rows(9, 1).messages).toEqual([]);
  });

  it('waits while paused and goes on once resumed or stopped', async () => {
    const t = new LiveTail('t1234567', 4);
    const stop = new AbortController();
    await t.whileRunning(stop.signal); // running: at once
    t.setPaused(true);
    let resumed = false;
    const waiting = t.whileRunning(stop.signal).then(() => (resumed = true));
    await new Promise((r) => setTimeout(r, 20));
    expect(resumed).toBe(false);
    t.setPaused(false);
    await waiting;
    t.setPaused(true);
    const stopped = t.whileRunning(stop.signal);
    stop.abort();
    await stopped;
  });
});

describe('the running live tails', () => {
  it('finds a tail by its id until it closes; a restarted window replaces its own', () => {
    const tails = new LiveTails();
    const a = tails.open('window-a-1', 10);
    expect(tails.get('window-a-1')).toBe(a);
    const again = tails.open('window-a-1', 10);
    tails.close(a); // the replaced one closing late does not remove the new one
    expect(tails.get('window-a-1')).toBe(again);
    tails.close(again);
    expect(() => tails.get('window-a-1')).toThrow(/stopped/);
  });

  it(`runs at most ${MAX_LIVE_TAILS} at once`, () => {
    const tails = new LiveTails();
    for (let i = 0; i < MAX_LIVE_TAILS; i++) tails.open(`window-${i}-xx`, 10);
    expect(() => tails.open('one-too-many', 10)).toThrow(/already running/);
    expect(tails.size).toBe(MAX_LIVE_TAILS);
  });
});
