/** What the UI gets from the sampler's picture of a cluster: list rows, one group's detail, a topic's readers. */
import type {
  DrainEstimate,
  GroupDetail,
  GroupSummary,
  GroupType,
  PartitionLag,
  TopicGroupLag,
  TopicLag,
} from '../../contract/groups.js';
import type { ClusterSampler, GroupState } from './cluster-sampler.js';
import { evaluateGroup, type PartitionVerdict } from './burrow.js';

export function groupType(s: GroupState): GroupType {
  return s.described?.type ?? s.listed.type ?? 'unknown';
}

export function groupState(s: GroupState): string {
  return s.described?.state ?? s.listed.state ?? 'Unknown';
}

export function toSummary(sampler: ClusterSampler, s: GroupState, now: number): GroupSummary {
  return {
    groupId: s.listed.groupId,
    type: groupType(s),
    state: groupState(s),
    protocolType: s.described?.protocolType ?? s.listed.protocolType,
    assignor: s.described?.assignor ?? null,
    memberCount: s.described ? s.described.members.length : null,
    topics: s.topics,
    totalLag: s.totalLag,
    health: s.health,
    sparkline: s.spark.toArray(now),
    pinned: sampler.isPinned(s.listed.groupId),
  };
}

/** Per topic and partition: committed, log end, lag, who holds it and what Burrow's rules say. */
export function toDetail(sampler: ClusterSampler, s: GroupState, partitionHistorySince: number | null): GroupDetail {
  const holder = new Map<string, { memberId: string; clientId: string }>();
  for (const m of s.described?.members ?? []) {
    for (const a of m.assignment) {
      for (const p of a.partitions) holder.set(`${a.topic}\u0000${p}`, { memberId: m.memberId, clientId: m.clientId });
    }
  }
  const tracks = sampler.tracks.get(s.listed.groupId);
  const topics: TopicLag[] = s.topics.map((topic) => {
    const committed = s.committed.get(topic) ?? new Map<number, number>();
    const numbers = new Set<number>(committed.keys());
    for (const key of holder.keys()) {
      const [t, p] = key.split('\u0000');
      if (t === topic) numbers.add(Number(p));
    }
    let committedSum = 0;
    let logEndSum = 0;
    let lag: number | null = null;
    const partitions: PartitionLag[] = [...numbers]
      .sort((a, b) => a - b)
      .map((partition) => {
        const c = committed.get(partition);
        const end = sampler.logEnds.get(topic)?.get(partition)?.end ?? null;
        const h = holder.get(`${topic}\u0000${partition}`);
        const partLag = c !== undefined && end !== null ? Math.max(0, end - c) : null;
        if (partLag !== null) {
          committedSum += c!;
          logEndSum += end!;
          lag = (lag ?? 0) + partLag;
        }
        return {
          partition,
          committed: c === undefined ? null : String(c),
          logEnd: end === null ? '—' : String(end),
          lag: partLag,
          lastCommitSeen: tracks?.get(topic)?.get(partition)?.lastChange ?? null,
          memberId: h?.memberId ?? null,
          clientId: h?.clientId ?? null,
          verdict: s.verdicts.get(topic)?.get(partition) ?? null,
        };
      });
    return {
      topic,
      committedSum,
      logEndSum,
      lag,
      health: s.topicHealth.get(topic) ?? {
        level: 'UNKNOWN',
        status: null,
        reason: 'No committed offsets on this topic: there is no lag to judge.',
      },
      partitions,
    };
  });
  const d = s.described;
  return {
    clusterId: sampler.clusterId,
    groupId: s.listed.groupId,
    type: groupType(s),
    state: groupState(s),
    protocolType: d?.protocolType ?? s.listed.protocolType,
    assignor: d?.assignor ?? null,
    epoch: d?.epoch ?? null,
    coordinator: d?.coordinator ?? null,
    members: d?.members ?? [],
    topics,
    totalLag: s.totalLag,
    health: s.health,
    drain: drainEstimate(sampler, s),
    sampledAt: sampler.sampledAt,
    problem: sampler.problem,
    problemKind: sampler.problemKind,
    pinned: sampler.isPinned(s.listed.groupId),
    partitionHistorySince,
  };
}

/** Rates summed over the group's partitions, and how long the lag would take to clear at them. */
export function drainEstimate(sampler: ClusterSampler, s: GroupState): DrainEstimate | null {
  const tracks = sampler.tracks.get(s.listed.groupId);
  if (!tracks) return null;
  let consume = 0;
  let produce = 0;
  let basis = Infinity;
  let any = false;
  for (const parts of tracks.values()) {
    for (const track of parts.values()) {
      const r = track.rates();
      if (!r) continue;
      any = true;
      consume += r.consume;
      produce += r.produce;
      basis = Math.min(basis, r.basisMs);
    }
  }
  if (!any) return null;
  const lag = s.totalLag ?? 0;
  const margin = Math.max(0.05 * Math.max(consume, produce), 0.01);
  const trend =
    consume < 0.01 && produce < 0.01
      ? 'idle'
      : lag > 0 && consume - produce > margin
        ? 'catching-up'
        : lag > 0 && produce - consume > margin
          ? 'falling-behind'
          : 'steady';
  return {
    consumeRate: consume,
    produceRate: produce,
    trend,
    secondsToDrain: trend === 'catching-up' ? lag / (consume - produce) : null,
    basisSeconds: Math.round(basis / 1000),
  };
}

/** The groups with commits on (or assigned) `topic`, with their lag on it. */
export function groupsForTopic(sampler: ClusterSampler, topic: string): TopicGroupLag[] {
  const out: TopicGroupLag[] = [];
  for (const s of sampler.groups.values()) {
    if (!s.topics.includes(topic)) continue;
    const verdicts = s.verdicts.get(topic);
    const parts: PartitionVerdict[] = [...(verdicts ?? [])].map(([partition, verdict]) => ({
      topic,
      partition,
      verdict,
    }));
    let lag: number | null = null;
    for (const [partition, c] of s.committed.get(topic) ?? []) {
      const end = sampler.logEnds.get(topic)?.get(partition)?.end;
      if (end !== undefined) lag = (lag ?? 0) + Math.max(0, end - c);
    }
    out.push({
      groupId: s.listed.groupId,
      type: groupType(s),
      state: groupState(s),
      lag,
      partitionsWithCommit: s.committed.get(topic)?.size ?? 0,
      health: evaluateGroup(parts),
    });
  }
  return out.sort((a, b) => (b.lag ?? -1) - (a.lag ?? -1) || a.groupId.localeCompare(b.groupId));
}
