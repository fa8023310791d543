/**
 * The classic rebalance protocol: JoinGroup, SyncGroup, Heartbeat, LeaveGroup and the timers
 * behind them (delayed join, pending sync, member session expiry), following Kafka's
 * GroupCoordinator. Works on ClassicGroup objects; storage and group lookup come from the context.
 */
import { ErrorCode } from '../errors.js';
import { ClassicGroup } from './group.js';
import { GroupState } from './group-state.js';
import { Member } from './member.js';
import type { Timers } from './timers.js';
import {
  joinError,
  syncError,
  type HeartbeatRequest,
  type JoinCallback,
  type JoinGroupRequest,
  type JoinGroupResponse,
  type LeaveGroupRequest,
  type LeaveGroupResponse,
  type SyncCallback,
  type SyncGroupRequest,
  type SyncGroupResponse,
} from './types.js';

/** group.new.member.join.timeout: how long a brand-new member may sit in its first join. */
export const NEW_MEMBER_JOIN_TIMEOUT_MS = 5 * 60 * 1000;

export interface RebalanceContext {
  readonly timers: Timers;
  now(): number;
  readonly initialRebalanceDelayMs: number;
  readonly minSessionTimeoutMs: number;
  readonly maxSessionTimeoutMs: number;
  readonly maxGroupSize: number;
  isActive(): boolean;
  getGroup(groupId: string): ClassicGroup | undefined;
  createGroup(groupId: string): ClassicGroup;
  /** Forgets a group that ended up unused (no members, no pending members, no offsets, never persisted). */
  discardIfUnused(group: ClassicGroup): void;
  /** Persists the group's metadata; `assignment` overrides member assignments about to be installed. Throws on I/O failure. */
  storeGroup(group: ClassicGroup, assignment?: Map<string, Buffer>): void;
}

const heartbeatKey = (g: string, m: string): string => `hb\u0000${g}\u0000${m}`;
const joinKey = (g: string): string => `join\u0000${g}`;
const syncKey = (g: string): string => `sync\u0000${g}`;

export class RebalanceEngine {
  constructor(private readonly ctx: RebalanceContext) {}

  // ---------------------------------------------------------------- JoinGroup

  joinGroup(req: JoinGroupRequest): Promise<JoinGroupResponse> {
    return new Promise((resolve) => this.handleJoin(req, resolve));
  }

  private handleJoin(req: JoinGroupRequest, respond: JoinCallback): void {
    if (!this.ctx.isActive()) return respond(joinError(req.memberId, ErrorCode.COORDINATOR_NOT_AVAILABLE));
    if (req.groupId === '') return respond(joinError(req.memberId, ErrorCode.INVALID_GROUP_ID));
    if (req.sessionTimeoutMs < this.ctx.minSessionTimeoutMs || req.sessionTimeoutMs > this.ctx.maxSessionTimeoutMs) {
      return respond(joinError(req.memberId, ErrorCode.INVALID_SESSION_TIMEOUT));
    }
    const isUnknownMember = req.memberId === '';
    let group = this.ctx.getGroup(req.groupId);
    if (!group) {
      // A known member id for a group we do not have: the member was expired or the group deleted.
      if (!isUnknownMember) return respond(joinError(req.memberId, ErrorCode.UNKNOWN_MEMBER_ID));
      group = this.ctx.createGroup(req.groupId);
    }

    if (!this.acceptJoiningMember(group, req.memberId)) {
      const existing = group.get(req.memberId);
      if (existing) this.removeMemberAndUpdateGroup(group, existing);
      respond(joinError('', ErrorCode.GROUP_MAX_SIZE_REACHED));
    } else if (isUnknownMember) {
      this.doNewMemberJoin(group, req, respond);
    } else {
      this.doCurrentMemberJoin(group, req, respond);
    }

    if (group.is(GroupState.PreparingRebalance)) this.tryCompleteJoin(group);
    this.ctx.discardIfUnused(group);
  }

