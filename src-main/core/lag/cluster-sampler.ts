/**
 * Samples one cluster: every group, its members, committed offsets and the log ends they lag
 * behind, in a handful of batched requests per tick. Keeps the latest picture and a short memory
 * per partition (for Burrow's rules and rates), writes history, and tells listeners what changed.
 */
import type { GroupHealth, LagVerdict, ProblemKind } from '../../contract/groups.js';
import type {
  CommittedOffsets,
  DescribedGroup,
  GroupsGateway,
  ListedGroup,
  PartitionOffsets,
} from '../groups/gateway.js';
import type { CoreLogger } from '../util/logger.js';
import { evaluateGroup, evaluatePartition, PartitionTrack, type PartitionVerdict } from './burrow.js';
import { describeChanges } from './group-events.js';
import type { LagHistory, SampleRow } from './lag-history.js';
import { MinuteRing } from './sparkline.js';
import { HOUR, MINUTE } from './tiers.js';

export interface GroupState {
  listed: ListedGroup;
  described: DescribedGroup | null;
  committed: CommittedOffsets;
  topics: string[];
  totalLag: number | null;
  health: GroupHealth;
  /** topic → partition → verdict, for partitions with a commit. */
  verdicts: Map<string, Map<number, LagVerdict>>;
  topicHealth: Map<string, GroupHealth>;
  spark: MinuteRing;
}

export interface SamplerUpdate {
  /** Groups whose figures changed; null: everything (first sample, or after a failure). */
  changed: Set<string> | null;
  removed: string[];
}

export interface ClusterSamplerDeps {
  clusterId: string;
  history: LagHistory | null;
  now: () => number;
  intervalMs: () => number;
  withGateway<T>(fn: (gw: GroupsGateway) => Promise<T>, signal?: AbortSignal): Promise<T>;
  logger: CoreLogger;
}

/** After Samsa resets a group's offsets, the backwards move it causes is not news. */
const OWN_RESET_QUIET_MS = 2 * MINUTE;

export class ClusterSampler {
  readonly groups = new Map<string, GroupState>();
  /** group → topic → partition → what Burrow's rules need. */
  readonly tracks = new Map<string, Map<string, Map<number, PartitionTrack>>>();
  logEnds = new Map<string, Map<number, PartitionOffsets>>();
  sampledAt: number | null = null;
  problem: string | null = null;
  problemKind: ProblemKind | null = null;
  lagKnown = false;
  private watched = new Set<string>();
  private pinned = new Set<string>();
  private ownResets = new Map<string, number>();
  private readonly listeners = new Set<(u: SamplerUpdate) => void>();
  private readonly seededSparks = new Map<string, MinuteRing>();
  private running: Promise<void> | null = null;

  constructor(private readonly deps: ClusterSamplerDeps) {
    this.refreshWatched();
    this.seedSparklines();
  }

  get clusterId(): string {
    return this.deps.clusterId;
  }

