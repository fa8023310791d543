/**
 * A chart's worth of history: the group's total, each topic, or each partition, at a resolution
 * that gives about `maxPoints` points, aligned on one time axis, with consumption and production
 * rates, the timeline's events and the gaps where nothing was recorded.
 */
import type { LagEventKind, LagHistory as LagHistoryResult, LagSeries } from '../../contract/groups.js';
import type { SamplePoint } from './chunk-codec.js';
import type { LagHistory, StoredSeries } from './lag-history.js';
import { tierForStep, TIERS } from './tiers.js';

export interface HistoryQuery {
  clusterId: string;
  groupId: string;
  from: number;
  to: number;
  level: 'group' | 'topic' | 'partition';
  topic?: string;
  maxPoints: number;
}

/** Chart-friendly widths: buckets line up between queries and with live points. */
const NICE_STEPS = [1, 2, 5, 10, 15, 30, 60, 120, 300, 600, 900, 1800, 3600, 7200, 10800, 21600, 43200, 86400].map(
  (s) => s * 1000,
);

/** At most this many lines in one chart; more would be unreadable (the table still lists them). */
export const MAX_SERIES = 100;

export function stepFor(from: number, to: number, maxPoints: number, sampleMs: number): number {
  const wanted = (to - from) / maxPoints;
  if (wanted <= sampleMs) return 0;
  return NICE_STEPS.find((s) => s >= wanted) ?? Math.ceil(wanted / 86_400_000) * 86_400_000;
}

interface Leaf {
  key: string;
  label: string;
  points: SamplePoint[];
}

export function queryHistory(h: LagHistory, q: HistoryQuery, sampleMs: number): LagHistoryResult {
  const stepMs = stepFor(q.from, q.to, q.maxPoints, sampleMs);
  const all = h.seriesOf(q.clusterId, q.groupId);
  const topics = all.filter((s) => s.partition === -1);
  const parts = all.filter((s) => s.partition >= 0 && (q.topic === undefined || s.topic === q.topic));
  const chosen: StoredSeries[] = q.level === 'partition' ? parts.slice(0, MAX_SERIES) : topics;
  const points = h.points(
    chosen.map((s) => s.id),
    q.from,
    q.to,
    stepMs,
  );
  const leaves: Leaf[] = chosen.map((s) => ({
    key: q.level === 'partition' ? `partition:${s.topic}:${s.partition}` : `topic:${s.topic}`,
    label: q.level === 'partition' ? `${s.topic}[${s.partition}]` : s.topic,
    points: points.get(s.id) ?? [],
  }));
  const gaps = h.gaps(q.clusterId, q.from, q.to);
  const axis = timeAxis(leaves, stepMs);
  const aligned = leaves.map((l) => align(l, axis, stepMs, gaps));
  const series: LagSeries[] =
    q.level === 'group'
      ? aligned.length > 0
        ? [sum(aligned)]
        : []
      : aligned.map(({ key, label, lag, consumeRate, produceRate }) => ({ key, label, lag, consumeRate, produceRate }));
  let partitionHistorySince: number | null = null;
  for (const l of q.level === 'partition' ? leaves : []) {
    const first = l.points[0]?.t;
    if (first !== undefined) partitionHistorySince = Math.min(partitionHistorySince ?? first, first);
  }
  const tier = stepMs === 0 ? TIERS[0]! : tierForStep(stepMs);
  return {
    from: q.from,
    to: q.to,
    stepMs,
    resolution: stepMs === 0 ? 'every sample' : `one point per ${describeStep(stepMs)} (from ${tier.label})`,
    t: axis.times,
    series,
    events: h.events(q.clusterId, q.groupId, q.from, q.to).map((e) => ({ ...e, kind: e.kind as LagEventKind })),
    gaps,
    partitionHistorySince,
  };
}

function describeStep(ms: number): string {
  const s = ms / 1000;
  if (s < 60) return `${s} s`;
  if (s < 3600) return `${s / 60} min`;
  if (s < 86400) return `${s / 3600} h`;
  return `${s / 86400} d`;
}

interface Axis {
  times: number[];
  /** Bucket key → index on the axis. */
  index: Map<number, number>;
}

const bucketOf = (t: number, stepMs: number) => (stepMs === 0 ? t : Math.floor(t / stepMs));

/** One entry per bucket that has a point in any series; its time is the latest point in it. */
function timeAxis(leaves: Leaf[], stepMs: number): Axis {
  const latest = new Map<number, number>();
  for (const l of leaves) {
    for (const p of l.points) {
      const b = bucketOf(p.t, stepMs);
      latest.set(b, Math.max(latest.get(b) ?? 0, p.t));
    }
  }
  const buckets = [...latest.keys()].sort((a, b) => a - b);
  return { times: buckets.map((b) => latest.get(b)!), index: new Map(buckets.map((b, i) => [b, i])) };
}

interface AlignedLeaf extends LagSeries {
  committed: (number | null)[];
  end: (number | null)[];
}

function align(l: Leaf, axis: Axis, stepMs: number, gaps: { from: number; to: number }[]): AlignedLeaf {
  const n = axis.times.length;
  const out: AlignedLeaf = {
    key: l.key,
    label: l.label,
    lag: new Array<number | null>(n).fill(null),
    consumeRate: new Array<number | null>(n).fill(null),
    produceRate: new Array<number | null>(n).fill(null),
    committed: new Array<number | null>(n).fill(null),
    end: new Array<number | null>(n).fill(null),
  };
  let prev: SamplePoint | null = null;
  for (const p of l.points) {
    const i = axis.index.get(bucketOf(p.t, stepMs))!;
    out.lag[i] = Math.max(0, p.end - p.committed);
    out.committed[i] = p.committed;
    out.end[i] = p.end;
    // No rate across a gap, a reset, or a recreated topic: those are not consumption.
    if (prev && p.t > prev.t && !gaps.some((g) => g.from < p.t && g.to > prev!.t)) {
      const secs = (p.t - prev.t) / 1000;
      const c = (p.committed - prev.committed) / secs;
      const e = (p.end - prev.end) / secs;
      out.consumeRate[i] = c >= 0 ? round(c) : null;
      out.produceRate[i] = e >= 0 ? round(e) : null;
    }
    prev = p;
  }
  return out;
}

/** Rates to three decimals: finer is noise, and long decimals would bloat the answer. */
const round = (x: number) => Math.round(x * 1000) / 1000;

/** The group's total: lag and rates added up over its topics, bucket by bucket. */
function sum(leaves: AlignedLeaf[]): LagSeries {
  const n = leaves[0]!.lag.length;
  const add = (pick: (l: AlignedLeaf) => (number | null)[]) =>
    Array.from({ length: n }, (_, i) => {
      let total: number | null = null;
      for (const l of leaves) {
        const v = pick(l)[i];
        if (v !== null && v !== undefined) total = (total ?? 0) + v;
      }
      return total;
    });
  return {
    key: 'group',
    label: 'Total lag',
    lag: add((l) => l.lag),
    consumeRate: add((l) => l.consumeRate).map((v) => (v === null ? null : round(v))),
    produceRate: add((l) => l.produceRate).map((v) => (v === null ? null : round(v))),
  };
}