  /** group.max.size: while rebalancing count rejoined members, so the last rejoiners are the ones turned away. */
  private acceptJoiningMember(group: ClassicGroup, memberId: string): boolean {
    const max = this.ctx.maxGroupSize;
    switch (group.state) {
      case GroupState.Empty:
      case GroupState.Dead:
        return true;
      case GroupState.PreparingRebalance: {
        const m = group.get(memberId);
        if (m && m.awaitingJoin) return true;
        let awaiting = 0;
        for (const x of group.members.values()) if (x.awaitingJoin) awaiting++;
        return awaiting < max;
      }
      default:
        return group.has(memberId) || group.members.size < max;
    }
  }

  private doNewMemberJoin(group: ClassicGroup, req: JoinGroupRequest, respond: JoinCallback): void {
    if (group.is(GroupState.Dead)) return respond(joinError('', ErrorCode.COORDINATOR_NOT_AVAILABLE));
    if (!group.supportsProtocols(req.protocolType, req.protocols.map((p) => p.name))) {
      return respond(joinError('', ErrorCode.INCONSISTENT_GROUP_PROTOCOL));
    }
    const newMemberId = group.generateMemberId(req.clientId, req.groupInstanceId);
    if (req.groupInstanceId !== null) {
      const oldMemberId = group.staticMemberId(req.groupInstanceId);
      if (oldMemberId !== undefined) this.updateStaticMemberAndRebalance(group, oldMemberId, newMemberId, req, respond);
      else this.addMemberAndRebalance(group, newMemberId, req, respond);
    } else if (req.apiVersion >= 4) {
      // KIP-394: hand out the id first; the member only counts once it joins with it.
      group.pendingMembers.add(newMemberId);
      this.scheduleHeartbeatExpiration(group, newMemberId, req.sessionTimeoutMs);
      respond(joinError(newMemberId, ErrorCode.MEMBER_ID_REQUIRED));
    } else {
      this.addMemberAndRebalance(group, newMemberId, req, respond);
    }
  }

  private doCurrentMemberJoin(group: ClassicGroup, req: JoinGroupRequest, respond: JoinCallback): void {
    const memberId = req.memberId;
    if (group.is(GroupState.Dead)) return respond(joinError(memberId, ErrorCode.COORDINATOR_NOT_AVAILABLE));
    if (!group.supportsProtocols(req.protocolType, req.protocols.map((p) => p.name))) {
      return respond(joinError(memberId, ErrorCode.INCONSISTENT_GROUP_PROTOCOL));
    }
    if (group.pendingMembers.has(memberId)) {
      // Pending ids are only handed to dynamic members.
      if (req.groupInstanceId !== null) return respond(joinError(memberId, ErrorCode.UNKNOWN_MEMBER_ID));
      return this.addMemberAndRebalance(group, memberId, req, respond);
    }
    const invalid = validateMember(group, memberId, req.groupInstanceId);
    if (invalid !== ErrorCode.NONE) return respond(joinError(memberId, invalid));
    const member = group.get(memberId)!;
    switch (group.state) {
      case GroupState.PreparingRebalance:
        return this.updateMemberAndRebalance(group, member, req, respond);
      case GroupState.CompletingRebalance:
        // Same metadata: the member lost our join response; send it again.
        if (member.matches(req.protocols)) return respond(this.currentJoinResponse(group, member));
        return this.updateMemberAndRebalance(group, member, req, respond);
      case GroupState.Stable:
        // Followers rejoining unchanged do not disturb the group; the leader may rejoin to force a rebalance.
        if (group.isLeader(memberId) || !member.matches(req.protocols)) {
          return this.updateMemberAndRebalance(group, member, req, respond);
        }
        return respond(this.currentJoinResponse(group, member));
      default:
        return respond(joinError(memberId, ErrorCode.UNKNOWN_MEMBER_ID));
    }
  }

  private currentJoinResponse(group: ClassicGroup, member: Member): JoinGroupResponse {
    return {
      errorCode: ErrorCode.NONE,
      generationId: group.generationId,
      protocolType: group.protocolType,
      protocolName: group.protocolName,
      leader: group.leaderId ?? '',
      memberId: member.memberId,
      members: group.isLeader(member.memberId) ? group.currentMemberList() : [],
      skipAssignment: false,
    };
  }