  onUpdate(listener: (u: SamplerUpdate) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private emit(u: SamplerUpdate) {
    for (const l of this.listeners) {
      try {
        l(u);
      } catch (e) {
        this.deps.logger.warn(`A lag listener failed: ${(e as Error).message}`);
      }
    }
  }

  isPinned(groupId: string): boolean {
    return this.pinned.has(groupId);
  }

  isWatched(groupId: string): boolean {
    return this.watched.has(groupId);
  }

  refreshWatched(): void {
    const w = this.deps.history?.watched(this.deps.clusterId, this.deps.now()) ?? [];
    this.watched = new Set(w.map((g) => g.groupId));
    this.pinned = new Set(w.filter((g) => g.pinned).map((g) => g.groupId));
  }

  /** Opening a group starts its per-partition history. */
  markOpened(groupId: string): void {
    this.deps.history?.markOpened(this.deps.clusterId, groupId, this.deps.now());
    this.watched.add(groupId);
  }

  setPinned(groupId: string, pinned: boolean): void {
    this.deps.history?.setPinned(this.deps.clusterId, groupId, pinned);
    this.refreshWatched();
    if (pinned) this.watched.add(groupId);
    this.emit({ changed: new Set([groupId]), removed: [] });
  }

  /** A reset or deletion done through Samsa: a marker on the timeline, and no REWIND alarm for it. */
  noteOwnChange(groupId: string, kind: 'offset-reset' | 'offsets-deleted' | 'group-deleted', text: string): void {
    const t = this.deps.now();
    this.ownResets.set(groupId, t);
    this.deps.history?.addEvent(this.deps.clusterId, groupId, t, kind, text);
  }

  /** The last hour of every group's total, from history, so sparklines are full after a restart. */
  private seedSparklines(): void {
    const h = this.deps.history;
    if (!h) return;
    const now = this.deps.now();
    const series = h.topicSeriesOf(this.deps.clusterId);
    const points = h.points(
      series.map((s) => s.id),
      now - HOUR,
      now,
      MINUTE,
    );
    const sums = new Map<string, Map<number, number>>();
    for (const s of series) {
      const byMinute = sums.get(s.groupId) ?? new Map<number, number>();
      sums.set(s.groupId, byMinute);
      for (const p of points.get(s.id) ?? []) {
        const m = Math.floor(p.t / MINUTE);
        byMinute.set(m, (byMinute.get(m) ?? 0) + Math.max(0, p.end - p.committed));
      }
    }
    for (const [groupId, byMinute] of sums) {
      const ring = new MinuteRing();
      for (const [m, v] of byMinute) ring.set(m * MINUTE, v);
      this.seededSparks.set(groupId, ring);
    }
  }

  /** Not sampled on purpose (a stopped sandbox): say why, keep the last figures, record no outage. */
  idle(reason: string): void {
    if (this.problem === reason) return;
    this.problem = reason;
    this.problemKind = 'not-sampled';
    this.emit({ changed: null, removed: [] });
  }

  /** One sample; concurrent callers share the one in flight. */
  tick(signal?: AbortSignal): Promise<void> {
    this.running ??= this.sample(signal).finally(() => {
      this.running = null;
    });
    return this.running;
  }

  private async sample(signal?: AbortSignal): Promise<void> {
    const t = this.deps.now();
    try {
      await this.deps.withGateway(async (gw) => {
        const listed = await gw.listGroups(signal);
        if (!this.lagKnown && this.groups.size === 0 && listed.length > 0) this.showListedOnly(listed);
        const [described, committed] = await Promise.all([
          gw.describeGroups(listed, signal),
          gw.fetchCommitted(
            listed.map((g) => g.groupId),
            signal,
          ),
        ]);
        const wanted = new Map<string, Set<number>>();
        for (const offsets of committed.values()) {
          for (const [topic, parts] of offsets) {
            const set = wanted.get(topic) ?? new Set<number>();
            for (const p of parts.keys()) set.add(p);
            wanted.set(topic, set);
          }
        }
        for (const d of described.values()) {
          for (const m of d.members) {
            for (const a of m.assignment) {
              const set = wanted.get(a.topic) ?? new Set<number>();
              for (const p of a.partitions) set.add(p);
              wanted.set(a.topic, set);
            }
          }
        }
        const ends = await gw.offsets(new Map([...wanted].map(([topic, set]) => [topic, [...set]])), { signal });
        this.apply(t, listed, described, committed, ends);
      }, signal);
    } catch (e) {
      const message = (e as Error).message;
      const wasFine = this.problem === null;
      this.problem = message;
      this.problemKind = 'unreachable';
      this.deps.history?.noteOutage(this.deps.clusterId, t, message);
      if (wasFine) this.emit({ changed: null, removed: [] });
      throw e;
    }
  }

  private showListedOnly(listed: ListedGroup[]) {
    for (const g of listed) this.groups.set(g.groupId, this.emptyState(g));
    this.emit({ changed: null, removed: [] });
  }

  private emptyState(listed: ListedGroup): GroupState {
    return {
      listed,
      described: null,
      committed: new Map(),
      topics: [],
      totalLag: null,
      health: { level: 'UNKNOWN', status: null, reason: 'Not sampled yet.' },
      verdicts: new Map(),
      topicHealth: new Map(),
      spark: this.seededSparks.get(listed.groupId) ?? new MinuteRing(),
    };
  }

  private apply(
    t: number,
    listed: ListedGroup[],
    described: Map<string, DescribedGroup>,
    committed: Map<string, CommittedOffsets>,
    ends: Map<string, Map<number, PartitionOffsets>>,
  ): void {
    const { history, clusterId } = this.deps;
    const interval = this.deps.intervalMs();
    const firstFull = !this.lagKnown || this.problem !== null;
    const changed = new Set<string>();
    const rows: SampleRow[] = [];
    const present = new Set<string>();
    this.logEnds = ends;

    for (const l of listed) {
      present.add(l.groupId);
      const prev = this.groups.get(l.groupId);
      const state = prev ? { ...prev, listed: l } : this.emptyState(l);
      const d = described.get(l.groupId) ?? null;
      if (prev?.described && this.lagKnown) {
        for (const ev of describeChanges(prev.described, d))
          history?.addEvent(clusterId, l.groupId, t, ev.kind, ev.text);
      }
      state.described = d;
      state.committed = committed.get(l.groupId) ?? new Map();
      this.updateLag(t, state, ends, interval, rows);
      state.spark.set(t, state.totalLag);
      const before = prev ? fingerprint(prev, this.sampledAt ?? t) : '';
      this.groups.set(l.groupId, state);
      if (fingerprint(state, t) !== before) changed.add(l.groupId);
    }
    const removed = [...this.groups.keys()].filter((id) => !present.has(id));
    for (const id of removed) {
      this.groups.delete(id);
      this.tracks.delete(id);
    }
    history?.appendTick(clusterId, t, rows, interval);
    this.sampledAt = t;
    this.problem = null;
    this.problemKind = null;
    this.lagKnown = true;
    this.emit({ changed: firstFull ? null : changed, removed });
  }

  private updateLag(
    t: number,
    state: GroupState,
    ends: Map<string, Map<number, PartitionOffsets>>,
    interval: number,
    rows: SampleRow[],
  ): void {
    const { groupId } = state.listed;
    const held = new Set<string>();
    const topics = new Set<string>(state.committed.keys());
    for (const m of state.described?.members ?? []) {
      for (const a of m.assignment) {
        topics.add(a.topic);
        for (const p of a.partitions) held.add(`${a.topic}\u0000${p}`);
      }
    }
    state.topics = [...topics].sort();
    const groupTracks = this.tracks.get(groupId) ?? new Map<string, Map<number, PartitionTrack>>();
    this.tracks.set(groupId, groupTracks);
    const all: PartitionVerdict[] = [];
    const rewound: string[] = [];
    let total: number | null = null;
    state.verdicts = new Map();
    state.topicHealth = new Map();
    const watched = this.watched.has(groupId);

    for (const [topic, parts] of state.committed) {
      const topicTracks = groupTracks.get(topic) ?? new Map<number, PartitionTrack>();
      groupTracks.set(topic, topicTracks);
      const verdicts = new Map<number, LagVerdict>();
      const topicParts: PartitionVerdict[] = [];
      let committedSum = 0;
      let endSum = 0;
      for (const [partition, offset] of parts) {
        const end = ends.get(topic)?.get(partition)?.end;
        if (end === undefined) continue;
        const sample = { t, committed: offset, end };
        let track = topicTracks.get(partition);
        if (!track) topicTracks.set(partition, (track = new PartitionTrack(sample)));
        else if (track.observe(sample)) rewound.push(`${topic}[${partition}]`);
        const verdict = evaluatePartition(track, t, held.has(`${topic}\u0000${partition}`), interval);
        verdicts.set(partition, verdict);
        topicParts.push({ topic, partition, verdict });
        committedSum += offset;
        endSum += end;
        total = (total ?? 0) + Math.max(0, end - offset);
        if (watched)
          rows.push({ key: { clusterId: this.deps.clusterId, groupId, topic, partition }, committed: offset, end });
      }
      for (const p of topicTracks.keys()) if (!parts.has(p)) topicTracks.delete(p);
      if (topicParts.length === 0) continue;
      rows.push({
        key: { clusterId: this.deps.clusterId, groupId, topic, partition: -1 },
        committed: committedSum,
        end: endSum,
      });
      state.verdicts.set(topic, verdicts);
      state.topicHealth.set(topic, evaluateGroup(topicParts));
      all.push(...topicParts);
    }
    for (const topic of groupTracks.keys()) if (!state.committed.has(topic)) groupTracks.delete(topic);
    state.totalLag = total;
    state.health = evaluateGroup(all);
    const ownReset = this.ownResets.get(groupId);
    if (rewound.length > 0 && (ownReset === undefined || t - ownReset > OWN_RESET_QUIET_MS)) {
      const where =
        rewound.length > 3 ? `${rewound.slice(0, 3).join(', ')} and ${rewound.length - 3} more` : rewound.join(', ');
      this.deps.history?.addEvent(
        this.deps.clusterId,
        groupId,
        t,
        'rewind',
        `Committed offset moved backwards on ${where}`,
      );
    }
  }
}

/** What a list row shows; a change in it is worth sending (the sparkline moves once a minute). */
function fingerprint(s: GroupState, t: number): string {
  const d = s.described;
  return JSON.stringify([
    Math.floor(t / MINUTE),
    s.listed.state,
    d?.state,
    d?.members.length,
    d?.assignor,
    s.totalLag,
    s.health.level,
    s.health.reason,
    s.topics,
  ]);
}
