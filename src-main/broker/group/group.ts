/**
 * One classic group: its state machine, its members and the rules that need nothing but the group
 * (protocol choice, leader, static members, member and offset-commit validation). No timers and no
 * I/O: the membership requests (membership.ts) and the rebalance (rebalance.ts) drive it, and the
 * registry (registry.ts) stores it.
 */
import { randomUUID } from 'node:crypto';
import { ErrorCode } from '../../kafka-protocol/index.js';
import {
  CONSUMER_PROTOCOL_TYPE,
  EMPTY_BUFFER,
  GroupState,
  joinError,
  parseSubscriptionTopics,
  syncError,
  type GroupStateName,
  type JoinCallback,
  type JoinGroupMember,
  type JoinGroupProtocol,
  type JoinGroupResponse,
  type SyncCallback,
  type SyncGroupResponse,
} from './types.js';

/** The states each state may be entered from (Kafka's classic group transitions). */
const VALID_PREVIOUS: Record<GroupStateName, readonly GroupStateName[]> = {
  Empty: ['PreparingRebalance'],
  PreparingRebalance: ['Stable', 'CompletingRebalance', 'Empty'],
  CompletingRebalance: ['PreparingRebalance'],
  Stable: ['CompletingRebalance'],
  Dead: ['Stable', 'PreparingRebalance', 'CompletingRebalance', 'Empty', 'Dead'],
};

export interface MemberInit {
  memberId: string;
  groupInstanceId: string | null;
  clientId: string;
  clientHost: string;
  rebalanceTimeoutMs: number;
  sessionTimeoutMs: number;
  protocolType: string;
  protocols: JoinGroupProtocol[];
}

/** One member of a classic group, plus the join/sync long-polls parked on it. */
export class Member {
  readonly memberId: string;
  readonly groupInstanceId: string | null;
  readonly clientId: string;
  readonly clientHost: string;
  readonly protocolType: string;
  rebalanceTimeoutMs: number;
  sessionTimeoutMs: number;
  protocols: JoinGroupProtocol[];
  assignment: Buffer = EMPTY_BUFFER;
  awaitingJoin: JoinCallback | null = null;
  awaitingSync: SyncCallback | null = null;
  /** Joined but not yet through a completed join phase; such members may expire while waiting. */
  isNew = false;

  constructor(init: MemberInit) {
    this.memberId = init.memberId;
    this.groupInstanceId = init.groupInstanceId;
    this.clientId = init.clientId;
    this.clientHost = init.clientHost;
    this.protocolType = init.protocolType;
    this.rebalanceTimeoutMs = init.rebalanceTimeoutMs;
    this.sessionTimeoutMs = init.sessionTimeoutMs;
    this.protocols = init.protocols;
  }

  get isStatic(): boolean {
    return this.groupInstanceId !== null;
  }

  metadata(protocolName: string | null): Buffer {
    return this.protocols.find((p) => p.name === protocolName)?.metadata ?? EMPTY_BUFFER;
  }

  /** Same protocols, same order, same bytes: a rejoin that changes nothing. */
  matches(protocols: JoinGroupProtocol[]): boolean {
    if (protocols.length !== this.protocols.length) return false;
    return protocols.every(
      (p, i) => p.name === this.protocols[i].name && p.metadata.equals(this.protocols[i].metadata),
    );
  }

  /** The member's most preferred protocol among those every member supports. */
  vote(candidates: Set<string>): string {
    const choice = this.protocols.find((p) => candidates.has(p.name));
    if (!choice) throw new Error(`member ${this.memberId} supports none of the candidate protocols`);
    return choice.name;
  }

  /**
   * Members parked in a join or sync long-poll count as alive; new members do not, so a client
   * that disappears during its first join is still expired.
   */
  hasSatisfiedHeartbeat(): boolean {
    return !this.isNew && (this.awaitingJoin !== null || this.awaitingSync !== null);
  }
}

