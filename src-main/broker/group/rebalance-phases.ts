/**
 * The phases of a classic rebalance, following Kafka's GroupCoordinator: PreparingRebalance (the
 * join phase, with the initial delayed join), CompletingRebalance (waiting for the leader's
 * assignment, with the pending-sync timeout) and the hand-out of assignments to parked syncs.
 */
import { ErrorCode } from '../../kafka-protocol/index.js';
import type { ClassicGroup } from './group.js';
import { GroupState } from './group-state.js';
import { Membership } from './membership.js';
import { isLive, joinKey, joinResponseFor, syncKey, type RebalanceContext } from './rebalance-context.js';
import { syncError } from './types.js';

export class RebalancePhases {
  /** Built here because the two call into each other: removals can end a join phase, and ending one removes laggards. */
  readonly members: Membership;

  constructor(private readonly ctx: RebalanceContext) {
    this.members = new Membership(ctx, this);
  }

  maybePrepareRebalance(group: ClassicGroup): void {
    if (group.canRebalance()) this.prepareRebalance(group);
  }

  prepareRebalance(group: ClassicGroup): void {
    if (group.is(GroupState.CompletingRebalance))
      this.resetAndPropagateAssignmentError(group, ErrorCode.REBALANCE_IN_PROGRESS);
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
  tryCompleteJoin(group: ClassicGroup): void {
    if (!group.is(GroupState.PreparingRebalance)) return;
    if (group.initialJoinRemainingMs !== null) return; // the initial delay always runs its course
    if (!group.hasAllMembersJoined()) return;
    this.ctx.timers.cancel(joinKey(group.groupId));
    this.onCompleteJoin(group);
  }

  private onJoinTimer(group: ClassicGroup): void {
    if (!isLive(this.ctx, group) || !group.is(GroupState.PreparingRebalance)) return;
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
      if (!m.isStatic) this.members.removeMember(group, m, ErrorCode.UNKNOWN_MEMBER_ID);
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
      group.completeJoin(member, joinResponseFor(group, member));
      member.isNew = false;
      this.members.scheduleHeartbeatExpiration(group, member.memberId, member.sessionTimeoutMs);
      group.pendingSyncMembers.add(member.memberId);
    }
    // Members that never send SyncGroup are removed after the rebalance timeout.
    const generation = group.generationId;
    this.ctx.timers.schedule(syncKey(group.groupId), group.rebalanceTimeoutMs(), () =>
      this.onPendingSyncExpired(group, generation),
    );
  }

  private onPendingSyncExpired(group: ClassicGroup, generation: number): void {
    if (!isLive(this.ctx, group) || group.generationId !== generation) return;
    if (!group.is(GroupState.CompletingRebalance) && !group.is(GroupState.Stable)) return;
    if (group.pendingSyncMembers.size === 0) return;
    for (const id of [...group.pendingSyncMembers]) {
      const m = group.get(id);
      if (m) this.members.removeMember(group, m, ErrorCode.UNKNOWN_MEMBER_ID);
    }
    this.maybePrepareRebalance(group);
  }

  resetAndPropagateAssignmentError(group: ClassicGroup, errorCode: number): void {
    for (const m of group.members.values()) m.assignment = Buffer.alloc(0);
    for (const m of group.members.values()) {
      if (group.completeSync(m, syncError(errorCode)))
        this.members.scheduleHeartbeatExpiration(group, m.memberId, m.sessionTimeoutMs);
    }
  }

  setAndPropagateAssignment(group: ClassicGroup, assignment: Map<string, Buffer>): void {
    for (const m of group.members.values()) m.assignment = assignment.get(m.memberId) ?? Buffer.alloc(0);
    for (const m of group.members.values()) {
      const answered = group.completeSync(m, {
        errorCode: ErrorCode.NONE,
        protocolType: group.protocolType,
        protocolName: group.protocolName,
        assignment: m.assignment,
      });
      if (answered) this.members.scheduleHeartbeatExpiration(group, m.memberId, m.sessionTimeoutMs);
    }
  }
}
