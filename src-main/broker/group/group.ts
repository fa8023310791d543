/** In-memory state of one classic group (membership, protocol, generation); no timers, no I/O. */
import { randomUUID } from 'node:crypto';
import { parseSubscriptionTopics } from './consumer-protocol.js';
import { canTransition, GroupState, type GroupStateName } from './group-state.js';
import { Member } from './member.js';
import {
  joinError,
  syncError,
  type JoinCallback,
  type JoinGroupMember,
  type JoinGroupProtocol,
  type JoinGroupResponse,
  type SyncGroupResponse,
} from './types.js';

export const CONSUMER_PROTOCOL_TYPE = 'consumer';

export class ClassicGroup {
  state: GroupStateName = GroupState.Empty;
  stateTimestamp: number;
  protocolType: string | null = null;
  protocolName: string | null = null;
  generationId = 0;
  leaderId: string | null = null;
  readonly members = new Map<string, Member>();
  /** Member ids handed out with MEMBER_ID_REQUIRED that have not joined yet. */
  readonly pendingMembers = new Set<string>();
  /** Members of the current generation that have not sent SyncGroup yet. */
  readonly pendingSyncMembers = new Set<string>();
  private readonly staticMembers = new Map<string, string>();
  private readonly supportedProtocols = new Map<string, number>();
  private numAwaitingJoin = 0;
  /** Set while the initial (delayed) join of a new group runs: how much delay is left to grant. */
  initialJoinRemainingMs: number | null = null;
  newMemberAdded = false;
  /** Topics the consumer members subscribe to; null when unknown (not a consumer group or unparsable). */
  subscribedTopics: Set<string> | null = null;

  constructor(
    readonly groupId: string,
    now: number,
  ) {
    this.stateTimestamp = now;
  }

  is(state: GroupStateName): boolean {
    return this.state === state;
  }

  transitionTo(state: GroupStateName, now: number): void {
    if (!canTransition(this.state, state)) {
      throw new Error(`group ${this.groupId}: illegal transition ${this.state} -> ${state}`);
    }
    this.state = state;
    this.stateTimestamp = now;
  }

  /** Empty, Stable and CompletingRebalance may start a rebalance. */
  canRebalance(): boolean {
    return canTransition(this.state, GroupState.PreparingRebalance);
  }

  has(memberId: string): boolean {
    return this.members.has(memberId);
  }

  get(memberId: string): Member | undefined {
    return this.members.get(memberId);
  }

  isLeader(memberId: string): boolean {
    return this.leaderId === memberId;
  }

  staticMemberId(groupInstanceId: string): string | undefined {
    return this.staticMembers.get(groupInstanceId);
  }

  isStaticMemberFenced(groupInstanceId: string | null, memberId: string): boolean {
    if (groupInstanceId === null) return false;
    const existing = this.staticMembers.get(groupInstanceId);
    return existing !== undefined && existing !== memberId;
  }

  generateMemberId(clientId: string, groupInstanceId: string | null): string {
    return `${groupInstanceId ?? clientId}-${randomUUID()}`;
  }

  add(member: Member, callback: JoinCallback | null): void {
    if (this.members.size === 0) this.protocolType = member.protocolType;
    this.members.set(member.memberId, member);
    this.changeProtocolCounts(member.protocols, 1);
    if (callback) {
      member.awaitingJoin = callback;
      this.numAwaitingJoin++;
    }
    this.pendingMembers.delete(member.memberId);
    if (member.groupInstanceId !== null) this.staticMembers.set(member.groupInstanceId, member.memberId);
    if (this.leaderId === null) this.leaderId = member.memberId;
  }

  remove(memberId: string): Member | undefined {
    const member = this.members.get(memberId);
    if (member) {
      this.members.delete(memberId);
      this.changeProtocolCounts(member.protocols, -1);
      if (member.awaitingJoin) this.numAwaitingJoin--;
      if (member.groupInstanceId !== null && this.staticMembers.get(member.groupInstanceId) === memberId) {
        this.staticMembers.delete(member.groupInstanceId);
      }
    }
    if (this.leaderId === memberId) this.leaderId = this.members.keys().next().value ?? null;
    this.pendingMembers.delete(memberId);
    this.pendingSyncMembers.delete(memberId);
    return member;
  }

  /**
   * Updates a member's protocols/timeouts and parks its join callback. A callback already parked
   * belongs to an older join of the same member; it is answered so no request hangs.
   */
  updateMember(
    member: Member,
    protocols: JoinGroupProtocol[],
    rebalanceTimeoutMs: number,
    sessionTimeoutMs: number,
    callback: JoinCallback | null,
    supersededError: number,
  ): void {
    this.changeProtocolCounts(member.protocols, -1);
    member.protocols = protocols;
    this.changeProtocolCounts(member.protocols, 1);
    member.rebalanceTimeoutMs = rebalanceTimeoutMs;
    member.sessionTimeoutMs = sessionTimeoutMs;
    const previous = member.awaitingJoin;
    if (previous && callback) {
      member.awaitingJoin = null;
      previous(joinError(member.memberId, supersededError));
    }
    if (callback && !previous) this.numAwaitingJoin++;
    else if (!callback && previous) this.numAwaitingJoin--;
    member.awaitingJoin = callback;
  }