export class ClassicGroup {
  /** Which membership protocol runs the group; KIP-848 `consumer` groups would be a second type. */
  readonly type = 'classic';
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
  /** A member joined during the initial delay: the delay is extended (up to the rebalance timeout). */
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
    if (!VALID_PREVIOUS[state].includes(this.state)) {
      throw new Error(`group ${this.groupId}: illegal transition ${this.state} -> ${state}`);
    }
    this.state = state;
    this.stateTimestamp = now;
  }

  /** Empty, Stable and CompletingRebalance may start a rebalance. */
  canRebalance(): boolean {
    return VALID_PREVIOUS.PreparingRebalance.includes(this.state);
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

  /** Static-member fencing, then membership (Kafka's validateMember). */
  validateMember(memberId: string, groupInstanceId: string | null): number {
    if (groupInstanceId !== null) {
      const existing = this.staticMembers.get(groupInstanceId);
      if (existing === undefined) return ErrorCode.UNKNOWN_MEMBER_ID;
      if (existing !== memberId) return ErrorCode.FENCED_INSTANCE_ID;
    }
    return this.has(memberId) ? ErrorCode.NONE : ErrorCode.UNKNOWN_MEMBER_ID;
  }

  /** Who may commit offsets to this group (Kafka's ClassicGroup.validateOffsetCommit). */
  validateOffsetCommit(memberId: string, groupInstanceId: string | null, generationId: number): number {
    if (this.is(GroupState.Dead)) return ErrorCode.COORDINATOR_NOT_AVAILABLE;
    if (generationId < 0 && this.is(GroupState.Empty)) return ErrorCode.NONE;
    if (generationId >= 0 || memberId !== '' || groupInstanceId !== null) {
      const invalid = this.validateMember(memberId, groupInstanceId);
      if (invalid !== ErrorCode.NONE) return invalid;
      if (generationId !== this.generationId) return ErrorCode.ILLEGAL_GENERATION;
    } else if (!this.is(GroupState.Empty)) {
      // Only members may commit while the group has members.
      return ErrorCode.UNKNOWN_MEMBER_ID;
    }
    // Valid member and generation but no assignment yet: let the client finish its sync.
    if (this.is(GroupState.CompletingRebalance)) return ErrorCode.REBALANCE_IN_PROGRESS;
    return ErrorCode.NONE;
  }

  /** KIP-394 member ids: the instance id (static) or client id, plus a random part. */
  newMemberId(clientId: string, groupInstanceId: string | null): string {
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
   * Takes a rejoining member's protocols and timeouts and parks its join callback. A callback
   * already parked belongs to an older join of the same member: it is answered (REBALANCE_IN_PROGRESS)
   * so no request hangs.
   */
  updateMember(
    member: Member,
    req: { protocols: JoinGroupProtocol[]; rebalanceTimeoutMs: number; sessionTimeoutMs: number },
    callback: JoinCallback,
  ): void {
    this.changeProtocolCounts(member.protocols, -1);
    member.protocols = req.protocols;
    this.changeProtocolCounts(member.protocols, 1);
    member.rebalanceTimeoutMs = req.rebalanceTimeoutMs;
    member.sessionTimeoutMs = req.sessionTimeoutMs;
    const previous = member.awaitingJoin;
    if (previous) {
      member.awaitingJoin = null;
      previous(joinError(member.memberId, ErrorCode.REBALANCE_IN_PROGRESS));
    } else {
      this.numAwaitingJoin++;
    }
    member.awaitingJoin = callback;
  }

  /** A static member rejoining with an unknown member id takes over the old member's slot. */
  replaceStaticMember(groupInstanceId: string, oldMemberId: string, newMemberId: string): Member {
    const old = this.members.get(oldMemberId);
    if (!old) throw new Error(`cannot replace unknown member ${oldMemberId}`);
    // Fence any duplicate instance still parked on the old id.
    this.completeJoin(old, joinError(oldMemberId, ErrorCode.FENCED_INSTANCE_ID));
    this.completeSync(old, syncError(ErrorCode.FENCED_INSTANCE_ID));
    this.members.delete(oldMemberId);
    this.pendingSyncMembers.delete(oldMemberId);
    const replacement = new Member({ ...old, memberId: newMemberId });
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
    const rejoined = [...this.members.values()].find((m) => m.awaitingJoin);
    if (!rejoined) return false;
    this.leaderId = rejoined.memberId;
    return true;
  }

  /** Max rebalance timeout over members: how long a rebalance may wait for rejoins. */
  rebalanceTimeoutMs(): number {
    let max = 0;
    for (const m of this.members.values()) max = Math.max(max, m.rebalanceTimeoutMs);
    return max;
  }

  /** An empty group accepts any non-empty protocol set; otherwise type must match and one protocol be common. */
  supportsProtocols(protocolType: string, protocols: JoinGroupProtocol[]): boolean {
    if (this.is(GroupState.Empty)) return protocolType.length > 0 && protocols.length > 0;
    return (
      this.protocolType === protocolType &&
      protocols.some((p) => (this.supportedProtocols.get(p.name) ?? 0) === this.members.size)
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
    for (const [name, n] of votes) if (n > bestVotes) [best, bestVotes] = [name, n];
    return best;
  }

  initNextGeneration(now: number): void {
    this.generationId++;
    this.protocolName = this.members.size > 0 ? this.selectProtocol() : null;
    this.subscribedTopics = this.computeSubscribedTopics();
    this.transitionTo(this.members.size > 0 ? GroupState.CompletingRebalance : GroupState.Empty, now);
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

  /** The JoinGroup answer for a member of the current generation (only the leader gets the member list). */
  joinResponse(member: Member): JoinGroupResponse {
    return {
      errorCode: ErrorCode.NONE,
      generationId: this.generationId,
      protocolType: this.protocolType,
      protocolName: this.protocolName,
      leader: this.leaderId ?? '',
      memberId: member.memberId,
      members: this.isLeader(member.memberId) ? this.currentMemberList() : [],
      skipAssignment: false,
    };
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
