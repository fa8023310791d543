/**
 * One KIP-848 consumer group: its epochs, members and target assignment, and what can be read off
 * them (state, partition owners, subscriptions). No timers and no I/O: the heartbeat handling
 * (consumer-membership.ts) drives it, reconcile.ts computes its assignments and the registry
 * stores it.
 *
 * Epochs, as in Kafka: the group epoch moves on whenever membership, subscriptions or the
 * subscribed topics change; the assignment epoch is the group epoch the target assignment was
 * computed for; each member's epoch reaches the assignment epoch once it has reconciled.
 */
import { ErrorCode } from '../../kafka-protocol/index.js';
import type { Assignment } from './assignment.js';
import {
  ConsumerGroupState,
  type ConsumerGroupStateName,
  type ConsumerMember,
  type GroupTopic,
  type GroupTopics,
} from './consumer-types.js';
import { CONSUMER_PROTOCOL_TYPE } from './types.js';

/** The broker-side regular expressions (RE2 syntax in Kafka) compiled once, matched against whole names. */
const regexCache = new Map<string, RegExp | null>();
const REGEX_CACHE_LIMIT = 1000;

/** A whole-name matcher for a subscription regex, or null when it does not compile. */
export function compileTopicRegex(source: string): RegExp | null {
  let re = regexCache.get(source);
  if (re !== undefined) return re;
  try {
    // RE2's named groups are (?P<name>…); JavaScript spells them (?<name>…).
    re = new RegExp(`^(?:${source.replaceAll('(?P<', '(?<')})$`, 'u');
  } catch {
    re = null;
  }
  if (regexCache.size >= REGEX_CACHE_LIMIT) regexCache.clear();
  regexCache.set(source, re);
  return re;
}

export class ConsumerGroup {
  /** Which membership protocol runs the group (a classic group says 'classic'). */
  readonly type = 'consumer';
  readonly protocolType = CONSUMER_PROTOCOL_TYPE;
  groupEpoch = 0;
  assignmentEpoch = 0;
  readonly members = new Map<string, ConsumerMember>();
  /** The target assignment, per member id, computed at the assignment epoch. */
  readonly target = new Map<string, Assignment>();
  /** The subscribed topics (name, id, partitions) the group epoch was last bumped for. */
  subscriptionSignature = '';
  /** Topic names the members subscribe to, by name or regex, as last resolved. */
  subscribedNames: ReadonlySet<string> = new Set();
  stateTimestamp: number;
  dead = false;

  constructor(
    readonly groupId: string,
    now: number,
  ) {
    this.stateTimestamp = now;
  }

  get state(): ConsumerGroupStateName {
    if (this.dead) return ConsumerGroupState.Dead;
    if (this.members.size === 0) return ConsumerGroupState.Empty;
    if (this.groupEpoch > this.assignmentEpoch) return ConsumerGroupState.Assigning;
    for (const m of this.members.values()) {
      if (m.state !== 'STABLE' || m.memberEpoch !== this.assignmentEpoch) return ConsumerGroupState.Reconciling;
    }
    return ConsumerGroupState.Stable;
  }

  isEmpty(): boolean {
    return this.members.size === 0;
  }

  staticMember(instanceId: string): ConsumerMember | undefined {
    for (const m of this.members.values()) if (m.instanceId === instanceId) return m;
    return undefined;
  }

  setMember(m: ConsumerMember, now: number): void {
    if (this.members.size === 0) this.stateTimestamp = now;
    this.members.set(m.memberId, m);
  }

  removeMember(memberId: string, now: number): void {
    this.members.delete(memberId);
    this.target.delete(memberId);
    if (this.members.size === 0) this.stateTimestamp = now;
  }

