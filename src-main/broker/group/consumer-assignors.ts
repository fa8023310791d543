/**
 * The server-side assignors of KIP-848 consumer groups, named as Kafka names them:
 *
 * - `uniform` (Kafka's default): as balanced as possible and sticky. When every member subscribes
 *   to the same topics it follows Kafka's homogeneous algorithm: each member keeps its previous
 *   target up to its quota (total / members, one more for the first `total % members` members),
 *   and the partitions nobody keeps go, in order, to the members still below quota. With different
 *   subscriptions the sandbox keeps what it can, gives each free partition to the least loaded
 *   subscriber, then moves partitions from members with two or more above a subscriber until none
 *   is left (Kafka's heterogeneous builder reaches the same balance by other steps).
 * - `range`: co-partitioned ranges: per topic, members (static ones first, by instance id, then by
 *   member id) take consecutive ranges of total / subscribers partitions, the first ones one extra.
 *
 * Both see members with their subscribed topic ids and previous target, and topics with their
 * partition counts; topics that no longer exist are simply absent.
 */
import { assignmentOf, partitionCount, type Assignment } from './assignment.js';

export interface AssignorMember {
  readonly memberId: string;
  readonly instanceId: string | null;
  /** Subscribed topic ids that exist. */
  readonly topics: ReadonlySet<string>;
  /** The member's previous target assignment. */
  readonly previous: Assignment;
}

/** Topic id → partition count. */
export type AssignorTopics = ReadonlyMap<string, number>;

export type Assignor = (members: readonly AssignorMember[], topics: AssignorTopics) => Map<string, Assignment>;

const byMemberId = (a: AssignorMember, b: AssignorMember) =>
  a.memberId < b.memberId ? -1 : a.memberId > b.memberId ? 1 : 0;

function sameTopics(members: readonly AssignorMember[]): boolean {
  const first = members[0].topics;
  return members.every((m) => m.topics.size === first.size && [...m.topics].every((t) => first.has(t)));
}

/** Partitions of the previous target that are still valid for the member (subscribed, existing, in range). */
function keptPartitions(m: AssignorMember, topics: AssignorTopics): Map<string, number[]> {
  const kept = new Map<string, number[]>();
  for (const [t, ps] of m.previous) {
    const count = topics.get(t);
    if (count === undefined || !m.topics.has(t)) continue;
    const valid = ps.filter((p) => p < count);
    if (valid.length > 0) kept.set(t, valid);
  }
  return kept;
}

function uniformHomogeneous(members: readonly AssignorMember[], topics: AssignorTopics): Map<string, Assignment> {
  const subscribed = [...members[0].topics].filter((t) => topics.has(t)).sort();
  let total = 0;
  for (const t of subscribed) total += topics.get(t)!;
  const minQuota = Math.floor(total / members.length);
  let extra = total % members.length;
  const taken = new Set<string>();
  const result = new Map<string, Map<string, number[]>>();
  const unfilled: { memberId: string; room: number }[] = [];
  const revoked: [string, number][] = [];
  for (const m of members) {
    let quota = minQuota + (extra > 0 ? 1 : 0);
    if (extra > 0) extra--;
    const mine = new Map<string, number[]>();
    for (const [t, ps] of keptPartitions(m, topics)) {
      const keep: number[] = [];
      for (const p of ps) {
        if (quota > 0) {
          keep.push(p);
          quota--;
        } else revoked.push([t, p]);
        taken.add(`${t}:${p}`);
      }
      if (keep.length > 0) mine.set(t, keep);
    }
    result.set(m.memberId, mine);
    if (quota > 0) unfilled.push({ memberId: m.memberId, room: quota });
  }
  // Free partitions first in topic/partition order, then those taken from members over quota.
  const free: [string, number][] = [];
  for (const t of subscribed) for (let p = 0; p < topics.get(t)!; p++) if (!taken.has(`${t}:${p}`)) free.push([t, p]);
  free.push(...revoked);
  let next = 0;
  for (const u of unfilled) {
    const mine = result.get(u.memberId)!;
    for (let i = 0; i < u.room && next < free.length; i++) {
      const [t, p] = free[next++];
      mine.set(t, [...(mine.get(t) ?? []), p]);
    }
  }
  return new Map([...result].map(([id, a]) => [id, assignmentOf(a)]));
}