  private addMemberAndRebalance(group: ClassicGroup, memberId: string, req: JoinGroupRequest, respond: JoinCallback): void {
    const member = new Member(
      memberId,
      req.groupInstanceId,
      req.clientId,
      req.clientHost,
      req.rebalanceTimeoutMs,
      req.sessionTimeoutMs,
      req.protocolType,
      req.protocols,
    );
    member.isNew = true;
    // Lets the initial delayed join extend itself while new members keep arriving.
    if (group.is(GroupState.PreparingRebalance) && group.generationId === 0) group.newMemberAdded = true;
    group.add(member, respond);
    this.scheduleHeartbeatExpiration(group, memberId, NEW_MEMBER_JOIN_TIMEOUT_MS);
    this.maybePrepareRebalance(group);
  }

  private updateMemberAndRebalance(group: ClassicGroup, member: Member, req: JoinGroupRequest, respond: JoinCallback): void {
    group.updateMember(member, req.protocols, req.rebalanceTimeoutMs, req.sessionTimeoutMs, respond, ErrorCode.REBALANCE_IN_PROGRESS);
    this.maybePrepareRebalance(group);
  }

  private updateStaticMemberAndRebalance(
    group: ClassicGroup,
    oldMemberId: string,
    newMemberId: string,
    req: JoinGroupRequest,
    respond: JoinCallback,
  ): void {
    const previousLeader = group.leaderId;
    this.ctx.timers.cancel(heartbeatKey(group.groupId, oldMemberId));
    const member = group.replaceStaticMember(req.groupInstanceId!, oldMemberId, newMemberId, ErrorCode.FENCED_INSTANCE_ID);
    this.scheduleHeartbeatExpiration(group, newMemberId, member.sessionTimeoutMs);
    group.updateMember(member, req.protocols, req.rebalanceTimeoutMs, req.sessionTimeoutMs, respond, ErrorCode.REBALANCE_IN_PROGRESS);
    switch (group.state) {
      case GroupState.Stable: {
        if (group.selectProtocol() !== group.protocolName) return this.maybePrepareRebalance(group);
        // A restarted static member gets its old assignment back without a rebalance.
        try {
          this.ctx.storeGroup(group);
        } catch {
          group.completeJoin(member, joinError(newMemberId, ErrorCode.COORDINATOR_NOT_AVAILABLE));
          return;
        }
        const isLeader = group.isLeader(newMemberId);
        const supportsSkip = req.apiVersion >= 9;
        group.completeJoin(member, {
          errorCode: ErrorCode.NONE,
          generationId: group.generationId,
          protocolType: group.protocolType,
          protocolName: group.protocolName,
          members: isLeader && supportsSkip ? group.currentMemberList() : [],
          memberId: newMemberId,
          // Old clients must not think they lead (their assignment would not be propagated in Stable).
          leader: (supportsSkip ? group.leaderId : previousLeader) ?? '',
          skipAssignment: isLeader && supportsSkip,
        });
        return;
      }
      case GroupState.CompletingRebalance:
        // The leader may be assigning to the old id; start over so the new id gets an assignment.
        return this.prepareRebalance(group);
      case GroupState.PreparingRebalance:
        return;
      default:
        group.completeJoin(member, joinError(newMemberId, ErrorCode.UNKNOWN_MEMBER_ID));
    }
  }

  // ---------------------------------------------------------------- rebalance phases

  private maybePrepareRebalance(group: ClassicGroup): void {
    if (group.canRebalance()) this.prepareRebalance(group);
  }

  private prepareRebalance(group: ClassicGroup): void {
    if (group.is(GroupState.CompletingRebalance)) this.resetAndPropagateAssignmentError(group, ErrorCode.REBALANCE_IN_PROGRESS);
    this.ctx.timers.cancel(syncKey(group.groupId));
    const initial = group.is(GroupState.Empty);
    group.transitionTo(GroupState.PreparingRebalance, this.ctx.now());
    if (initial) {
      // group.initial.rebalance.delay.ms: give other members of a fresh group a chance to arrive.
      const delay = this.ctx.initialRebalanceDelayMs;
      group.initialJoinRemainingMs = Math.max(group.rebalanceTimeoutMs() - delay, 0);
      group.newMemberAdded = false;
      this.scheduleJoin(group, delay);
    } else {
      group.initialJoinRemainingMs = null;
      this.scheduleJoin(group, group.rebalanceTimeoutMs());
      this.tryCompleteJoin(group);
    }
  }

