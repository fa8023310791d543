import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { queryHistory, stepFor } from './history-query.js';
import { LagHistory } from './lag-history.js';

let dir: string;
let h: LagHistory;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'samsa-history-query-'));
  h = new LagHistory(join(dir, 'h.sqlite'));
});
afterEach(() => {
  h.close();
  rmSync(dir, { recursive: true, force: true });
});

const T0 = Date.UTC(2026, 10, 1, 12);
const key = (topic: string, partition = -1) => ({ clusterId: 'c', groupId: 'g', topic, partition });
const q = (level: 'group' | 'topic' | 'partition', from = T0 - 1000, to = T0 + 3_600_000) =>
  queryHistory(h, { clusterId: 'c', groupId: 'g', from, to, level, maxPoints: 1000 }, 5000);

describe('history for a chart', () => {
  it('adds topics up into the group total, with rates per second', () => {
    for (let i = 0; i < 4; i++) {
      h.appendTick(
        'c',
        T0 + i * 5000,
        [
          { key: key('a'), committed: 100 * i, end: 100 * i + 10 * i },
          { key: key('b'), committed: 50 * i, end: 50 * i + 5 },
        ],
        5000,
      );
    }
    const g = q('group');
    expect(g.stepMs).toBe(0);
    expect(g.t).toEqual([T0, T0 + 5000, T0 + 10_000, T0 + 15_000]);
    expect(g.series).toEqual([
      {
        key: 'group',
        label: 'Total lag',
        lag: [5, 15, 25, 35],
        consumeRate: [null, 30, 30, 30],
        produceRate: [null, 32, 32, 32],
      },
    ]);
    expect(q('topic').series.map((s) => [s.key, s.lag])).toEqual([
      ['topic:a', [0, 10, 20, 30]],
      ['topic:b', [5, 5, 5, 5]],
    ]);
  });

  it('has no rate across a reset or a gap', () => {
    h.appendTick('c', T0, [{ key: key('a'), committed: 500, end: 600 }], 5000);
    h.appendTick('c', T0 + 5000, [{ key: key('a'), committed: 0, end: 610 }], 5000);
    h.noteOutage('c', T0 + 10_000, 'refused');
    h.appendTick('c', T0 + 15_000, [{ key: key('a'), committed: 10, end: 620 }], 5000);
    const r = q('topic');
    expect(r.series[0]!.consumeRate).toEqual([null, null, null]);
    expect(r.series[0]!.produceRate).toEqual([null, 2, null]);
    expect(r.gaps).toHaveLength(1);
  });

  it('picks chart-friendly steps: every sample when they fit, else round widths', () => {
    expect(stepFor(0, 15 * 60_000, 1000, 5000)).toBe(0);
    expect(stepFor(0, 86_400_000, 1000, 5000)).toBe(120_000);
    expect(stepFor(0, 30 * 86_400_000, 1000, 5000)).toBe(3_600_000);
  });
});