  /**
   * The epoch of the member that owns a partition (assigned or still to revoke), -1 when nobody
   * does: a partition is only handed to its new owner once it is free.
   */
  partitionEpochs(): (topic: string, partition: number) => number {
    const epochs = new Map<string, number>();
    for (const m of this.members.values()) {
      for (const a of [m.assigned, m.pendingRevocation]) {
        for (const [t, ps] of a) for (const p of ps) epochs.set(`${t}:${p}`, m.memberEpoch);
      }
    }
    return (t, p) => epochs.get(`${t}:${p}`) ?? -1;
  }

  /** The topics a member subscribes to that exist: by name, and every topic its regex matches. */
  memberTopics(m: ConsumerMember, topics: GroupTopics): GroupTopic[] {
    const out = new Map<string, GroupTopic>();
    for (const name of m.subscribedTopicNames) {
      const t = topics.byName(name);
      if (t) out.set(t.name, t);
    }
    if (m.subscribedTopicRegex !== '') {
      const re = compileTopicRegex(m.subscribedTopicRegex);
      if (re) for (const t of topics.all()) if (re.test(t.name)) out.set(t.name, t);
    }
    return [...out.values()];
  }

  /** A fingerprint of every subscribed topic that exists (name, id, partition count). */
  subscriptionOf(members: Iterable<ConsumerMember>, topics: GroupTopics): { signature: string; names: Set<string> } {
    const byName = new Map<string, GroupTopic>();
    const names = new Set<string>();
    for (const m of members) {
      for (const n of m.subscribedTopicNames) names.add(n);
      for (const t of this.memberTopics(m, topics)) {
        byName.set(t.name, t);
        names.add(t.name);
      }
    }
    const signature = [...byName.values()]
      .sort((a, b) => (a.name < b.name ? -1 : 1))
      .map((t) => `${t.name}/${t.id}/${t.partitions}`)
      .join(',');
    return { signature, names };
  }

  /** OffsetDelete and offset expiry leave the offsets of subscribed topics alone. */
  isSubscribedToTopic(topic: string): boolean {
    return this.members.size > 0 && this.subscribedNames.has(topic);
  }

  /** The assignor most members ask for (ties go to the first in `supported`), else the default. */
  preferredAssignor(supported: readonly string[]): string {
    const votes = new Map<string, number>();
    for (const m of this.members.values()) {
      if (m.serverAssignor) votes.set(m.serverAssignor, (votes.get(m.serverAssignor) ?? 0) + 1);
    }
    let best = supported[0];
    let bestVotes = 0;
    for (const name of supported) {
      const v = votes.get(name) ?? 0;
      if (v > bestVotes) [best, bestVotes] = [name, v];
    }
    return best;
  }

  /**
   * Who may commit offsets (Kafka's ConsumerGroup.validateOffsetCommit): anyone while the group has
   * no members (epoch -1: the admin client, a consumer without group management), otherwise a member
   * at its current epoch, through OffsetCommit v9+.
   */
  validateOffsetCommit(memberId: string, memberEpoch: number, apiVersion: number): { code: number; message?: string } {
    if (memberEpoch < 0 && this.members.size === 0) return { code: ErrorCode.NONE };
    const m = this.members.get(memberId);
    if (!m) return { code: ErrorCode.UNKNOWN_MEMBER_ID };
    if (apiVersion < 9) {
      return {
        code: ErrorCode.UNSUPPORTED_VERSION,
        message: 'OffsetCommit version 9 or above must be used by members using the modern group protocol',
      };
    }
    return { code: memberEpoch === m.memberEpoch ? ErrorCode.NONE : ErrorCode.STALE_MEMBER_EPOCH };
  }

  /** OffsetFetch v9+ from a member checks its epoch; a fetch naming no member (admin) always may. */
  validateOffsetFetch(memberId: string | null, memberEpoch: number): number {
    if (memberId === null && memberEpoch < 0) return ErrorCode.NONE;
    const m = memberId === null ? undefined : this.members.get(memberId);
    if (!m) return ErrorCode.UNKNOWN_MEMBER_ID;
    return memberEpoch === m.memberEpoch ? ErrorCode.NONE : ErrorCode.STALE_MEMBER_EPOCH;
  }
}