  private scheduleJoin(group: ClassicGroup, delayMs: number): void {
    this.ctx.timers.schedule(joinKey(group.groupId), delayMs, () => this.onJoinTimer(group));
  }

  /** Completes the join phase early once every member (and no pending one) has rejoined. */
  private tryCompleteJoin(group: ClassicGroup): void {
    if (!group.is(GroupState.PreparingRebalance)) return;
    if (group.initialJoinRemainingMs !== null) return; // the initial delay always runs its course
    if (!group.hasAllMembersJoined()) return;
    this.ctx.timers.cancel(joinKey(group.groupId));
    this.onCompleteJoin(group);
  }

  private onJoinTimer(group: ClassicGroup): void {
    if (!this.isLive(group) || !group.is(GroupState.PreparingRebalance)) return;
    const remaining = group.initialJoinRemainingMs;
    if (remaining !== null && group.newMemberAdded && remaining > 0) {
      group.newMemberAdded = false;
      const delay = Math.min(this.ctx.initialRebalanceDelayMs, remaining);
      group.initialJoinRemainingMs = Math.max(remaining - delay, 0);
      this.scheduleJoin(group, delay);
      return;
    }
    this.onCompleteJoin(group);
  }

  private onCompleteJoin(group: ClassicGroup): void {
    this.ctx.timers.cancel(joinKey(group.groupId));
    group.initialJoinRemainingMs = null;
    // Dynamic members that did not rejoin in time are out; static ones keep their slot until their session expires.
    for (const m of group.notYetRejoinedMembers()) {
      if (!m.isStatic) this.removeMember(group, m, ErrorCode.UNKNOWN_MEMBER_ID);
    }
    if (group.is(GroupState.Dead)) return;
    if (!group.maybeElectNewJoinedLeader() && group.members.size > 0) {
      // Only absent static members are left: wait another round for them to rejoin or expire.
      this.scheduleJoin(group, group.rebalanceTimeoutMs());
      return;
    }
    group.initNextGeneration(this.ctx.now());
    if (group.is(GroupState.Empty)) {
      try {
        this.ctx.storeGroup(group);
      } catch {
        /* the in-memory group stays valid; the next store retries */
      }
      return;
    }
    for (const member of group.members.values()) {
      group.completeJoin(member, {
        errorCode: ErrorCode.NONE,
        generationId: group.generationId,
        protocolType: group.protocolType,
        protocolName: group.protocolName,
        leader: group.leaderId ?? '',
        memberId: member.memberId,
        members: group.isLeader(member.memberId) ? group.currentMemberList() : [],
        skipAssignment: false,
      });
      member.isNew = false;
      this.scheduleHeartbeatExpiration(group, member.memberId, member.sessionTimeoutMs);
      group.pendingSyncMembers.add(member.memberId);
    }
    // Members that never send SyncGroup are removed after the rebalance timeout.
    const generation = group.generationId;
    this.ctx.timers.schedule(syncKey(group.groupId), group.rebalanceTimeoutMs(), () => this.onPendingSyncExpired(group, generation));
  }

  private onPendingSyncExpired(group: ClassicGroup, generation: number): void {
    if (!this.isLive(group) || group.generationId !== generation) return;
    if (!group.is(GroupState.CompletingRebalance) && !group.is(GroupState.Stable)) return;
    if (group.pendingSyncMembers.size === 0) return;
    for (const id of [...group.pendingSyncMembers]) {
      const m = group.get(id);
      if (m) this.removeMember(group, m, ErrorCode.UNKNOWN_MEMBER_ID);
    }
    this.maybePrepareRebalance(group);
  }

