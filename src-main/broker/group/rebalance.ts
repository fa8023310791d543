/**
 * How a classic group moves through a rebalance, after Kafka's GroupCoordinator: the join phase
 * (with the delayed initial rebalance of a new group), the wait for the leader's assignment, and
 * member sessions. Arms every timer of the protocol; the requests that drive it are in
 * membership.ts.
 *
 * Reading order: join phase, sync phase, member sessions and removal, lifecycle, then the timers
 * (which the coordinator creates and shares for its retention check).
 */
import { ErrorCode } from '../../kafka-protocol/index.js';
import type { ClassicGroup, Member } from './group.js';
import type { GroupRegistry } from './registry.js';
import { GroupState, joinError, syncError, type SyncGroupRequest } from './types.js';

// One timer per key: re-arming a key replaces the previous timer.
const heartbeatKey = (g: string, m: string): string => `hb\u0000${g}\u0000${m}`;
const joinKey = (g: string): string => `join\u0000${g}`;
const syncKey = (g: string): string => `sync\u0000${g}`;

export interface RebalanceOptions {
  /** group.initial.rebalance.delay.ms */
  initialRebalanceDelayMs: number;
  now(): number;
}

export class ClassicRebalance {
  constructor(
    private readonly registry: GroupRegistry,
    private readonly timers: Timers,
    private readonly opts: RebalanceOptions,
  ) {}

  // ---------------------------------------------------------------- join phase

  maybePrepareRebalance(group: ClassicGroup): void {
    if (group.canRebalance()) this.prepareRebalance(group);
  }

  prepareRebalance(group: ClassicGroup): void {
    if (group.is(GroupState.CompletingRebalance)) {
      this.resetAndPropagateAssignmentError(group, ErrorCode.REBALANCE_IN_PROGRESS);
    }
    this.timers.cancel(syncKey(group.groupId));
    const initial = group.is(GroupState.Empty);
    group.transitionTo(GroupState.PreparingRebalance, this.opts.now());
    if (initial) {
      // group.initial.rebalance.delay.ms: give other members of a fresh group a chance to arrive.
      const delay = this.opts.initialRebalanceDelayMs;
      group.initialJoinRemainingMs = Math.max(group.rebalanceTimeoutMs() - delay, 0);
      group.newMemberAdded = false;
      this.scheduleJoin(group, delay);
    } else {
      group.initialJoinRemainingMs = null;
      this.scheduleJoin(group, group.rebalanceTimeoutMs());
      this.tryCompleteJoinPhase(group);
    }
  }

  private scheduleJoin(group: ClassicGroup, delayMs: number): void {
    this.timers.schedule(joinKey(group.groupId), delayMs, () => this.onJoinTimer(group));
  }

  /** Completes the join phase early once every member (and no pending one) has rejoined. */
  tryCompleteJoinPhase(group: ClassicGroup): void {
    if (!group.is(GroupState.PreparingRebalance)) return;
    if (group.initialJoinRemainingMs !== null) return; // the initial delay always runs its course
    if (!group.hasAllMembersJoined()) return;
    this.timers.cancel(joinKey(group.groupId));
    this.completeJoinPhase(group);
  }

  private onJoinTimer(group: ClassicGroup): void {
    if (!this.registry.isLive(group) || !group.is(GroupState.PreparingRebalance)) return;
    const remaining = group.initialJoinRemainingMs;
    if (remaining !== null && group.newMemberAdded && remaining > 0) {
      group.newMemberAdded = false;
      const delay = Math.min(this.opts.initialRebalanceDelayMs, remaining);
      group.initialJoinRemainingMs = Math.max(remaining - delay, 0);
      this.scheduleJoin(group, delay);
      return;
    }
    this.completeJoinPhase(group);
  }

  private completeJoinPhase(group: ClassicGroup): void {
    this.timers.cancel(joinKey(group.groupId));
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
    group.initNextGeneration(this.opts.now());
    if (group.is(GroupState.Empty)) {
      try {
        this.registry.storeGroup(group);
      } catch {
        /* the in-memory group stays valid; the next store retries */
      }
      return;
    }
    for (const member of group.members.values()) {
      group.completeJoin(member, group.joinResponse(member));
      member.isNew = false;
      this.scheduleHeartbeatExpiration(group, member.memberId, member.sessionTimeoutMs);
      group.pendingSyncMembers.add(member.memberId);
    }
    // Members that never send SyncGroup are removed after the rebalance timeout.
    const generation = group.generationId;
    this.timers.schedule(syncKey(group.groupId), group.rebalanceTimeoutMs(), () =>
      this.onPendingSyncExpired(group, generation),
    );
  }

  // ---------------------------------------------------------------- sync phase

  /** The leader's assignment is stored first, then handed to every parked member; the group is Stable. */
  completeAssignment(group: ClassicGroup, assignments: SyncGroupRequest['assignments']): void {
    const assignment = new Map<string, Buffer>();
    for (const a of assignments) if (group.has(a.memberId)) assignment.set(a.memberId, a.assignment);
    for (const id of group.members.keys()) if (!assignment.has(id)) assignment.set(id, Buffer.alloc(0));
    try {
      this.registry.storeGroup(group, assignment);
    } catch {
      this.resetAndPropagateAssignmentError(group, ErrorCode.COORDINATOR_NOT_AVAILABLE);
      this.maybePrepareRebalance(group);
      return;
    }
    this.propagateAssignment(group, assignment);
    group.transitionTo(GroupState.Stable, this.opts.now());
  }

