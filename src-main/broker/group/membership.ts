/**
 * Member liveness: Heartbeat, LeaveGroup, session expiry and member removal. Removing a member
 * moves the group on (a new rebalance, or the end of the current join phase).
 */
import { ErrorCode } from '../../kafka-protocol/index.js';
import type { ClassicGroup } from './group.js';
import { GroupState } from './group-state.js';
import type { Member } from './member.js';
import { heartbeatKey, isLive, validateMember, type RebalanceContext } from './rebalance-context.js';
import type { RebalancePhases } from './rebalance-phases.js';
import {
  joinError,
  syncError,
  type HeartbeatRequest,
  type LeaveGroupRequest,
  type LeaveGroupResponse,
} from './types.js';

export class Membership {
  constructor(
    private readonly ctx: RebalanceContext,
    private readonly phases: RebalancePhases,
  ) {}

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

  // ---------------------------------------------------------------- expiry and removal

  scheduleHeartbeatExpiration(group: ClassicGroup, memberId: string, timeoutMs: number): void {
    this.ctx.timers.schedule(heartbeatKey(group.groupId, memberId), timeoutMs, () =>
      this.onHeartbeatExpired(group, memberId),
    );
  }

  private onHeartbeatExpired(group: ClassicGroup, memberId: string): void {
    if (!isLive(this.ctx, group)) return;
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
    if (group.is(GroupState.PreparingRebalance)) this.phases.tryCompleteJoin(group);
    this.ctx.discardIfUnused(group);
  }

  /** Removes a member (expired or leaving) and moves the group on. */
  removeMemberAndUpdateGroup(group: ClassicGroup, member: Member): void {
    // UNKNOWN_MEMBER_ID tells a still-living client to rejoin from scratch.
    this.removeMember(group, member, ErrorCode.UNKNOWN_MEMBER_ID);
    switch (group.state) {
      case GroupState.Stable:
      case GroupState.CompletingRebalance:
        this.phases.maybePrepareRebalance(group);
        break;
      case GroupState.PreparingRebalance:
        this.phases.tryCompleteJoin(group);
        break;
      default:
        break;
    }
  }

  /** Answers the member's parked join/sync with errorCode and forgets it; does not move the group on. */
  removeMember(group: ClassicGroup, member: Member, errorCode: number): void {
    group.completeJoin(member, joinError('', errorCode));
    group.completeSync(member, syncError(errorCode));
    group.remove(member.memberId);
    this.ctx.timers.cancel(heartbeatKey(group.groupId, member.memberId));
  }
}