  private resetAndPropagateAssignmentError(group: ClassicGroup, errorCode: number): void {
    for (const m of group.members.values()) m.assignment = Buffer.alloc(0);
    for (const m of group.members.values()) {
      if (group.completeSync(m, syncError(errorCode))) this.scheduleHeartbeatExpiration(group, m.memberId, m.sessionTimeoutMs);
    }
  }

  private setAndPropagateAssignment(group: ClassicGroup, assignment: Map<string, Buffer>): void {
    for (const m of group.members.values()) m.assignment = assignment.get(m.memberId) ?? Buffer.alloc(0);
    for (const m of group.members.values()) {
      const answered = group.completeSync(m, {
        errorCode: ErrorCode.NONE,
        protocolType: group.protocolType,
        protocolName: group.protocolName,
        assignment: m.assignment,
      });
      if (answered) this.scheduleHeartbeatExpiration(group, m.memberId, m.sessionTimeoutMs);
    }
  }

  // ---------------------------------------------------------------- SyncGroup

  syncGroup(req: SyncGroupRequest): Promise<SyncGroupResponse> {
    return new Promise((resolve) => this.handleSync(req, resolve));
  }

  private handleSync(req: SyncGroupRequest, respond: SyncCallback): void {
    if (!this.ctx.isActive()) return respond(syncError(ErrorCode.COORDINATOR_NOT_AVAILABLE));
    if (req.groupId === '') return respond(syncError(ErrorCode.INVALID_GROUP_ID));
    const group = this.ctx.getGroup(req.groupId);
    if (!group) return respond(syncError(ErrorCode.UNKNOWN_MEMBER_ID));
    if (group.is(GroupState.Dead)) return respond(syncError(ErrorCode.COORDINATOR_NOT_AVAILABLE));
    const invalid = validateMember(group, req.memberId, req.groupInstanceId);
    if (invalid !== ErrorCode.NONE) return respond(syncError(invalid));
    if (req.generationId !== group.generationId) return respond(syncError(ErrorCode.ILLEGAL_GENERATION));
    if (req.protocolType !== null && req.protocolType !== group.protocolType) {
      return respond(syncError(ErrorCode.INCONSISTENT_GROUP_PROTOCOL));
    }
    if (req.protocolName !== null && req.protocolName !== group.protocolName) {
      return respond(syncError(ErrorCode.INCONSISTENT_GROUP_PROTOCOL));
    }
    const member = group.get(req.memberId)!;
    switch (group.state) {
      case GroupState.Empty:
        return respond(syncError(ErrorCode.UNKNOWN_MEMBER_ID));
      case GroupState.PreparingRebalance:
        return respond(syncError(ErrorCode.REBALANCE_IN_PROGRESS));
      case GroupState.CompletingRebalance: {
        const previous = member.awaitingSync;
        member.awaitingSync = respond;
        // An older sync of the same member is answered rather than left hanging.
        previous?.(syncError(ErrorCode.REBALANCE_IN_PROGRESS));
        this.removePendingSyncMember(group, req.memberId);
        if (group.isLeader(req.memberId)) {
          const assignment = new Map<string, Buffer>();
          for (const a of req.assignments) if (group.has(a.memberId)) assignment.set(a.memberId, a.assignment);
          for (const id of group.members.keys()) if (!assignment.has(id)) assignment.set(id, Buffer.alloc(0));
          try {
            this.ctx.storeGroup(group, assignment);
          } catch {
            this.resetAndPropagateAssignmentError(group, ErrorCode.COORDINATOR_NOT_AVAILABLE);
            this.maybePrepareRebalance(group);
            return;
          }
          this.setAndPropagateAssignment(group, assignment);
          group.transitionTo(GroupState.Stable, this.ctx.now());
        }
        return;
      }
      case GroupState.Stable:
        this.removePendingSyncMember(group, req.memberId);
        respond({
          errorCode: ErrorCode.NONE,
          protocolType: group.protocolType,
          protocolName: group.protocolName,
          assignment: member.assignment,
        });
        this.scheduleHeartbeatExpiration(group, req.memberId, member.sessionTimeoutMs);
        return;
      default:
        return respond(syncError(ErrorCode.COORDINATOR_NOT_AVAILABLE));
    }
  }

