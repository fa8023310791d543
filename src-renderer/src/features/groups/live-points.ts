/**
 * Joins a chart's history with the samples pushed since it was fetched (through the group's detail
 * subscription), so a live chart moves without asking main again.
 */
import type { LagHistory, LagSeries } from '../../contract.js';
import type { GroupSample } from '../../queries/groups.js';

export type Level = 'group' | 'topic' | 'partition';

/** One sample of every series of a level: key → offsets at that time. */
export interface LivePoint {
  t: number;
  values: Map<string, { lag: number; committed: number; end: number }>;
}

/** The series of a level in one pushed sample, keyed as the history keys them. */
export function livePoint(s: GroupSample, level: Level, topic: string | undefined): LivePoint | null {
  const values = new Map<string, { lag: number; committed: number; end: number }>();
  if (level === 'group') {
    if (s.totalLag === null) return null;
    values.set('group', { lag: s.totalLag, committed: s.committed, end: s.end });
  } else if (level === 'topic') {
    for (const [t, v] of s.topics)
      if (v.lag !== null) values.set(`topic:${t}`, { lag: v.lag, committed: v.committed, end: v.end });
  } else {
    for (const [k, v] of s.partitions) {
      if (topic === undefined || k.startsWith(`${topic}:`)) values.set(`partition:${k}`, v);
    }
  }
  return { t: s.t, values };
}

const labelOf = (key: string) => {
  if (key === 'group') return 'Total lag';
  const [, topic, partition] = key.split(':');
  return partition === undefined ? topic! : `${topic}[${partition}]`;
};

/**
 * History plus live points newer than its last point. With a bucketed history, a live point in the
 * same bucket as the previous one replaces it, so the resolution stays what the history said.
 */
export function mergeLive(h: LagHistory, live: LivePoint[]): { t: number[]; series: LagSeries[] } {
  const lastT = h.t.length ? h.t[h.t.length - 1]! : -Infinity;
  const fresh = live.filter((p) => p.t > lastT);
  if (fresh.length === 0) return { t: h.t, series: h.series };
  const t = [...h.t];
  const byKey = new Map(
    h.series.map((s) => [
      s.key,
      { ...s, lag: [...s.lag], consumeRate: [...s.consumeRate], produceRate: [...s.produceRate] },
    ]),
  );
  for (const p of fresh)
    for (const key of p.values.keys()) if (!byKey.has(key)) byKey.set(key, emptySeries(key, t.length));
  let prev: LivePoint | null = null;
  for (const p of fresh) {
    const replace =
      h.stepMs > 0 && t.length > 0 && Math.floor(p.t / h.stepMs) === Math.floor(t[t.length - 1]! / h.stepMs);
    if (!replace) {
      t.push(p.t);
      for (const s of byKey.values()) {
        s.lag.push(null);
        s.consumeRate.push(null);
        s.produceRate.push(null);
      }
    } else t[t.length - 1] = p.t;
    const i = t.length - 1;
    for (const [key, s] of byKey) {
      const v = p.values.get(key);
      if (!v) continue;
      s.lag[i] = v.lag;
      const before = prev?.values.get(key);
      if (prev && before && p.t > prev.t) {
        const secs = (p.t - prev.t) / 1000;
        const c = (v.committed - before.committed) / secs;
        const e = (v.end - before.end) / secs;
        s.consumeRate[i] = c >= 0 ? c : null;
        s.produceRate[i] = e >= 0 ? e : null;
      }
    }
    prev = p;
  }
  return { t, series: [...byKey.values()] };
}

function emptySeries(key: string, n: number): LagSeries {
  return {
    key,
    label: labelOf(key),
    lag: new Array(n).fill(null),
    consumeRate: new Array(n).fill(null),
    produceRate: new Array(n).fill(null),
  };
}