  /** Once every member has synced, the pending-sync timeout has nothing left to expire. */
  removePendingSyncMember(group: ClassicGroup, memberId: string): void {
    group.pendingSyncMembers.delete(memberId);
    if (group.pendingSyncMembers.size === 0) this.timers.cancel(syncKey(group.groupId));
  }

  private onPendingSyncExpired(group: ClassicGroup, generation: number): void {
    if (!this.registry.isLive(group) || group.generationId !== generation) return;
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
      if (group.completeSync(m, syncError(errorCode)))
        this.scheduleHeartbeatExpiration(group, m.memberId, m.sessionTimeoutMs);
    }
  }

  private propagateAssignment(group: ClassicGroup, assignment: Map<string, Buffer>): void {
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

  // ---------------------------------------------------------------- member sessions and removal

  scheduleHeartbeatExpiration(group: ClassicGroup, memberId: string, timeoutMs: number): void {
    this.timers.schedule(heartbeatKey(group.groupId, memberId), timeoutMs, () =>
      this.onHeartbeatExpired(group, memberId),
    );
  }

  private onHeartbeatExpired(group: ClassicGroup, memberId: string): void {
    if (!this.registry.isLive(group)) return;
    if (group.pendingMembers.has(memberId)) return this.removePendingMemberAndUpdateGroup(group, memberId);
    const member = group.get(memberId);
    // Parked join/sync long-polls count as liveness; they are re-armed when the phase completes.
    if (!member || member.hasSatisfiedHeartbeat()) return;
    this.removeMemberAndUpdateGroup(group, member);
  }

  removePendingMemberAndUpdateGroup(group: ClassicGroup, memberId: string): void {
    group.pendingMembers.delete(memberId);
    this.timers.cancel(heartbeatKey(group.groupId, memberId));
    if (group.is(GroupState.PreparingRebalance)) this.tryCompleteJoinPhase(group);
    this.registry.discardIfUnused(group);
  }

  /** Removes a member (expired or leaving) and moves the group on: a new rebalance, or the end of the current join phase. */
  removeMemberAndUpdateGroup(group: ClassicGroup, member: Member): void {
    // UNKNOWN_MEMBER_ID tells a still-living client to rejoin from scratch.
    this.removeMember(group, member, ErrorCode.UNKNOWN_MEMBER_ID);
    if (group.is(GroupState.Stable) || group.is(GroupState.CompletingRebalance)) this.maybePrepareRebalance(group);
    else if (group.is(GroupState.PreparingRebalance)) this.tryCompleteJoinPhase(group);
  }

  /** Answers the member's parked join/sync with errorCode and forgets it; does not move the group on. */
  private removeMember(group: ClassicGroup, member: Member, errorCode: number): void {
    group.completeJoin(member, joinError('', errorCode));
    group.completeSync(member, syncError(errorCode));
    group.remove(member.memberId);
    this.timers.cancel(heartbeatKey(group.groupId, member.memberId));
  }

  /** Restarts a member's session timer; OffsetCommit from a member counts as a heartbeat too, as in Kafka. */
  touchMember(group: ClassicGroup, memberId: string): void {
    const m = group.get(memberId);
    if (m) this.scheduleHeartbeatExpiration(group, memberId, m.sessionTimeoutMs);
  }

  /** A static member taking over a slot stops the old member id's session. */
  cancelHeartbeat(group: ClassicGroup, memberId: string): void {
    this.timers.cancel(heartbeatKey(group.groupId, memberId));
  }

  // ---------------------------------------------------------------- lifecycle

  /** Members restored from disk must heartbeat within their session timeout or expire. */
  armRestoredMembers(group: ClassicGroup): void {
    for (const m of group.members.values()) this.scheduleHeartbeatExpiration(group, m.memberId, m.sessionTimeoutMs);
  }

  /** Answers every parked long-poll of a group that is going away and cancels its timers. */
  unload(group: ClassicGroup, errorCode: number): void {
    for (const m of group.members.values()) {
      group.completeJoin(m, joinError(m.memberId, errorCode));
      group.completeSync(m, syncError(errorCode));
      this.timers.cancel(heartbeatKey(group.groupId, m.memberId));
    }
    for (const id of group.pendingMembers) this.timers.cancel(heartbeatKey(group.groupId, id));
    this.timers.cancel(joinKey(group.groupId));
    this.timers.cancel(syncKey(group.groupId));
  }
}

/** Keyed one-shot timers over an injectable setTimeout, so tests can drive time by hand. */
export class Timers {
  private readonly handles = new Map<string, ReturnType<typeof setTimeout>>();

  constructor(
    private readonly setT: typeof setTimeout = setTimeout,
    private readonly clearT: typeof clearTimeout = clearTimeout,
  ) {}

  /** (Re)arms the timer for key; an earlier timer with the same key is cancelled. */
  schedule(key: string, delayMs: number, fn: () => void): void {
    this.cancel(key);
    const handle = this.setT(
      () => {
        // A cleared timer may still fire (fake clocks, races): only the one armed for the key runs.
        if (this.handles.get(key) !== handle) return;
        this.handles.delete(key);
        fn();
      },
      Math.max(0, delayMs),
    );
    // Coordinator timers must never keep the process alive on their own (fake clocks return numbers).
    handle.unref?.();
    this.handles.set(key, handle);
  }

  cancel(key: string): void {
    const h = this.handles.get(key);
    if (h === undefined) return;
    this.handles.delete(key);
    this.clearT(h);
  }

  cancelAll(): void {
    for (const h of this.handles.values()) this.clearT(h);
    this.handles.clear();
  }
}