  private removePendingSyncMember(group: ClassicGroup, memberId: string): void {
    group.pendingSyncMembers.delete(memberId);
    if (group.pendingSyncMembers.size === 0) this.ctx.timers.cancel(syncKey(group.groupId));
  }

  // ---------------------------------------------------------------- Heartbeat

  heartbeat(req: HeartbeatRequest): { errorCode: number } {
    if (!this.ctx.isActive()) return { errorCode: ErrorCode.COORDINATOR_NOT_AVAILABLE };
    if (req.groupId === '') return { errorCode: ErrorCode.INVALID_GROUP_ID };
    const group = this.ctx.getGroup(req.groupId);
    if (!group) return { errorCode: ErrorCode.UNKNOWN_MEMBER_ID };
    if (group.is(GroupState.Dead)) return { errorCode: ErrorCode.COORDINATOR_NOT_AVAILABLE };
    const invalid = validateMember(group, req.memberId, req.groupInstanceId);
    if (invalid !== ErrorCode.NONE) return { errorCode: invalid };
    if (req.generationId !== group.generationId) return { errorCode: ErrorCode.ILLEGAL_GENERATION };
    const member = group.get(req.memberId)!;
    switch (group.state) {
      case GroupState.Empty:
        return { errorCode: ErrorCode.UNKNOWN_MEMBER_ID };
      case GroupState.PreparingRebalance:
        this.scheduleHeartbeatExpiration(group, member.memberId, member.sessionTimeoutMs);
        return { errorCode: ErrorCode.REBALANCE_IN_PROGRESS };
      default:
        // CompletingRebalance too: consumers may heartbeat between their join and sync.
        this.scheduleHeartbeatExpiration(group, member.memberId, member.sessionTimeoutMs);
        return { errorCode: ErrorCode.NONE };
    }
  }

  /** Keeps a member alive on traffic other than heartbeats (OffsetCommit), as Kafka does. */
  touchMember(group: ClassicGroup, memberId: string): void {
    const m = group.get(memberId);
    if (m) this.scheduleHeartbeatExpiration(group, memberId, m.sessionTimeoutMs);
  }

  // ---------------------------------------------------------------- LeaveGroup

  leaveGroup(req: LeaveGroupRequest): LeaveGroupResponse {
    if (!this.ctx.isActive()) return { errorCode: ErrorCode.COORDINATOR_NOT_AVAILABLE, members: [] };
    if (req.groupId === '') return { errorCode: ErrorCode.INVALID_GROUP_ID, members: [] };
    const group = this.ctx.getGroup(req.groupId);
    if (!group) {
      return {
        errorCode: ErrorCode.NONE,
        members: req.members.map((m) => ({ ...m, errorCode: ErrorCode.UNKNOWN_MEMBER_ID })),
      };
    }
    if (group.is(GroupState.Dead)) return { errorCode: ErrorCode.COORDINATOR_NOT_AVAILABLE, members: [] };
    const members = req.members.map((leaving) => ({
      memberId: leaving.memberId,
      groupInstanceId: leaving.groupInstanceId,
      errorCode: this.leaveOne(group, leaving.memberId, leaving.groupInstanceId),
    }));
    return { errorCode: ErrorCode.NONE, members };
  }

  private leaveOne(group: ClassicGroup, memberId: string, groupInstanceId: string | null): number {
    if (memberId === '') {
      // Admin removal of a static member by instance id (kafka-consumer-groups --delete-members).
      const current = groupInstanceId === null ? undefined : group.staticMemberId(groupInstanceId);
      if (current === undefined) return ErrorCode.UNKNOWN_MEMBER_ID;
      this.removeMemberAndUpdateGroup(group, group.get(current)!);
      return ErrorCode.NONE;
    }
    if (group.pendingMembers.has(memberId)) {
      this.removePendingMemberAndUpdateGroup(group, memberId);
      return ErrorCode.NONE;
    }
    const invalid = validateMember(group, memberId, groupInstanceId);
    if (invalid !== ErrorCode.NONE) return invalid;
    this.removeMemberAndUpdateGroup(group, group.get(memberId)!);
    return ErrorCode.NONE;
  }