  /** Static member rejoining with an unknown member id takes over the old member's slot. */
  replaceStaticMember(groupInstanceId: string, oldMemberId: string, newMemberId: string, fencedError: number): Member {
    const old = this.members.get(oldMemberId);
    if (!old) throw new Error(`cannot replace unknown member ${oldMemberId}`);
    // Fence any duplicate instance still parked on the old id.
    this.completeJoin(old, joinError(oldMemberId, fencedError));
    this.completeSync(old, syncError(fencedError));
    this.members.delete(oldMemberId);
    this.pendingSyncMembers.delete(oldMemberId);
    const replacement = new Member(
      newMemberId,
      old.groupInstanceId,
      old.clientId,
      old.clientHost,
      old.rebalanceTimeoutMs,
      old.sessionTimeoutMs,
      old.protocolType,
      old.protocols,
    );
    replacement.assignment = old.assignment;
    this.members.set(newMemberId, replacement);
    if (this.leaderId === oldMemberId) this.leaderId = newMemberId;
    this.staticMembers.set(groupInstanceId, newMemberId);
    return replacement;
  }

  completeJoin(member: Member, response: JoinGroupResponse): boolean {
    const cb = member.awaitingJoin;
    if (!cb) return false;
    member.awaitingJoin = null;
    this.numAwaitingJoin--;
    cb(response);
    return true;
  }

  completeSync(member: Member, response: SyncGroupResponse): boolean {
    const cb = member.awaitingSync;
    if (!cb) return false;
    member.awaitingSync = null;
    cb(response);
    return true;
  }

  hasAllMembersJoined(): boolean {
    return this.members.size === this.numAwaitingJoin && this.pendingMembers.size === 0;
  }

  notYetRejoinedMembers(): Member[] {
    return [...this.members.values()].filter((m) => m.awaitingJoin === null);
  }

  /** The leader must be a member that rejoined; false when nobody rejoined (or no leader). */
  maybeElectNewJoinedLeader(): boolean {
    if (this.leaderId === null) return false;
    const leader = this.members.get(this.leaderId);
    if (leader?.awaitingJoin) return true;
    for (const m of this.members.values()) {
      if (m.awaitingJoin) {
        this.leaderId = m.memberId;
        return true;
      }
    }
    return false;
  }

  /** Max rebalance timeout over members: how long a rebalance may wait for rejoins. */
  rebalanceTimeoutMs(): number {
    let max = 0;
    for (const m of this.members.values()) max = Math.max(max, m.rebalanceTimeoutMs);
    return max;
  }

  /** An empty group accepts any non-empty protocol set; otherwise type must match and one protocol be common. */
  supportsProtocols(protocolType: string, protocolNames: string[]): boolean {
    if (this.is(GroupState.Empty)) return protocolType.length > 0 && protocolNames.length > 0;
    return (
      this.protocolType === protocolType &&
      protocolNames.some((n) => (this.supportedProtocols.get(n) ?? 0) === this.members.size)
    );
  }

  /** Every member votes for its most preferred common protocol; the most votes wins. */
  selectProtocol(): string {
    if (this.members.size === 0) throw new Error('cannot select a protocol for an empty group');
    const candidates = new Set<string>();
    for (const [name, count] of this.supportedProtocols) if (count === this.members.size) candidates.add(name);
    const votes = new Map<string, number>();
    for (const m of this.members.values()) {
      const v = m.vote(candidates);
      votes.set(v, (votes.get(v) ?? 0) + 1);
    }
    let best = '';
    let bestVotes = -1;
    for (const [name, n] of votes) {
      if (n > bestVotes) {
        best = name;
        bestVotes = n;
      }
    }
    return best;
  }

  initNextGeneration(now: number): void {
    this.generationId++;
    if (this.members.size > 0) {
      this.protocolName = this.selectProtocol();
      this.subscribedTopics = this.computeSubscribedTopics();
      this.transitionTo(GroupState.CompletingRebalance, now);
    } else {
      this.protocolName = null;
      this.subscribedTopics = this.computeSubscribedTopics();
      this.transitionTo(GroupState.Empty, now);
    }
    this.pendingSyncMembers.clear();
  }

  computeSubscribedTopics(): Set<string> | null {
    if (this.protocolType !== CONSUMER_PROTOCOL_TYPE) return null;
    if (this.members.size === 0) return new Set();
    if (this.protocolName === null) return null;
    const all = new Set<string>();
    for (const m of this.members.values()) {
      const topics = parseSubscriptionTopics(m.metadata(this.protocolName));
      if (topics === null) return null;
      for (const t of topics) all.add(t);
    }
    return all;
  }

  /** Unknown subscriptions count as subscribed for consumer groups (safe side for OffsetDelete). */
  isSubscribedToTopic(topic: string): boolean {
    if (this.subscribedTopics) return this.subscribedTopics.has(topic);
    return this.protocolType === CONSUMER_PROTOCOL_TYPE;
  }

  currentMemberList(): JoinGroupMember[] {
    return [...this.members.values()].map((m) => ({
      memberId: m.memberId,
      groupInstanceId: m.groupInstanceId,
      metadata: m.metadata(this.protocolName),
    }));
  }

  private changeProtocolCounts(protocols: JoinGroupProtocol[], delta: number): void {
    for (const p of protocols) this.supportedProtocols.set(p.name, (this.supportedProtocols.get(p.name) ?? 0) + delta);
  }
}
