import { describe, expect, it } from 'vitest';
import { duration, evaluateGroup, evaluatePartition, PartitionTrack, WINDOW } from './burrow.js';

const S = 5000;

/** A partition sampled every 5 s with the given committed and log-end offsets. */
function track(samples: [committed: number, end: number][]): { track: PartitionTrack; now: number } {
  const [first, ...rest] = samples;
  const t = new PartitionTrack({ t: 0, committed: first![0], end: first![1] });
  rest.forEach(([c, e], i) => t.observe({ t: (i + 1) * S, committed: c, end: e }));
  return { track: t, now: rest.length * S };
}

describe('Burrow-style partition status over samples', () => {
  it('OK when caught up', () => {
    const { track: t, now } = track([
      [10, 10],
      [20, 20],
    ]);
    expect(evaluatePartition(t, now, true, S)).toEqual({ status: 'OK', reason: 'Caught up: lag is 0.' });
  });

  it('WARNING when lag never falls across the window while commits advance', () => {
    const samples: [number, number][] = Array.from({ length: WINDOW }, (_, i) => [100 * i, 100 * i + 50 + 30 * i]);
    const { track: t, now } = track(samples);
    const v = evaluatePartition(t, now, true, S);
    expect(v.status).toBe('WARNING');
    expect(v.reason).toBe('Lag grew in 9 of the last 9 commits and never fell (50 → 320) while commits advanced.');
  });

  it('OK when lag touched zero within the window', () => {
    const samples: [number, number][] = [
      [0, 0],
      ...Array.from({ length: 6 }, (_, i): [number, number] => [10 * (i + 1), 12 * (i + 1)]),
    ];
    expect(evaluatePartition(track(samples).track, 6 * S, true, S).status).toBe('OK');
  });

  it('STOP when nothing commits for longer than the window spans and nobody holds the partition', () => {
    const { track: t } = track([
      [0, 50],
      [10, 60],
      [20, 70],
      [30, 80],
    ]);
    // Commits span 15 s; 40 s of silence afterwards.
    for (let i = 4; i < 12; i++) t.observe({ t: i * S, committed: 30, end: 80 + 10 * i });
    const v = evaluatePartition(t, 11 * S, false, S);
    expect(v.status).toBe('STOP');
    expect(v.reason).toBe('No commit for 40 s while lag is 160; no member consumes the partition.');
    expect(evaluatePartition(t, 11 * S, true, S).status).toBe('STALL');
  });

  it('STOP for a group that was already stopped when sampling started, once a window has passed', () => {
    const samples: [number, number][] = Array.from({ length: WINDOW }, () => [5, 900]);
    const { track: t, now } = track(samples);
    const v = evaluatePartition(t, now, false, S);
    expect(v.status).toBe('STOP');
    expect(v.reason).toMatch(/^No commit since sampling started 45 s ago while lag is 895/);
    // One sample short of a window: not yet.
    const short = track(samples.slice(1));
    expect(evaluatePartition(short.track, short.now, false, S).status).toBe('OK');
  });

  it('REWIND when the committed offset moved backwards', () => {
    const { track: t, now } = track([
      [100, 200],
      [150, 210],
      [20, 220],
      [30, 230],
    ]);
    expect(t.lastRewind).toEqual({ t: 2 * S, from: 150, to: 20 });
    const v = evaluatePartition(t, now, true, S);
    expect(v.status).toBe('REWIND');
    expect(v.reason).toMatch(/moved backwards from 150 to 20/);
  });

  it('rates cover the last minutes and restart after a rewind', () => {
    const { track: t } = track(Array.from({ length: 13 }, (_, i): [number, number] => [100 * i, 120 * i + 5]));
    expect(t.rates()).toEqual({ consume: 20, produce: 24, basisMs: 60_000 });
    t.observe({ t: 13 * S, committed: 0, end: 1565 });
    expect(t.rates()).toBeNull();
  });
});

describe('group status', () => {
  it('is the worst partition, named, with the others counted', () => {
    const ok = { status: 'OK' as const, reason: 'fine' };
    const warn = { status: 'WARNING' as const, reason: 'growing' };
    const stop = { status: 'STOP' as const, reason: 'No commit for 3 min.' };
    expect(evaluateGroup([])).toMatchObject({ level: 'UNKNOWN', status: null });
    expect(evaluateGroup([{ topic: 'a', partition: 0, verdict: ok }])).toMatchObject({ level: 'OK' });
    expect(
      evaluateGroup([
        { topic: 'a', partition: 0, verdict: warn },
        { topic: 'a', partition: 1, verdict: stop },
        { topic: 'b', partition: 2, verdict: stop },
      ]),
    ).toEqual({ level: 'ERROR', status: 'STOP', reason: 'STOP on a[1] and 1 more partition: No commit for 3 min.' });
  });

  it('words durations', () => {
    expect([45_000, 200_000, 7_500_000, 3 * 86_400_000 + 4 * 3_600_000].map(duration)).toEqual([
      '45 s',
      '3 min 20 s',
      '2 h 5 min',
      '3 d 4 h',
    ]);
  });
});