  // ---------------------------------------------------------------- member expiry and removal

  private scheduleHeartbeatExpiration(group: ClassicGroup, memberId: string, timeoutMs: number): void {
    this.ctx.timers.schedule(heartbeatKey(group.groupId, memberId), timeoutMs, () => this.onHeartbeatExpired(group, memberId));
  }

  private onHeartbeatExpired(group: ClassicGroup, memberId: string): void {
    if (!this.isLive(group)) return;
    if (group.pendingMembers.has(memberId)) {
      this.removePendingMemberAndUpdateGroup(group, memberId);
      return;
    }
    const member = group.get(memberId);
    // Parked join/sync long-polls count as liveness; they are re-armed when the phase completes.
    if (!member || member.hasSatisfiedHeartbeat()) return;
    this.removeMemberAndUpdateGroup(group, member);
  }

  private removePendingMemberAndUpdateGroup(group: ClassicGroup, memberId: string): void {
    group.pendingMembers.delete(memberId);
    this.ctx.timers.cancel(heartbeatKey(group.groupId, memberId));
    if (group.is(GroupState.PreparingRebalance)) this.tryCompleteJoin(group);
    this.ctx.discardIfUnused(group);
  }

  /** Removes a member (expired or leaving) and moves the group on. */
  removeMemberAndUpdateGroup(group: ClassicGroup, member: Member): void {
    // UNKNOWN_MEMBER_ID tells a still-living client to rejoin from scratch.
    this.removeMember(group, member, ErrorCode.UNKNOWN_MEMBER_ID);
    switch (group.state) {
      case GroupState.Stable:
      case GroupState.CompletingRebalance:
        this.maybePrepareRebalance(group);
        break;
      case GroupState.PreparingRebalance:
        this.tryCompleteJoin(group);
        break;
      default:
        break;
    }
  }

  private removeMember(group: ClassicGroup, member: Member, errorCode: number): void {
    group.completeJoin(member, joinError('', errorCode));
    group.completeSync(member, syncError(errorCode));
    group.remove(member.memberId);
    this.ctx.timers.cancel(heartbeatKey(group.groupId, member.memberId));
  }

  // ---------------------------------------------------------------- lifecycle

  /** Arms session timers for members restored from disk (they must heartbeat or expire). */
  armRestoredMembers(group: ClassicGroup): void {
    for (const m of group.members.values()) this.scheduleHeartbeatExpiration(group, m.memberId, m.sessionTimeoutMs);
  }

  /** Answers every parked long-poll of a group that is going away and cancels its timers. */
  unload(group: ClassicGroup, errorCode: number): void {
    for (const m of group.members.values()) {
      group.completeJoin(m, joinError(m.memberId, errorCode));
      group.completeSync(m, syncError(errorCode));
      this.ctx.timers.cancel(heartbeatKey(group.groupId, m.memberId));
    }
    for (const id of group.pendingMembers) this.ctx.timers.cancel(heartbeatKey(group.groupId, id));
    this.ctx.timers.cancel(joinKey(group.groupId));
    this.ctx.timers.cancel(syncKey(group.groupId));
  }

  private isLive(group: ClassicGroup): boolean {
    return this.ctx.isActive() && this.ctx.getGroup(group.groupId) === group && !group.is(GroupState.Dead);
  }
}

/** Static-member fencing, then membership (Kafka's validateMember). */
export function validateMember(group: ClassicGroup, memberId: string, groupInstanceId: string | null): number {
  if (groupInstanceId !== null) {
    const existing = group.staticMemberId(groupInstanceId);
    if (existing === undefined) return ErrorCode.UNKNOWN_MEMBER_ID;
    if (existing !== memberId) return ErrorCode.FENCED_INSTANCE_ID;
  }
  return group.has(memberId) ? ErrorCode.NONE : ErrorCode.UNKNOWN_MEMBER_ID;
}