function uniformHeterogeneous(members: readonly AssignorMember[], topics: AssignorTopics): Map<string, Assignment> {
  const owner = new Map<string, string>();
  const load = new Map<string, number>(members.map((m) => [m.memberId, 0]));
  const subscribers = new Map<string, AssignorMember[]>();
  for (const m of members) {
    for (const t of m.topics) if (topics.has(t)) subscribers.set(t, [...(subscribers.get(t) ?? []), m]);
    for (const [t, ps] of keptPartitions(m, topics)) {
      for (const p of ps) {
        const key = `${t}:${p}`;
        if (owner.has(key)) continue;
        owner.set(key, m.memberId);
        load.set(m.memberId, load.get(m.memberId)! + 1);
      }
    }
  }
  const leastLoaded = (candidates: AssignorMember[]): AssignorMember =>
    candidates.reduce((best, m) => (load.get(m.memberId)! < load.get(best.memberId)! ? m : best));
  for (const t of [...subscribers.keys()].sort()) {
    const subs = subscribers.get(t)!;
    for (let p = 0; p < topics.get(t)!; p++) {
      const key = `${t}:${p}`;
      if (owner.has(key)) continue;
      const to = leastLoaded(subs);
      owner.set(key, to.memberId);
      load.set(to.memberId, load.get(to.memberId)! + 1);
    }
  }
  // Balance: move a partition while a subscriber of its topic has at least two fewer.
  let moved = true;
  for (let round = 0; moved && round < owner.size; round++) {
    moved = false;
    for (const [key, from] of owner) {
      const t = key.slice(0, key.lastIndexOf(':'));
      const to = leastLoaded(subscribers.get(t)!);
      if (load.get(from)! - load.get(to.memberId)! < 2) continue;
      owner.set(key, to.memberId);
      load.set(from, load.get(from)! - 1);
      load.set(to.memberId, load.get(to.memberId)! + 1);
      moved = true;
    }
  }
  const result = new Map<string, Map<string, number[]>>(members.map((m) => [m.memberId, new Map()]));
  for (const [key, id] of owner) {
    const i = key.lastIndexOf(':');
    const t = key.slice(0, i);
    const mine = result.get(id)!;
    mine.set(t, [...(mine.get(t) ?? []), Number(key.slice(i + 1))]);
  }
  return new Map([...result].map(([id, a]) => [id, assignmentOf(a)]));
}

export const uniformAssignor: Assignor = (members, topics) => {
  if (members.length === 0) return new Map();
  const sorted = [...members].sort(byMemberId);
  return sameTopics(sorted) ? uniformHomogeneous(sorted, topics) : uniformHeterogeneous(sorted, topics);
};

export const rangeAssignor: Assignor = (members, topics) => {
  const sorted = [...members].sort((a, b) => {
    if (a.instanceId !== null && b.instanceId !== null) return a.instanceId < b.instanceId ? -1 : 1;
    if (a.instanceId !== null) return -1;
    if (b.instanceId !== null) return 1;
    return byMemberId(a, b);
  });
  const result = new Map<string, Map<string, number[]>>(sorted.map((m) => [m.memberId, new Map()]));
  const topicIds = [...new Set(sorted.flatMap((m) => [...m.topics]))].filter((t) => topics.has(t)).sort();
  for (const t of topicIds) {
    const subs = sorted.filter((m) => m.topics.has(t));
    const count = topics.get(t)!;
    const quota = Math.floor(count / subs.length);
    let extra = count % subs.length;
    let start = 0;
    for (const m of subs) {
      const size = quota + (extra > 0 ? 1 : 0);
      if (extra > 0) extra--;
      const end = Math.min(start + size, count);
      if (end > start)
        result.get(m.memberId)!.set(
          t,
          Array.from({ length: end - start }, (_, i) => start + i),
        );
      start = end;
    }
  }
  return new Map([...result].map(([id, a]) => [id, assignmentOf(a)]));
};

/** The assignors a member may name in ServerAssignor; the first is the default (Kafka's order). */
export const SERVER_ASSIGNORS: ReadonlyMap<string, Assignor> = new Map([
  ['uniform', uniformAssignor],
  ['range', rangeAssignor],
]);

/** For tests and logs: how many partitions each member got. */
export function loads(a: ReadonlyMap<string, Assignment>): Record<string, number> {
  return Object.fromEntries([...a].map(([id, x]) => [id, partitionCount(x)]));
}
